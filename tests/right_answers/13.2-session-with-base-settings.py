"""A session with a timeout and the cache set by name; ttl_dns_cache=300."""

import aiohttp
from aiohttp.resolver import AsyncResolver

DNS_CACHE_SECONDS = 300


async def make_session(nameserver: str) -> aiohttp.ClientSession:
    resolver = AsyncResolver(nameservers=[nameserver])
    connector = aiohttp.TCPConnector(resolver=resolver, ttl_dns_cache=DNS_CACHE_SECONDS, limit_per_host=10)
    return aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=30))
