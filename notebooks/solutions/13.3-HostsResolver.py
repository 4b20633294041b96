import socket

from aiohttp.abc import AbstractResolver, ResolveResult


class HostsResolver(AbstractResolver):
    """Answers from a dict of names to IPv4 addresses; an unknown name is an OSError."""

    def __init__(self, hosts: dict[str, str]) -> None:
        self._hosts = {name.rstrip(".").lower(): address for name, address in hosts.items()}

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        address = self._hosts.get(host.rstrip(".").lower())  # DNS names ignore case; a final dot is optional
        if address is None:
            # An OSError with an errno and a message: aiohttp raises ClientConnectorDNSError with that message.
            raise socket.gaierror(socket.EAI_NONAME, f"{host} is not in this resolver's table")
        return [
            {
                "hostname": host,
                "host": address,
                "port": port,
                "family": socket.AF_INET,
                "proto": 0,
                "flags": socket.AI_NUMERICHOST | socket.AI_NUMERICSERV,
            }
        ]

    async def close(self) -> None:
        pass  # nothing to release
