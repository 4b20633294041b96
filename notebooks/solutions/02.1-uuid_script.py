"""Fetch /uuid three times at once from the server whose URL is sys.argv[1]; print the UUIDs."""

import asyncio
import sys

import aiohttp


async def fetch_uuid(url: str) -> str:
    async with aiohttp.request("GET", url) as resp:
        body = await resp.json()
    return body["uuid"]


async def main(base_url: str) -> None:
    # Three requests in flight together; lesson 03 shows how to share one ClientSession between them.
    uuids = await asyncio.gather(*(fetch_uuid(f"{base_url}/uuid") for _ in range(3)))
    for value in uuids:
        print(value)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
