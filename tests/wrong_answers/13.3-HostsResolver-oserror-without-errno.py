# expect: the [None] is the message your OSError did not carry
"""OSError with a single argument: aiohttp's error message then ends in [None]."""

import socket

from aiohttp.abc import AbstractResolver


class HostsResolver(AbstractResolver):
    def __init__(self, hosts: dict[str, str]) -> None:
        self.hosts = {name.lower(): address for name, address in hosts.items()}

    async def resolve(self, host, port=0, family=socket.AF_INET):
        address = self.hosts.get(host.rstrip(".").lower())
        if address is None:
            raise OSError(f"{host} is not in the table")
        return [{"hostname": host, "host": address, "port": port, "family": socket.AF_INET, "proto": 0, "flags": 0}]

    async def close(self) -> None:
        pass
