"""The same question through asyncio.events, with the RuntimeError caught by contextlib.suppress."""

import contextlib
from asyncio import events


def in_running_loop() -> bool:
    with contextlib.suppress(RuntimeError):
        return events.get_running_loop().is_running()
    return False
