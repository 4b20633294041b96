# expect: the DNS servers this machine is set up with
"""A plain session: its connector's default resolver asks the system's DNS servers, not the one given."""

import aiohttp


async def fetch_through(nameserver: str, url: str) -> str:
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as resp:
            resp.raise_for_status()
            return await resp.text()
