# expect: a loop that exists is not a loop that runs
"""Whether the thread has a loop at all, not whether one is running in it."""

import asyncio


def in_running_loop() -> bool:
    try:
        asyncio.get_event_loop()
    except RuntimeError:
        return False
    return True
