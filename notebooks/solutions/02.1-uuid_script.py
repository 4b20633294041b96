"""Fetch /uuid three times at once from the server whose URL is sys.argv[1]; print the UUIDs."""

import asyncio
import sys

import aiohttp


async def fetch_uuid(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(url) as resp:
        resp.raise_for_status()  # an error answer raises here instead of being read as if it held a UUID
        body = await resp.json()
    return body["uuid"]


async def main(base_url: str) -> None:
    # One session for the three requests, all in flight together; gather keeps their order.
    async with aiohttp.ClientSession() as session:
        uuids = await asyncio.gather(*(fetch_uuid(session, f"{base_url}/uuid") for _ in range(3)))
    for value in uuids:
        print(value)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
