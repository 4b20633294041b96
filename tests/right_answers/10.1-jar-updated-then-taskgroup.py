"""The cookies put in the session's jar by hand, and the requests made at once in a TaskGroup."""

import asyncio

import aiohttp


async def fetch_with_cookies(urls: list[str], cookies: dict[str, str]) -> list[str]:
    async with aiohttp.ClientSession() as session:
        session.cookie_jar.update_cookies(cookies)  # what ClientSession(cookies=...) does

        async def fetch(url: str) -> str:
            async with session.get(url, raise_for_status=True) as resp:
                return await resp.text()

        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(fetch(url)) for url in urls]
    return [task.result() for task in tasks]
