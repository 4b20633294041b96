"""The endpoint groups; `local_server.app` holds the routing table that maps paths to them."""
