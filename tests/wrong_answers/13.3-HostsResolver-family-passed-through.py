# expect: its family is socket.AF_INET
"""The family that was asked for (AF_UNSPEC, 0) given back as the address's family."""

import socket

from aiohttp.abc import AbstractResolver


class HostsResolver(AbstractResolver):
    def __init__(self, hosts: dict[str, str]) -> None:
        self.hosts = {name.lower(): address for name, address in hosts.items()}

    async def resolve(self, host, port=0, family=socket.AF_INET):
        address = self.hosts.get(host.rstrip(".").lower())
        if address is None:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [{"hostname": host, "host": address, "port": port, "family": family, "proto": 0, "flags": 0}]

    async def close(self) -> None:
        pass
