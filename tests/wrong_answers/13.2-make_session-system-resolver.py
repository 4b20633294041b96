# expect: the DNS servers this machine is set up with
"""Five minutes, but with the connector's default resolver: it asks the system's DNS servers."""

import aiohttp


async def make_session(nameserver: str) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(ttl_dns_cache=300))
