# expect: DNS names ignore letter case
"""The dict's keys as they are: SHOP.Test and shop.test. are not found."""

import socket

from aiohttp.abc import AbstractResolver


class HostsResolver(AbstractResolver):
    def __init__(self, hosts: dict[str, str]) -> None:
        self.hosts = hosts

    async def resolve(self, host, port=0, family=socket.AF_INET):
        if host not in self.hosts:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        address = self.hosts[host]
        return [{"hostname": host, "host": address, "port": port, "family": socket.AF_INET, "proto": 0, "flags": 0}]

    async def close(self) -> None:
        pass
