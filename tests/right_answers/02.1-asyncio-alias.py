"""`import asyncio as aio`, and main reading sys.argv itself."""

import asyncio as aio
import sys

import aiohttp


async def fetch_uuid(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(url) as resp:
        body = await resp.json()
    return body["uuid"]


async def main() -> None:
    url = f"{sys.argv[1]}/uuid"
    async with aiohttp.ClientSession() as session:
        for value in await aio.gather(*[fetch_uuid(session, url) for _ in range(3)]):
            print(value)


if __name__ == "__main__":
    aio.run(main())
