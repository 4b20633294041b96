import aiohttp
from aiohttp.resolver import AsyncResolver

FIVE_MINUTES = 5 * 60  # ttl_dns_cache is in seconds


async def make_session(nameserver: str) -> aiohttp.ClientSession:
    """A session that looks names up through nameserver and keeps each address for five minutes."""
    connector = aiohttp.TCPConnector(
        resolver=AsyncResolver(nameservers=[nameserver]),
        ttl_dns_cache=FIVE_MINUTES,  # use_dns_cache=True is the default: the cache is on
    )
    # Open: the caller uses it, then closes it. The resolver goes with it (freed once nothing refers to it).
    return aiohttp.ClientSession(connector=connector)
