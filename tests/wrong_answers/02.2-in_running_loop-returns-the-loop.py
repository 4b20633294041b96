# expect: in_running_loop() returned <_UnixSelectorEventLoop
"""Truthy, but not True: the loop itself, or None."""

import asyncio


def in_running_loop() -> bool:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
