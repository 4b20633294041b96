"""os.path and a str path: save() and load() take a str as well as a Path."""

import os

import aiohttp


async def fetch_remembering_login(base_url: str, jar_file) -> str:
    path = os.fspath(jar_file)
    async with aiohttp.ClientSession(base_url=base_url + "/") as session:
        logged_in = os.path.exists(path)  # noqa: ASYNC240 (a local disk: microseconds)
        if logged_in:
            session.cookie_jar.load(path)
        else:
            async with session.post("login") as resp:
                resp.raise_for_status()
        async with session.get("private") as resp:
            resp.raise_for_status()
            text = await resp.text()
        session.cookie_jar.save(path)
        return text
