"""asyncio.timeout() started inside the semaphore, and the tasks run by a TaskGroup."""

import asyncio

import aiohttp


async def fetch_each_within(session: aiohttp.ClientSession, urls: list[str], seconds: float) -> list[str | None]:
    room = asyncio.Semaphore(session.connector.limit or len(urls))

    async def fetch_text(url: str) -> str | None:
        async with room:
            try:
                async with asyncio.timeout(seconds):
                    async with session.get(url) as resp:
                        resp.raise_for_status()
                        return await resp.text()
            except TimeoutError:
                return None

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(fetch_text(url)) for url in urls]
    return [task.result() for task in tasks]
