# expect: but it raised RuntimeError: no running event loop
"""get_running_loop() raises where no loop runs: that is the answer, but it must be caught."""

import asyncio


def in_running_loop() -> bool:
    return asyncio.get_running_loop() is not None
