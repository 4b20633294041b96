# expect: aiohttp turns only an OSError from a resolver into
"""A plain dict lookup: an unknown name raises KeyError, which aiohttp lets through as it is."""

import socket

from aiohttp.abc import AbstractResolver


class HostsResolver(AbstractResolver):
    def __init__(self, hosts: dict[str, str]) -> None:
        self.hosts = {name.lower(): address for name, address in hosts.items()}

    async def resolve(self, host, port=0, family=socket.AF_INET):
        address = self.hosts[host.rstrip(".").lower()]
        return [{"hostname": host, "host": address, "port": port, "family": socket.AF_INET, "proto": 0, "flags": 0}]

    async def close(self) -> None:
        pass
