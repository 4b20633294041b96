"""A dataclass; the table normalised once; OSError with errno.ENOENT and a message."""

import errno
import socket
from dataclasses import dataclass, field

from aiohttp.abc import AbstractResolver, ResolveResult


@dataclass
class HostsResolver(AbstractResolver):
    hosts: dict[str, str]
    _table: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._table = {name.casefold().removesuffix("."): address for name, address in self.hosts.items()}

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list[ResolveResult]:
        try:
            address = self._table[host.casefold().removesuffix(".")]
        except KeyError:
            raise OSError(errno.ENOENT, f"no address for {host}") from None
        return [ResolveResult(hostname=host, host=address, port=port, family=socket.AF_INET, proto=0, flags=0)]

    async def close(self) -> None:
        return None
