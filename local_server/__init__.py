"""A local, offline, httpbin-compatible echo server for learning the aiohttp client."""

from .app import create_app
from .limits import Limits
from .runner import LocalServer, start_local_server, start_local_server_in_thread, stop_local_server
from .silent_listener import SilentListener

__all__ = [
    "Limits",
    "LocalServer",
    "SilentListener",
    "create_app",
    "start_local_server",
    "start_local_server_in_thread",
    "stop_local_server",
]
