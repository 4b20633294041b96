# expect: should return False, but it raised RuntimeError: There is no current event loop
import asyncio


def in_running_loop() -> bool:
    return asyncio.get_event_loop().is_running()  # raises in a thread that has no loop
