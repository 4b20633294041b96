"""A forward proxy on 127.0.0.1 for lesson 14: plain HTTP and CONNECT tunnels, loopback targets only, and a log.

- `targets.judge_target`: the one decision of where the proxy may go (127.0.0.0/8, ::1, ``localhost``);
- `server.ForwardProxy`: the asyncio server (answers, limits, forwarding, tunnels);
- `log.ProxyLog`: what it saw, entry by entry;
- `runner.start_proxy`: the proxy in a background thread, for notebooks and checks.
"""

from .log import ProxyLog, ProxyLogEntry
from .runner import LocalProxy, start_proxy, start_proxy_in_thread, stop_proxies
from .server import ForwardProxy, open_loopback_connection
from .targets import Verdict, judge_target

__all__ = [
    "ForwardProxy",
    "LocalProxy",
    "ProxyLog",
    "ProxyLogEntry",
    "Verdict",
    "judge_target",
    "open_loopback_connection",
    "start_proxy",
    "start_proxy_in_thread",
    "stop_proxies",
]
