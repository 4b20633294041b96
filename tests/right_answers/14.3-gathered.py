import asyncio

import aiohttp


async def fetch_all(urls: list[str]) -> list[str]:
    """All at once, through one session that reads the environment's proxy settings."""
    async with aiohttp.ClientSession(trust_env=True, raise_for_status=True) as session:

        async def fetch(url: str) -> str:
            async with session.get(url) as resp:
                return await resp.text()

        return await asyncio.gather(*(fetch(url) for url in urls))
