# expect: your script sent the requests one after another
"""Right output, but the requests go one at a time: each waits for the one before to finish."""

import asyncio
import sys

import aiohttp


async def main(base_url: str) -> None:
    for _ in range(3):
        async with aiohttp.request("GET", f"{base_url}/uuid") as resp:
            body = await resp.json()
        print(body["uuid"])


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
