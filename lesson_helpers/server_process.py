"""The local server in a process of its own: `python -m local_server --port 0`, started and always stopped.

The server a lesson starts with ``await start_local_server()`` runs in a thread of the kernel's own process.
That is what a lesson wants most of the time, but not when it measures the client's memory: whatever the
server allocates to send a body (its chunks, its write buffers) would be counted as the client's. A server
in another process allocates in that process only.

    with ServerProcess() as other:          # in a notebook cell, or a test
        print(other.url)                    # http://127.0.0.1:<a free port>

    async with ServerProcess() as other:    # in a coroutine: starting and stopping run in a worker thread
        ...

The server is stopped when the block ends, however it ends.
"""

from __future__ import annotations

import asyncio
import re
import selectors
import subprocess
import sys
from typing import IO

URL_LINE = re.compile(r"http://127\.0\.0\.1:(\d+)")
"""What `python -m local_server` prints once it listens: ``Local echo server on http://127.0.0.1:PORT``."""

STARTUP_TIMEOUT = 30.0
"""How long the server may take to print its URL (it takes about 0.3 s)."""

STOP_TIMEOUT = 10.0
"""How long it may take to stop after SIGTERM before it is killed."""


def read_line(stream: IO[str], timeout: float) -> str:
    """One line from a pipe, or a TimeoutError after `timeout` seconds of silence."""
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        if not selector.select(timeout):
            raise TimeoutError(f"no output within {timeout} s")
    return stream.readline()


class ServerProcess:
    """`python -m local_server --port 0` in a child process: a context manager (sync or async) that always stops it.

    Inside the block: `url` is the server's base URL, `port` its port, `banner` the line it printed, and
    `process` the `subprocess.Popen` (its stdout and stderr are pipes, for tests that read what it wrote).
    """

    def __init__(self, *, startup_timeout: float = STARTUP_TIMEOUT) -> None:
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen[str] | None = None
        self.banner = ""
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerProcess:
        """Start the child process and wait until it prints the URL it listens on."""
        command = [sys.executable, "-m", "local_server", "--port", "0"]
        self.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        try:
            self.banner = read_line(self.process.stdout, self.startup_timeout)
            match = URL_LINE.search(self.banner)
            if not match:
                self.process.wait(timeout=STOP_TIMEOUT)
                error = self.process.stderr.read().strip().splitlines()
                last = error[-1] if error else "(nothing on stderr)"
                raise RuntimeError(f"`python -m local_server` printed {self.banner!r} instead of its URL; {last}")
            self.port = int(match.group(1))
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop the child (SIGTERM, then SIGKILL if it does not stop in time) and close its pipes."""
        process = self.process
        if process is None:
            return
        try:
            if process.poll() is None:
                process.terminate()
                try:
                    process.communicate(timeout=STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.communicate()
        finally:
            for pipe in (process.stdout, process.stderr):
                if pipe is not None:
                    pipe.close()
            process.wait()

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def __aenter__(self) -> ServerProcess:
        return await asyncio.to_thread(self.start)

    async def __aexit__(self, *exc_info: object) -> None:
        await asyncio.to_thread(self.stop)
