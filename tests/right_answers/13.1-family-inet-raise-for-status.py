"""IPv4 only (one query instead of two), and raise_for_status on the session."""

import socket

import aiohttp
from aiohttp.resolver import AsyncResolver


async def fetch_through(nameserver: str, url: str) -> str:
    resolver = AsyncResolver(nameservers=[nameserver])
    connector = aiohttp.TCPConnector(resolver=resolver, family=socket.AF_INET)
    async with aiohttp.ClientSession(connector=connector, raise_for_status=True) as session:
        async with session.get(url) as resp:
            return await resp.text()
