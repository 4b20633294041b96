"""The default jar, kept: the server is called by its name, localhost, whose cookies the jar keeps."""

import aiohttp
from yarl import URL


async def log_in_and_fetch(base_url: str) -> str:
    site = URL(base_url).with_host("localhost")
    async with aiohttp.ClientSession(raise_for_status=True) as session:
        async with session.post(site / "login"):
            pass
        async with session.get(site / "private") as resp:
            return await resp.text()
