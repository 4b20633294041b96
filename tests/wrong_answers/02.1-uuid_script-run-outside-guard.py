# expect: importing your script ran it (it fetched /uuid 3 times)
"""A guard is there, but empty: asyncio.run(...) sits at the top level, so importing the file runs it.
Run as a program it does everything right, so a check that only looks for a guard accepts it."""

import asyncio
import sys

import aiohttp


async def fetch_uuid(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(url) as resp:
        return (await resp.json())["uuid"]


async def main(base_url: str) -> None:
    async with aiohttp.ClientSession() as session:
        uuids = await asyncio.gather(*(fetch_uuid(session, f"{base_url}/uuid") for _ in range(3)))
    for value in uuids:
        print(value)


asyncio.run(main(sys.argv[1]))

if __name__ == "__main__":
    pass
