"""Exercises of lesson 02: an aiohttp script run with asyncio.run, and telling whether a loop is running."""

from __future__ import annotations

import ast
import asyncio
import builtins
import contextlib
import re
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from aiohttp import web

from .check_server import serving
from .core import NotYet, exercise, expect, explain_exception

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


_WARNING_LINE = re.compile(r"(^|\s|:)\w*Warning: |^\s*warnings\.warn|Enable tracemalloc")
_NEVER_AWAITED = re.compile(r"coroutine '([\w.<>]+)' was never awaited")
_EXCEPTION_LINE = re.compile(r"^(?P<name>[A-Za-z_][\w.]*)(: (?P<message>.*))?$")
_TRACEBACK_HEADER = "Traceback (most recent call last):"

IMPORT_SCRIPT = (
    "import os, runpy, sys\n"
    "path = sys.argv.pop(1)\n"
    "sys.argv[0] = path\n"
    "sys.path.insert(0, os.path.dirname(os.path.abspath(path)))\n"
    "runpy.run_path(path, run_name='uuid_script')\n"
)
"""Load the script the way `import uuid_script` would (another __name__ than '__main__'), with the URL in sys.argv."""


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip() and not _WARNING_LINE.search(line)]
    return lines[-1] if lines else "(nothing)"


def _final_exception_line(stderr: str) -> str | None:
    """The line that names the exception a traceback ends with ("KeyError: 'uuid'"), or None without a traceback.

    Warnings printed after the traceback ("coroutine ... was never awaited") are not it; in an exception
    group, the last sub-exception is.
    """
    lines = stderr.splitlines()
    headers = [i for i, line in enumerate(lines) if line.endswith(_TRACEBACK_HEADER)]
    if not headers:
        return None
    header = lines[headers[-1]]
    prefix = header[: -len(_TRACEBACK_HEADER)].replace("+", "|")
    for line in lines[headers[-1] + 1 :]:
        if line.startswith(prefix) and line[len(prefix) :][:1] not in ("", " "):
            return line[len(prefix) :].strip()
    return None


def _rebuilt_exception(line: str) -> BaseException | None:
    """The exception an exception line names, rebuilt so that `explain_exception` can add its advice."""
    match = _EXCEPTION_LINE.match(line)
    if not match:
        return None
    name, message = match["name"].rsplit(".", 1)[-1], match["message"] or ""
    cls = getattr(builtins, name, None) or getattr(aiohttp, name, None)
    if not (isinstance(cls, type) and issubclass(cls, Exception)):
        return None
    try:
        exc = cls(message) if message else cls()
    except Exception:  # an exception class with other arguments
        return None
    return exc if str(exc) == message else None


def _script_failed(returncode: int, stderr: str) -> str:
    line = _final_exception_line(stderr)
    if line is None:
        return f"your script exited with code {returncode}; the last line it wrote to stderr: {_last_line(stderr)}"
    exc = _rebuilt_exception(line)
    return "your script stopped with an error: " + (explain_exception(exc) if exc else f"your code raised {line}")


def _never_awaited(stderr: str) -> str | None:
    match = _NEVER_AWAITED.search(stderr)
    if not match:
        return None
    name = match[1]
    if name.rsplit(".", 1)[-1] == "main":
        return (
            f'the coroutine {name}() was created but never run (stderr says "coroutine {name!r} was never '
            'awaited"): calling main() only makes a coroutine; run it with asyncio.run(main(...))'
        )
    return (
        f'the coroutine {name}() was created but never run (stderr says "coroutine {name!r} was never awaited"): '
        "calling an async def function only makes a coroutine; await it, or pass it to asyncio.gather(*...)"
    )


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _starts_with_asyncio_run(tree: ast.Module) -> bool:
    """Whether the script calls asyncio.run or an asyncio.Runner, however it imported them."""
    modules = {"asyncio"}  # the names asyncio is bound to: import asyncio [as aio]
    runners = set()  # the names bound to asyncio.run or asyncio.Runner: from asyncio import run [as ...]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.asname or alias.name for alias in node.names if alias.name == "asyncio"}
        elif isinstance(node, ast.ImportFrom) and node.module == "asyncio":
            runners |= {alias.asname or alias.name for alias in node.names if alias.name in ("run", "Runner")}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in ("run", "Runner"):
            if isinstance(func.value, ast.Name) and func.value.id in modules:
                return True
        if isinstance(func, ast.Name) and func.id in runners:
            return True
    return False


