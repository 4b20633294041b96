# expect: the coroutine fetch_uuid() was created but never run
"""main is run, but the fetches are only called, never awaited: it prints three coroutine objects."""

import asyncio
import sys

import aiohttp


async def fetch_uuid(url: str) -> str:
    async with aiohttp.request("GET", url) as resp:
        return (await resp.json())["uuid"]


async def main(base_url: str) -> None:
    for value in [fetch_uuid(f"{base_url}/uuid") for _ in range(3)]:
        print(value)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
