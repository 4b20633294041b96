# expect: read the server's URL from sys.argv[1]
"""The URL typed in from a terminal session, not read from sys.argv[1]: nothing listens there."""

import asyncio

import aiohttp


async def fetch_uuid(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(url) as resp:
        return (await resp.json())["uuid"]


async def main(base_url: str) -> None:
    async with aiohttp.ClientSession() as session:
        uuids = await asyncio.gather(*(fetch_uuid(session, f"{base_url}/uuid") for _ in range(3)))
    for value in uuids:
        print(value)


if __name__ == "__main__":
    asyncio.run(main("http://127.0.0.1:9"))
