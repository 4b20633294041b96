# expect: get_event_loop().run_until_complete() fails on Python 3.14
"""The pre-3.7 form: it runs on Python 3.11 without a warning, so its output is right, but it fails
on Python 3.14."""

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


if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    loop.run_until_complete(main(sys.argv[1]))
    loop.close()
