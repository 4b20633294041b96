# expect: returned a list of str
"""What a resolver finds is addresses, so a list of addresses: aiohttp wants a ResolveResult dict for each."""

import socket

from aiohttp.abc import AbstractResolver


class HostsResolver(AbstractResolver):
    def __init__(self, hosts: dict[str, str]) -> None:
        self.hosts = {name.lower(): address for name, address in hosts.items()}

    async def resolve(self, host, port=0, family=socket.AF_INET):
        address = self.hosts.get(host.rstrip(".").lower())
        if address is None:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [address]

    async def close(self) -> None:
        pass
