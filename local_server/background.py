"""An event loop in a daemon thread of its own, for the servers a notebook starts next to its kernel's loop.

The echo, the forward proxy and the HTTPS echo run on one each, for the reason `runner.py` gives: a cell
that blocks the kernel's loop (`time.sleep`, `requests.get`) must not stop the server it is talking to.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

STOP_TIMEOUT = 10.0
"""Seconds `stop()` waits for the loop's last tasks and for the thread to end."""


class BackgroundLoop:
    """``loop = BackgroundLoop("local-proxy")``, then ``loop.run(coroutine)`` from any other thread, ``loop.stop()``."""

    def __init__(self, name: str) -> None:
        self.loop = asyncio.new_event_loop()
        started: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._thread = threading.Thread(target=self._run_forever, args=(started,), name=name, daemon=True)
        self._thread.start()
        started.result(timeout=STOP_TIMEOUT)

    def _run_forever(self, started: concurrent.futures.Future[None]) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.call_soon(started.set_result, None)
        try:
            self.loop.run_forever()
        finally:
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
            self.loop.close()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
        """Run `coroutine` on the background loop and wait for its result (call it from another thread)."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def stop(self) -> None:
        """Cancel the tasks still running on the loop, stop it and wait for the thread to end."""
        if not self._thread.is_alive():
            return
        try:
            self.run(_cancel_other_tasks(), timeout=STOP_TIMEOUT)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(timeout=STOP_TIMEOUT)


async def _cancel_other_tasks() -> None:
    tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    for _ in range(3):  # a closed transport closes its socket on a later turn of the loop
        await asyncio.sleep(0)
