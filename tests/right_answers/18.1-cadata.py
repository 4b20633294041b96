import asyncio
import ssl
from pathlib import Path

import aiohttp


async def fetch_trusting(url: str, ca_file: str) -> str:
    """The CA's certificate read as text and given as cadata= (what code that holds the PEM in memory does)."""
    pem = await asyncio.to_thread(Path(ca_file).read_text, encoding="ascii")
    context = ssl.create_default_context(cadata=pem)
    async with aiohttp.ClientSession(raise_for_status=True) as session:
        async with session.get(url, ssl=context) as resp:
            return await resp.text()
