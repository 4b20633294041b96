"""asyncio._get_running_loop() returns the running loop or None, without raising."""

import asyncio


def in_running_loop() -> bool:
    return asyncio._get_running_loop() is not None
