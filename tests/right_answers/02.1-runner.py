"""asyncio.Runner instead of asyncio.run, a TaskGroup instead of gather, and a session per request."""

import asyncio
import sys

import aiohttp


async def fetch_uuid(url: str) -> str:
    async with aiohttp.request("GET", url) as resp:
        resp.raise_for_status()
        return (await resp.json())["uuid"]


async def main(base_url: str) -> None:
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(fetch_uuid(f"{base_url}/uuid")) for _ in range(3)]
    for task in tasks:
        print(task.result())


if __name__ == "__main__":
    with asyncio.Runner() as runner:
        runner.run(main(sys.argv[1]))
