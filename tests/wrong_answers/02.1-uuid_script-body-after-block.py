# expect: Read the body inside the block
"""Each JSON body is read after its `async with` block has closed the response."""

import asyncio
import sys

import aiohttp


async def fetch_uuid(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(url) as resp:
        pass
    return (await resp.json())["uuid"]


async def main(base_url: str) -> None:
    async with aiohttp.ClientSession() as session:
        uuids = await asyncio.gather(*(fetch_uuid(session, f"{base_url}/uuid") for _ in range(3)))
    for value in uuids:
        print(value)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
