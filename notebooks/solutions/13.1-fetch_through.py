import aiohttp
from aiohttp.resolver import AsyncResolver


async def fetch_through(nameserver: str, url: str) -> str:
    """GET url, its host name looked up through the DNS server at nameserver ("127.0.0.1:PORT"); return the text."""
    resolver = AsyncResolver(nameservers=[nameserver])  # by name: the first positional parameter is the loop
    try:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(resolver=resolver)) as session:
            async with session.get(url) as resp:  # the URL as it is: its name is looked up, and sent as Host
                resp.raise_for_status()
                return await resp.text()
    finally:
        await resolver.close()  # the connector closes only a resolver it made itself
