# expect: run it with asyncio.run(main(...))
"""main() is called like a plain function: that only creates a coroutine, and nothing ever runs it."""

import asyncio
import sys

import aiohttp


async def fetch_uuid(url: str) -> str:
    async with aiohttp.request("GET", url) as resp:
        body = await resp.json()
    return body["uuid"]


async def main(base_url: str) -> None:
    uuids = await asyncio.gather(*(fetch_uuid(f"{base_url}/uuid") for _ in range(3)))
    for value in uuids:
        print(value)


if __name__ == "__main__":
    main(sys.argv[1])