async def _run_python(arguments: list[str]) -> tuple[int, str, str]:
    """Run this Python with `arguments`, the way a terminal would; return code, stdout, stderr."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        *arguments,
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
        "Start from the lesson's fetch_script.py: one coroutine fetches one UUID, main starts three of them "
        "together and prints what they give back, and the line that starts the program goes under the name "
        "guard, so that importing the file runs nothing.",
        "asyncio.gather(*coroutines) runs the three fetches at once and returns their results in order. One "
        "aiohttp.ClientSession, opened with async with in main, carries the three requests; each UUID is the "
        "value under the key 'uuid' of await resp.json().",
        "The script ends with the guard, if __name__ == '__main__':, and under it the one call that starts "
        "the program: asyncio.run, given main with the URL from sys.argv[1]. It creates the loop, runs main "
        "to the end, and closes the loop.",
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
    async with serving(app) as base_url:
        returncode, out, err = await _run_python([str(path), base_url])
        asked_when_run = len(uuid_server.answered)
        if returncode != 0:
            failure = _script_failed(returncode, err)
            if not uuid_server.answered and "Cannot connect to host" in failure:
                failure += "; it never reached the URL it was given: read the server's URL from sys.argv[1]"
            raise NotYet(failure)
        never_awaited = _never_awaited(err)
        expect(not never_awaited, never_awaited)
        printed = [line.strip() for line in out.splitlines() if line.strip()]
        expect(printed, "your script printed nothing; it should print the three UUIDs, one per line")
        expect(
            uuid_server.answered,
            "your script never asked the URL it was given for /uuid: read the server's URL from sys.argv[1]",
        )
        expect(
            asked_when_run == REQUESTS,
            f"your script fetched /uuid {asked_when_run} times; fetch it exactly {REQUESTS} times",
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

        returncode, out, err = await _run_python(["-c", IMPORT_SCRIPT, str(path), base_url])
        asked_when_imported = len(uuid_server.answered) - asked_when_run
        expect(
            asked_when_imported == 0 and returncode == 0 and not out.strip(),
            "importing your script ran it"
            + (f" (it fetched /uuid {asked_when_imported} times)" if asked_when_imported else "")
            + ": put the asyncio.run(...) line under `if __name__ == '__main__':`, so that it runs only when the "
            "file is started as a program",
        )
    expect(
        _starts_with_asyncio_run(tree),
        "start the script with asyncio.run(main(...)): get_event_loop().run_until_complete() fails on Python 3.14",
    )


def _called_in_thread(in_running_loop, loop_set_here: asyncio.AbstractEventLoop | None) -> object:
    """Call in_running_loop in this (worker) thread, with `loop_set_here` as its current loop; what it did."""
    asyncio.set_event_loop(loop_set_here)
    try:
        return in_running_loop()
    except Exception as exc:  # reported below, as what the learner's function did
        return exc
    finally:
        asyncio.set_event_loop(None)


def _in_a_loop_that_is_set_but_stopped(in_running_loop) -> object:
    loop = asyncio.new_event_loop()
    try:
        return _called_in_thread(in_running_loop, loop)
    finally:
        loop.close()


def _in_a_thread_with_its_own_running_loop(in_running_loop) -> object:
    async def ask() -> object:
        return in_running_loop()

    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(ask())
    except Exception as exc:
        return exc
    finally:
        loop.close()


def _expect_answer(answer: object, expected: bool, where: str, advice: str = "") -> None:
    if isinstance(answer, Exception):
        raise NotYet(
            f"{where}, in_running_loop() should return {expected}, but it raised {type(answer).__name__}: "
            f"{str(answer).rstrip('.')}" + (advice and f". {advice[0].upper()}{advice[1:]}")
        )
    expect(isinstance(answer, bool), f"{where}, in_running_loop() returned {answer!r}; return True or False")
    expect(
        answer is expected,
        f"{where}, in_running_loop() returned {answer}, not {expected}" + (advice and f": {advice}"),
    )


@exercise(
    "02.2",
    "is an event loop running here?",
    "in_running_loop",
    (
        "Ask asyncio for the loop that is running in the calling thread: one of its functions answers that "
        "question, and raises when there is no such loop. Turn what it does into True or False.",
        "asyncio's get_running_loop returns the loop running in this thread, and raises RuntimeError when there "
        "is none: call it in a try block, return True when it returns and False when it raises. Not "
        "get_event_loop, which can hand you a loop that is not running, or runs in another thread.",
    ),
    is_async=False,
)
async def check_in_running_loop(in_running_loop) -> None:
    _expect_answer(in_running_loop(), True, "called inside a coroutine (a loop is running)")

    loop = asyncio.get_running_loop()
    from_callback = loop.create_future()

    def callback() -> None:
        try:
            from_callback.set_result(in_running_loop())
        except Exception as exc:
            from_callback.set_result(exc)

    loop.call_soon(callback)
    _expect_answer(
        await from_callback,
        True,
        "called from a callback the loop runs (loop.call_soon), where a loop is running but no task is",
        "asyncio.current_task() is None there; ask whether a loop runs, not whether a task does",
    )

    _expect_answer(
        await asyncio.to_thread(_called_in_thread, in_running_loop, None),
        False,
        "called in a thread with no event loop",
        "catch that RuntimeError and return False",
    )
    _expect_answer(
        await asyncio.to_thread(_in_a_loop_that_is_set_but_stopped, in_running_loop),
        False,
        "called in a thread that has a loop (set with asyncio.set_event_loop) which is not running",
        "a loop that exists is not a loop that runs: get_event_loop() returns that loop all the same",
    )
    _expect_answer(
        await asyncio.to_thread(_called_in_thread, in_running_loop, loop),
        False,
        "called in a thread whose current loop is another thread's running loop (set with asyncio.set_event_loop)",
        "that loop runs, but not in this thread; loop.is_running() says whether a loop runs anywhere, "
        "asyncio.get_running_loop() whether one runs in the calling thread",
    )
    _expect_answer(
        await asyncio.to_thread(_in_a_thread_with_its_own_running_loop, in_running_loop),
        True,
        "inside a coroutine on another thread's event loop",
        "ask about the calling thread's loop, whichever thread that is",
    )
