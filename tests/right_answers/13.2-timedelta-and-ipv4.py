"""Five minutes from a timedelta (a float of seconds), IPv4 only."""

import socket
from datetime import timedelta

import aiohttp
from aiohttp.resolver import AsyncResolver


async def make_session(nameserver: str) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(
        resolver=AsyncResolver(nameservers=[nameserver]),
        use_dns_cache=True,
        ttl_dns_cache=timedelta(minutes=5).total_seconds(),
        family=socket.AF_INET,
    )
    return aiohttp.ClientSession(connector=connector, connector_owner=True)
