"""The exercise machinery shared by every lesson: register, check, hint, solution.

A lesson's module (``exercises/lesson01.py``…) registers its exercises with
`exercise(...)`, each with a checker: an async function that receives what the
learner wrote and raises `NotYet` with a helpful message when it is not right.
Solutions live in ``notebooks/solutions/<id>-<name>.py``; the test suite runs
every one of them through its checker.

Everything a learner reads about an exercise is written here, once: the
"not solved yet" line with its "Stuck?" pointer, the hints in stages, the
solution, and the translation of the errors learners' code raises most often
into what to change.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import runpy
import time
import warnings
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

SOLUTIONS_DIR = Path(__file__).resolve().parent.parent / "notebooks" / "solutions"
CHECK_TIMEOUT = 60.0


class NotYet(Exception):
    """Raised by a checker: the answer is not right yet; the message says what is wrong."""


def expect(condition: object, message: str) -> None:
    """Raise `NotYet(message)` unless `condition` holds."""
    if not condition:
        raise NotYet(message)


def expect_type(value: object, expected: type, call: str, description: str) -> None:
    """Raise `NotYet` unless `value` is an instance of `expected`; None and un-awaited work get their own hint.

    ``expect_type(body, bytes, "download", "the body as bytes")`` says
    "download must return the body as bytes, not str".
    """
    if value is None:
        raise NotYet(f"{call} returned None; it should return {description} (is the `return` missing?)")
    unawaited = unawaited_problem(value, call)
    if unawaited:
        raise NotYet(unawaited)
    if not isinstance(value, expected):
        raise NotYet(f"{call} must return {description}, not {type(value).__name__}")


async def expect_response_error(
    call: Awaitable[Any],
    status: int,
    who: str,
    returned: Callable[[Any], str],
    *,
    first: Callable[[aiohttp.ClientResponseError], None] | None = None,
) -> aiohttp.ClientResponseError:
    """Await `call`, which must raise `aiohttp.ClientResponseError` with `status`; return that exception.

    `who` starts every message ("for a 404 response save_to_file"). When the call returns instead of raising,
    `returned(result)` says what is wrong with that (each lesson knows what a returned error page means
    there). `first(exc)`, when given, looks at the ClientResponseError before its status is checked and may
    raise `NotYet` (a ContentTypeError says the body was parsed before the status was looked at).
    """
    try:
        result = await call
    except aiohttp.ClientResponseError as exc:
        if first is not None:
            first(exc)
        expect(
            exc.status == status,
            f"{who} raised ClientResponseError with status {exc.status}; give it the response's own status "
            f"({status}): resp.raise_for_status() does",
        )
        return exc
    except Exception as exc:  # the wrong kind of error: say which kind the caller can catch
        raise NotYet(
            f"{who} raised {type(exc).__name__}; raise aiohttp.ClientResponseError, which carries the status "
            "for the caller to read (resp.raise_for_status() raises it)"
        ) from None
    raise NotYet(returned(result))


async def outcome(call: Awaitable[Any]) -> tuple[Any, BaseException | None]:
    """Run the learner's call: its result, or what it raised (looked at after what the server received)."""
    try:
        return await call, None
    except Exception as exc:  # judged by the caller, once it knows what the server received
        return None, exc


def expect_one_post(seen: Sequence[Any], call: str, exc: BaseException | None) -> Any:
    """The single request (anything with a `.method`) a call must have made: a POST.

    Re-raises the learner's error when nothing was sent: `check` then says what that error means.
    """
    if not seen and exc is not None:
        raise exc  # failed before sending anything: core.check says what that error means
    expect(seen, f"{call} sent nothing to the server: make one POST request with the session you were given")
    expect(len(seen) == 1, f"{call} made {len(seen)} requests for one call: make exactly one POST request")
    (request,) = seen
    expect(
        request.method == "POST",
        f"{call} sent a {request.method} request; the task asks for POST (session.post(url, ...))",
    )
    return request


def unawaited_problem(value: object, call: str) -> str | None:
    """A message when `value` is work that was started (or not even started) but never awaited, else None.

    Coroutines found are closed, so that Python does not also warn "coroutine ... was never awaited".
    """
    items = list(value) if isinstance(value, list | tuple) else [value]
    coroutines = [item for item in items if inspect.iscoroutine(item)]
    futures = [item for item in items if isinstance(item, asyncio.Future)]  # tasks are futures too
    for coroutine in coroutines:
        coroutine.close()
    for future in futures:
        future.cancel()
        future.add_done_callback(_retrieve_outcome)  # else asyncio logs "exception was never retrieved"
    if not coroutines and not futures:
        return None
    what = "coroutines" if coroutines else "tasks"
    if not isinstance(value, list | tuple):
        if coroutines:
            return (
                f"{call} returned a coroutine instead of its result: a coroutine only runs when it is awaited. "
                "Put `await` in front of the call whose result you return"
            )
        kind = "a task" if isinstance(value, asyncio.Task) else "a future (what asyncio.gather gives back)"
        return (
            f"{call} returned {kind} instead of its result: only awaiting it waits for the work and gives "
            "the result. Put `await` in front of the call whose result you return"
        )
    return (
        f"{call} returned a list of {what}, not of their results: nothing awaited them. "
        "Return `await asyncio.gather(*coroutines)`, which runs them and gives their results in order"
    )


