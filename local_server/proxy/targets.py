"""Where a proxy request wants to go, and the one decision of whether the proxy goes there.

`judge_target` is the only place that decides. It looks at the host exactly as the client wrote it and
allows an IP address in 127.0.0.0/8, the IPv6 loopback ``::1``, and the name ``localhost`` (which it maps to
127.0.0.1 itself). Every other name is refused without being resolved: the proxy never asks DNS (or
/etc/hosts) anything, so no name can lead it off this machine, whatever it would resolve to. Every other
address is refused too. The proxy then connects to the address the verdict gives, and to nothing else.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

LOCALHOST = "localhost"
LOCALHOST_ADDRESS = "127.0.0.1"
"""Where ``localhost`` leads, decided here rather than looked up: the echo servers listen on 127.0.0.1."""
LOOPBACK_V4 = ipaddress.ip_network("127.0.0.0/8")
LOOPBACK_V6 = ipaddress.ip_address("::1")
ONLY_LOOPBACK = "this proxy forwards only to loopback (127.0.0.0/8, ::1, localhost)"


class TargetError(ValueError):
    """A request target that is not a URL or host:port the proxy can read: answered with 400."""


@dataclass(frozen=True)
class Verdict:
    """The proxy's decision about one host: the address to connect to, or why not."""

    address: str | None
    reason: str = ""

    @property
    def allowed(self) -> bool:
        return self.address is not None


def judge_target(host: str) -> Verdict:
    """Allow loopback only: an address in 127.0.0.0/8, ``::1``, or the name ``localhost``. Never resolves a name.

    `host` is the host part of the request target as sent (IPv6 without its brackets).
    """
    if host.lower() == LOCALHOST:
        return Verdict(LOCALHOST_ADDRESS)
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return Verdict(
            None, f"{host} is a name, not an IP address, and no name but localhost is resolved here: {ONLY_LOOPBACK}"
        )
    if (address.version == 4 and address in LOOPBACK_V4) or address == LOOPBACK_V6:
        return Verdict(str(address))
    return Verdict(None, f"{host} is not a loopback address: {ONLY_LOOPBACK}")


@dataclass(frozen=True)
class Target:
    """A parsed request target: the host as written, the port, and for http the path and query to ask for."""

    host: str
    port: int
    path_qs: str = ""

    @property
    def authority(self) -> str:
        """``host:port`` as it goes in a Host header (IPv6 in brackets)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


def parse_authority(authority: str, default_port: int | None) -> tuple[str, int]:
    """Split ``host:port`` (``[v6]:port``) into host and port; `default_port` None makes the port required."""
    if not authority or "@" in authority:
        raise TargetError(f"{authority!r} is not host:port (credentials go in Proxy-Authorization, not the target)")
    if authority.startswith("["):
        host, bracket, rest = authority[1:].partition("]")
        if not bracket or not host or (rest and not rest.startswith(":")):
            raise TargetError(f"{authority!r} is not [IPv6 address]:port")
        port_text = rest[1:] if rest else None
    else:
        host, colon, port_text = authority.partition(":")
        if not host or ":" in port_text or "[" in host or "]" in host:
            raise TargetError(f"{authority!r} is not host:port")
        if not colon:
            port_text = None
    if port_text is None or port_text == "":
        if default_port is None:
            raise TargetError(f"{authority!r} names no port: CONNECT needs host:port")
        return host, default_port
    if not port_text.isascii() or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise TargetError(f"the port in {authority!r} is not a number from 1 to 65535")
    return host, int(port_text)


def parse_connect_target(target: str) -> Target:
    """The target of ``CONNECT host:port``: authority form, the port required (RFC 9110, 9.3.6)."""
    host, port = parse_authority(target, default_port=None)
    return Target(host, port)


def parse_absolute_target(target: str) -> Target:
    """The target of a request forwarded as plain HTTP: ``http://host[:port]/path?query`` (absolute form)."""
    scheme, separator, rest = target.partition("://")
    if not separator or scheme.lower() not in ("http", "https"):
        raise TargetError(
            f"{target!r} is not an absolute http:// URL: a proxy is asked for http://host/path, "
            "or with CONNECT host:port for https"
        )
    if scheme.lower() == "https":
        raise TargetError(f"{target!r} is https: ask for a tunnel with CONNECT host:443 and speak TLS through it")
    if "#" in rest:
        raise TargetError(f"{target!r} has a fragment (#...), which never goes in a request")
    cut = min((i for i in (rest.find("/"), rest.find("?")) if i != -1), default=len(rest))
    authority, path_qs = rest[:cut], rest[cut:]
    host, port = parse_authority(authority, default_port=80)
    if not path_qs.startswith("/"):
        path_qs = "/" + path_qs
    return Target(host, port, path_qs)
