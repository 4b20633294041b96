# expect: your script stopped with an error: your code raised TypeError: unhashable type: 'list'. asyncio.gather takes
"""gather given one list: the TypeError is the real error, and the "never awaited" warnings printed
after it (for the coroutines in that list) are only a consequence."""

import asyncio
import sys

import aiohttp


async def fetch_uuid(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(url) as resp:
        return (await resp.json())["uuid"]


async def main(base_url: str) -> None:
    async with aiohttp.ClientSession() as session:
        uuids = await asyncio.gather([fetch_uuid(session, f"{base_url}/uuid") for _ in range(3)])
    for value in uuids:
        print(value)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
