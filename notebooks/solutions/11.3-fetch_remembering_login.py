from pathlib import Path

import aiohttp


async def fetch_remembering_login(base_url: str, jar_file: Path) -> str:
    """Fetch base_url/private, logging in only when no earlier run saved its cookies in jar_file."""
    async with aiohttp.ClientSession() as session:
        if jar_file.exists():  # noqa: ASYNC240 (one look at a local disk: microseconds)
            session.cookie_jar.load(jar_file)  # an earlier run's cookies: still logged in
        else:
            async with session.post(f"{base_url}/login") as resp:
                resp.raise_for_status()
        async with session.get(f"{base_url}/private") as resp:
            resp.raise_for_status()
            page = await resp.text()
        session.cookie_jar.save(jar_file)  # for the next run (JSON, readable by you only)
    return page
