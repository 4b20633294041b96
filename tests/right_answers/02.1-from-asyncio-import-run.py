"""`from asyncio import gather, run`, one shared session, and the guard calling a cli() function."""

import sys
from asyncio import gather, run

import aiohttp


async def main(base_url: str) -> None:
    async with aiohttp.ClientSession(base_url=base_url) as session:

        async def fetch_uuid() -> str:
            async with session.get("/uuid") as resp:
                return (await resp.json())["uuid"]

        print("\n".join(await gather(fetch_uuid(), fetch_uuid(), fetch_uuid())))


def cli() -> None:
    run(main(sys.argv[1]))


if __name__ == "__main__":
    cli()