def _retrieve_outcome(future: asyncio.Future) -> None:
    """Mark a dropped future's exception as seen: the check's message already says what went wrong."""
    if not future.cancelled():
        future.exception()


Checker = Callable[[Any], Awaitable[None]]


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    answer_name: str
    """The name the learner defines (a function), or the script file they write."""
    hints: tuple[str, ...]
    """In stages: the first points the way, the next names the API; `solution()` then shows code."""
    checker: Checker
    is_script: bool = False
    is_async: bool = True
    """Whether the learner's function must be `async def` (True) or a plain `def` (False)."""

    @property
    def solution_path(self) -> Path:
        filename = self.answer_name if self.is_script else f"{self.answer_name}.py"
        return SOLUTIONS_DIR / f"{self.id}-{filename}"

    @property
    def solution_load_path(self) -> str:
        """The solution's path as the notebook sees it (the kernel runs in notebooks/): for `%load`."""
        return self.solution_path.relative_to(SOLUTIONS_DIR.parent).as_posix()

    def solution_answer(self) -> Any:
        """What the solution file provides: the script's path, or the function it defines."""
        if self.is_script:
            return self.solution_path
        return runpy.run_path(str(self.solution_path))[self.answer_name]

    def stuck_line(self) -> str:
        """The one line every failed check ends with: where the hints and the solution are."""
        more = "".join(f', hint("{self.id}", {n}) more' for n in range(2, len(self.hints) + 1))
        return (
            f'Stuck? hint("{self.id}") gives a first hint{more}; solution("{self.id}") shows an answer '
            f"(%load {self.solution_load_path} puts it in a cell)."
        )


REGISTRY: dict[str, Exercise] = {}


def exercise(
    id: str,
    title: str,
    answer_name: str,
    hints: Sequence[str],
    *,
    is_script: bool = False,
    is_async: bool = True,
):
    """Decorator that registers a checker under an exercise id such as ``"01.1"``.

    `hints` come in stages: at least two, the first a nudge that shows no code, a later one naming the API.
    """

    def register(checker: Checker) -> Checker:
        if id in REGISTRY:
            raise ValueError(f"exercise {id} is registered twice")
        if isinstance(hints, str) or len(hints) < 2:
            raise ValueError(f"exercise {id} needs at least two hints: a nudge first, then one naming the API")
        REGISTRY[id] = Exercise(id, title, answer_name, tuple(hints), checker, is_script, is_async)
        return checker

    return register


def get(exercise_id: str) -> Exercise:
    try:
        return REGISTRY[exercise_id]
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise KeyError(f"no exercise {exercise_id!r}; the exercises are: {known}") from None


@dataclass(frozen=True)
class CheckResult:
    exercise_id: str
    passed: bool
    message: str

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        if self.passed:
            return f"✅ Exercise {self.exercise_id} passed: {self.message}"
        return f"❌ Exercise {self.exercise_id} is not solved yet: {self.message}\n{get(self.exercise_id).stuck_line()}"


async def check(exercise_id: str, answer: Any) -> CheckResult:
    """Check an answer and say what is still wrong. Never raises for a wrong answer."""
    ex = get(exercise_id)
    problem = _shape_problem(ex, answer)
    if problem:
        return CheckResult(ex.id, False, problem)
    started = time.monotonic()
    deadline = asyncio.timeout(CHECK_TIMEOUT)
    try:
        async with deadline:
            await ex.checker(answer)
    except NotYet as exc:
        return _failed(ex, str(exc))
    except TimeoutError as exc:
        if deadline.expired():
            return _failed(ex, f"the check gave up after {CHECK_TIMEOUT:.0f} s; does your code ever finish?")
        return _failed(ex, _own_timeout_message(exc, time.monotonic() - started))
    except Exception as exc:  # the learner's code raised: say what, without a wall of traceback
        return _failed(ex, explain_exception(exc))
    return CheckResult(ex.id, True, ex.title)


def _failed(ex: Exercise, message: str) -> CheckResult:
    _collect_abandoned_coroutines()
    return CheckResult(ex.id, False, message)


