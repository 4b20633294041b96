# expect: that loop runs, but not in this thread
"""The RuntimeError caught, so a plain thread gives False; but get_event_loop() returns the thread's
current loop, which may be running in another thread."""

import asyncio


def in_running_loop() -> bool:
    try:
        return asyncio.get_event_loop().is_running()
    except RuntimeError:
        return False
