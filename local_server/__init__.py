"""A local, offline, httpbin-compatible echo server for learning the aiohttp client."""

from .app import create_app
from .crawl_site import CrawlSite, create_crawl_app, start_crawl_site, start_crawl_site_in_thread, stop_crawl_site
from .dns_server import LocalDNSServer, start_dns_server, stop_dns_server
from .limits import Limits, ProxyLimits
from .proxy import LocalProxy, ProxyLog, ProxyLogEntry, start_proxy, start_proxy_in_thread, stop_proxies
from .runner import LocalServer, start_local_server, start_local_server_in_thread, stop_local_server
from .silent_listener import SilentListener
from .tls import (
    LocalCA,
    TLSServer,
    impostor_ca,
    local_ca,
    start_tls_server,
    start_tls_server_in_thread,
    stop_tls_server,
)

__all__ = [
    "CrawlSite",
    "Limits",
    "LocalCA",
    "LocalDNSServer",
    "LocalProxy",
    "LocalServer",
    "ProxyLimits",
    "ProxyLog",
    "ProxyLogEntry",
    "SilentListener",
    "TLSServer",
    "create_app",
    "create_crawl_app",
    "impostor_ca",
    "local_ca",
    "start_crawl_site",
    "start_crawl_site_in_thread",
    "start_dns_server",
    "start_local_server",
    "start_local_server_in_thread",
    "start_proxy",
    "start_proxy_in_thread",
    "start_tls_server",
    "start_tls_server_in_thread",
    "stop_crawl_site",
    "stop_dns_server",
    "stop_local_server",
    "stop_proxies",
    "stop_tls_server",
]
