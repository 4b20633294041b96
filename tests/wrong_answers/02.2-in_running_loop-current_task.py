# expect: asyncio.current_task() is None there
"""Right in a coroutine, in a plain thread and on another thread's loop; but a loop also runs
callbacks, outside any task."""

import asyncio


def in_running_loop() -> bool:
    try:
        return asyncio.current_task() is not None
    except RuntimeError:  # no running loop in this thread
        return False
