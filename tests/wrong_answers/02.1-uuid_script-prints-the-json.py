# expect: is not a UUID: print only the value under the key 'uuid'
"""Three requests at once, but each line is the whole JSON answer, not the UUID in it."""

import asyncio
import sys

import aiohttp


async def fetch_json(session: aiohttp.ClientSession, url: str) -> dict:
    async with session.get(url) as resp:
        return await resp.json()


async def main(base_url: str) -> None:
    async with aiohttp.ClientSession() as session:
        answers = await asyncio.gather(*(fetch_json(session, f"{base_url}/uuid") for _ in range(3)))
    for answer in answers:
        print(answer)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
