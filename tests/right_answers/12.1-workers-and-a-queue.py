"""k workers in a TaskGroup, each taking the next URL from a queue as soon as it is done with one."""

import asyncio

import aiohttp


async def fetch_all_bounded(urls: list[str], k: int) -> list[str]:
    texts: list[str] = [""] * len(urls)
    queue: asyncio.Queue[int] = asyncio.Queue()
    for index in range(len(urls)):
        queue.put_nowait(index)

    async def worker(session: aiohttp.ClientSession) -> None:
        while not queue.empty():
            index = queue.get_nowait()
            async with session.get(urls[index]) as resp:
                resp.raise_for_status()
                texts[index] = await resp.text()

    async with aiohttp.ClientSession() as session, asyncio.TaskGroup() as group:
        for _ in range(k):
            group.create_task(worker(session))
    return texts
