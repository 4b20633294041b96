# expect: resolve must be an `async def` method
"""A dict lookup needs no waiting, so resolve is a plain def: the connector awaits it all the same."""

import socket

from aiohttp.abc import AbstractResolver


class HostsResolver(AbstractResolver):
    def __init__(self, hosts: dict[str, str]) -> None:
        self.hosts = {name.lower(): address for name, address in hosts.items()}

    def resolve(self, host, port=0, family=socket.AF_INET):
        address = self.hosts.get(host.rstrip(".").lower())
        if address is None:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [{"hostname": host, "host": address, "port": port, "family": socket.AF_INET, "proto": 0, "flags": 0}]

    async def close(self) -> None:
        pass