def _collect_abandoned_coroutines() -> None:
    """Collect what a wrong answer created and dropped, without Python's warnings about it.

    Coroutines never awaited, and sockets of requests it abandoned mid-way (a request still connecting
    when the check's server stopped): the check's message already says what went wrong, in the learner's terms.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="coroutine .* was never awaited", category=RuntimeWarning)
        warnings.filterwarnings("ignore", message="unclosed (transport|<socket)", category=ResourceWarning)
        gc.collect()


def _own_timeout_message(exc: TimeoutError, elapsed: float) -> str:
    kind = type(exc).__name__
    detail = f" ({exc})" if str(exc) else ""
    return (
        f"your code gave up with {kind}{detail} after {elapsed:.1f} s: that is a timeout in your own code "
        "(a ClientTimeout or asyncio.timeout you set), not the check's. The server needs longer than it "
        "allows: raise the limit, or set it on the part of the request it is meant to bound"
    )


def explain_exception(exc: BaseException) -> str:
    """What a learner's exception means, in their terms: the common mistakes get their own advice."""
    _close_unstarted_coroutines(exc)
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if isinstance(exc, aiohttp.ClientConnectionError) and str(exc) == "Connection closed":
        return (
            f"your code raised {text}. That is what reading a body after its `async with` block has ended "
            "gives: the block closes the response. Read the body inside the block (indent the "
            "`await resp.text()`, `.read()` or `.json()` under `async with`)"
        )
    if isinstance(exc, TypeError) and str(exc) == "unhashable type: 'list'":
        return (
            f"your code raised {text}. asyncio.gather takes the coroutines as separate arguments: "
            "write `asyncio.gather(*coroutines)`, with a star, not `asyncio.gather([...])`"
        )
    if isinstance(exc, RuntimeError) and str(exc) == "Session is closed":
        return (
            f"your code raised {text}. That session was closed (by `await session.close()` or at the end of its "
            "`async with` block) before your code used it: make the session where you use it, with "
            "`async with aiohttp.ClientSession() as session:` around the requests"
        )
    if isinstance(exc, RuntimeError) and "cannot be called from a running event loop" in str(exc):
        return f"your code raised {text}. The check already runs on an event loop: `await` the coroutine instead"
    return f"your code raised {text}"


def _close_unstarted_coroutines(exc: BaseException) -> None:
    """Close the coroutines the failed code made but never started (the list `gather([...])` refused…).

    They are still held by the traceback; once it goes, Python would warn "coroutine ... was never awaited"
    for each, on top of the message that already says what went wrong.
    """

    def coroutines_in(value: object, depth: int = 0) -> Iterator[Any]:
        if inspect.iscoroutine(value):
            yield value
        elif isinstance(value, list | tuple) and depth < 2:
            for item in value:
                yield from coroutines_in(item, depth + 1)

    tb = exc.__traceback__
    while tb is not None:
        for value in tb.tb_frame.f_locals.values():
            for coroutine in coroutines_in(value):
                if inspect.getcoroutinestate(coroutine) == inspect.CORO_CREATED:
                    coroutine.close()
        tb = tb.tb_next


def _shape_problem(ex: Exercise, answer: Any) -> str | None:
    if answer is None or answer is Ellipsis:
        return f"define {ex.answer_name} first, then pass it to check()"
    if ex.is_script:
        if not Path(answer).is_file():
            return f"no file {answer}: write your script with %%writefile {answer} first"
        return None
    if not callable(answer):
        return f"pass the function {ex.answer_name} itself (no parentheses), not {type(answer).__name__}"
    if ex.is_async and not is_async_function(answer):
        return f"{ex.answer_name} must be an `async def` function"
    if not ex.is_async and is_async_function(answer):
        return f"{ex.answer_name} must be a plain `def`, not `async def`: it awaits nothing"
    return None


def is_async_function(func: Any) -> bool:
    return inspect.iscoroutinefunction(func)


def hint(exercise_id: str, level: int = 1) -> None:
    """Print a hint for an exercise: ``hint("03.1")`` nudges, ``hint("03.1", 2)`` names the API."""
    ex = get(exercise_id)
    level = max(1, min(level, len(ex.hints)))
    print(f"Hint {level} of {len(ex.hints)} for exercise {ex.id} ({ex.title}):\n{ex.hints[level - 1]}")
    if level < len(ex.hints):
        print(f'\nStill stuck? hint("{ex.id}", {level + 1}) says more.')
    else:
        print(f'\nThat was the last hint: solution("{ex.id}") shows an answer.')


def solution(exercise_id: str) -> None:
    """Print the solution file of an exercise, and how to load it into a cell."""
    ex = get(exercise_id)
    print(f"# {ex.solution_load_path}  (to load it into a cell: %load {ex.solution_load_path})\n")
    print(ex.solution_path.read_text(encoding="utf-8"))


@contextmanager
def recording_warnings() -> Iterator[list[warnings.WarningMessage]]:
    """Record every warning the block raises, each time it is raised.

    A check must see the DeprecationWarning a learner's call gets whatever the filters around it: a notebook shows
    aiohttp's once per place, pytest turns them into errors.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught
