"""Addresses checked with ipaddress; the family taken from the address; gaierror for an unknown name."""

import ipaddress
import socket

from aiohttp.abc import AbstractResolver


class HostsResolver(AbstractResolver):
    def __init__(self, hosts: dict[str, str]) -> None:
        self._addresses = {}
        for name, address in hosts.items():
            self._addresses[name.lower().rstrip(".")] = ipaddress.ip_address(address)

    async def resolve(self, host, port=0, family=socket.AF_INET):
        key = host.lower().rstrip(".")
        if key not in self._addresses:
            raise socket.gaierror(socket.EAI_NONAME, f"{host}: Name or service not known")
        address = self._addresses[key]
        found_family = socket.AF_INET if address.version == 4 else socket.AF_INET6
        flags = socket.AI_NUMERICHOST | socket.AI_NUMERICSERV
        return [dict(hostname=host, host=str(address), port=port, family=found_family, proto=0, flags=flags)]

    async def close(self):
        pass
