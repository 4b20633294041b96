"""A TaskGroup instead of gather: the tasks, kept in the order of urls, give the bodies in that order."""

import asyncio

import aiohttp


async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(url) as resp:
        resp.raise_for_status()
        return await resp.text()


async def fetch_all(urls: list[str]) -> list[str]:
    async with aiohttp.ClientSession() as session, asyncio.TaskGroup() as group:
        tasks = [group.create_task(fetch_text(session, url)) for url in urls]
    return [task.result() for task in tasks]
