"""Exercises of lesson 02: an aiohttp script run with asyncio.run, and telling whether a loop is running."""

from __future__ import annotations

import ast
import asyncio
import contextlib
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

from .core import NotYet, exercise, expect

SCRIPT_TIMEOUT = 30.0
"""How long the learner's script may run."""
GATHER_WAIT = 1.0
"""How long the check's /uuid waits for the other requests to arrive before it answers anyway."""
REQUESTS = 3


@dataclass
class _UuidServer:
    """The check's own /uuid: it notes how many requests were in flight at once and what it answered."""

    in_flight: int = 0
    most_in_flight: int = 0
    answered: list[str] = field(default_factory=list)
    all_arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def new_uuid(self, request: web.Request) -> web.Response:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        if self.in_flight >= REQUESTS:
            self.all_arrived.set()
        try:
            # Concurrent requests all arrive before any is answered; sequential ones wait here in vain.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.all_arrived.wait(), GATHER_WAIT)
        finally:
            self.in_flight -= 1
        value = str(uuid.uuid4())
        self.answered.append(value)
        return web.json_response({"uuid": value})


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "(nothing)"


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _calls_asyncio_run(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "run" and getattr(func.value, "id", None) == "asyncio":
                return True
    return False


def _has_main_guard(tree: ast.Module) -> bool:
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Compare):
            names = [node.test.left, *node.test.comparators]
            if any(isinstance(n, ast.Name) and n.id == "__name__" for n in names) and any(
                isinstance(n, ast.Constant) and n.value == "__main__" for n in names
            ):
                return True
    return False


async def _run_script(path: Path, base_url: str) -> tuple[int, str, str]:
    """Run the script with this Python, the way `python script.py URL` would; return code, stdout, stderr."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        str(path),
        base_url,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(proc.communicate(), SCRIPT_TIMEOUT)
    except TimeoutError:
        proc.kill()
        await proc.communicate()
        raise NotYet(f"your script was still running after {SCRIPT_TIMEOUT:.0f} s; does it ever finish?") from None
    return proc.returncode, out.decode(errors="replace"), err.decode(errors="replace")


@exercise(
    "02.1",
    "a script that fetches three UUIDs at once",
    "uuid_script.py",
    (
        "Start from fetch_script.py in the lesson: one coroutine per UUID, all three started together, "
        "and the script's entry point under the __name__ guard.",
        "Start from fetch_script.py in the lesson. Write `async def fetch_uuid(url)` that does "
        "`async with aiohttp.request('GET', url) as resp:` and returns `(await resp.json())['uuid']`. In "
        "`async def main(base_url)`, `await asyncio.gather(*(fetch_uuid(f'{base_url}/uuid') for _ in range(3)))` "
        "gives the three UUIDs in a list: print each one. At the bottom: "
        "`if __name__ == '__main__': asyncio.run(main(sys.argv[1]))`.",
    ),
    is_script=True,
)
async def check_uuid_script(script_path) -> None:
    path = Path(script_path)
    source = await asyncio.to_thread(path.read_text, encoding="utf-8")
    try:
        tree = ast.parse(source, filename=path.name)
    except SyntaxError as exc:
        raise NotYet(f"your script has a syntax error on line {exc.lineno}: {exc.msg}") from None

    uuid_server = _UuidServer()
    app = web.Application()
    app.router.add_get("/uuid", uuid_server.new_uuid)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        returncode, out, err = await _run_script(path, f"http://127.0.0.1:{site.port}")
    finally:
        await runner.cleanup()

    expect(
        returncode == 0,
        f"your script exited with code {returncode}; the last line it wrote to stderr: {_last_line(err)}",
    )
    expect(
        "was never awaited" not in err,
        "a coroutine was created but never run (stderr says 'was never awaited'): "
        "calling main() only makes a coroutine; run it with asyncio.run(main(...))",
    )
    printed = [line.strip() for line in out.splitlines() if line.strip()]
    expect(printed, "your script printed nothing; it should print the three UUIDs, one per line")
    expect(
        uuid_server.answered,
        "your script never asked the URL it was given for /uuid: read the server's URL from sys.argv[1]",
    )
    expect(
        len(uuid_server.answered) == REQUESTS,
        f"your script fetched /uuid {len(uuid_server.answered)} times; fetch it exactly {REQUESTS} times",
    )
    expect(
        len(printed) == REQUESTS,
        f"your script printed {len(printed)} lines; print the {REQUESTS} UUIDs, one per line (got {printed!r})",
    )
    for line in printed:
        expect(_is_uuid(line), f"{line!r} is not a UUID: print only the value under the key 'uuid'")
    expect(
        sorted(printed) == sorted(uuid_server.answered),
        "the UUIDs printed are not the ones the server sent: print what /uuid answered, not new ones",
    )
    expect(
        uuid_server.most_in_flight == REQUESTS,
        f"your script sent the requests one after another (at most {uuid_server.most_in_flight} at a time); "
        "start all three together with asyncio.gather",
    )
    expect(
        _calls_asyncio_run(tree),
        "start the script with asyncio.run(main(...)): get_event_loop().run_until_complete() fails on Python 3.14",
    )
    expect(
        _has_main_guard(tree),
        "put asyncio.run(...) under `if __name__ == '__main__':` so that importing the file does not run it",
    )


@exercise(
    "02.2",
    "is an event loop running here?",
    "in_running_loop",
    (
        "There is an asyncio function that returns the loop running in this thread, and raises when there is none.",
        "asyncio.get_running_loop() returns the running loop, and raises RuntimeError when this thread has none. "
        "Write a plain `def` (an async function could only be called from inside a loop) that tries it and "
        "returns True, or catches RuntimeError and returns False.",
    ),
    is_async=False,
)
async def check_in_running_loop(in_running_loop) -> None:
    answer = in_running_loop()
    expect(isinstance(answer, bool), f"in_running_loop() returned {answer!r}; return True or False")
    expect(answer is True, "called inside a coroutine (a loop is running), in_running_loop() returned False")

    def in_plain_thread() -> object:
        try:
            return in_running_loop()
        except Exception as exc:  # report it below, as what the learner's function did
            return exc

    answer = await asyncio.to_thread(in_plain_thread)
    expect(
        not isinstance(answer, Exception),
        "called in a thread with no event loop, in_running_loop() should return False, "
        f"but it raised {type(answer).__name__}: {answer}",
    )
    expect(answer is False, f"called in a thread with no event loop, in_running_loop() returned {answer!r}, not False")

    async def ask() -> object:
        return in_running_loop()

    def in_thread_with_its_own_loop() -> object:
        loop = asyncio.new_event_loop()
        try:
            return loop.run_until_complete(ask())
        except Exception as exc:
            return exc
        finally:
            loop.close()

    answer = await asyncio.to_thread(in_thread_with_its_own_loop)
    expect(
        answer is True,
        f"inside a coroutine on another thread's event loop, in_running_loop() gave {answer!r}, not True: "
        "ask about the calling thread's loop, whichever thread that is",
    )
