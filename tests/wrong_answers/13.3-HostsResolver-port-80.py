# expect: give back the port you were asked about
"""Port 80 for every name: the connector would connect there, whatever port the URL names."""

import socket

from aiohttp.abc import AbstractResolver


class HostsResolver(AbstractResolver):
    def __init__(self, hosts: dict[str, str]) -> None:
        self.hosts = {name.lower(): address for name, address in hosts.items()}

    async def resolve(self, host, port=0, family=socket.AF_INET):
        address = self.hosts.get(host.rstrip(".").lower())
        if address is None:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [{"hostname": host, "host": address, "port": 80, "family": socket.AF_INET, "proto": 0, "flags": 0}]

    async def close(self) -> None:
        pass
