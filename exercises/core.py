"""The exercise machinery shared by every lesson: register, check, hint, solution.

A lesson's module (``exercises/lesson01.py``…) registers its exercises with
`exercise(...)`, each with a checker: an async function that receives what the
learner wrote and raises `NotYet` with a helpful message when it is not right.
Solutions live in ``notebooks/solutions/<id>-<name>.py``; the test suite runs
every one of them through its checker.
"""

from __future__ import annotations

import asyncio
import inspect
import runpy
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SOLUTIONS_DIR = Path(__file__).resolve().parent.parent / "notebooks" / "solutions"
CHECK_TIMEOUT = 60.0


class NotYet(Exception):
    """Raised by a checker: the answer is not right yet; the message says what is wrong."""


def expect(condition: object, message: str) -> None:
    """Raise `NotYet(message)` unless `condition` holds."""
    if not condition:
        raise NotYet(message)


def expect_type(value: object, expected: type, call: str, description: str) -> None:
    """Raise `NotYet` unless `value` is an instance of `expected`; a None gets its own hint.

    ``expect_type(body, bytes, "download", "the body as bytes")`` says
    "download must return the body as bytes, not str".
    """
    if value is None:
        raise NotYet(f"{call} returned None; it should return {description} (is the `return` missing?)")
    if not isinstance(value, expected):
        raise NotYet(f"{call} must return {description}, not {type(value).__name__}")


Checker = Callable[[Any], Awaitable[None]]


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    answer_name: str
    """The name the learner defines (a function), or the script file they write."""
    hint: str
    checker: Checker
    is_script: bool = False
    is_async: bool = True
    """Whether the learner's function must be `async def` (True) or a plain `def` (False)."""

    @property
    def solution_path(self) -> Path:
        filename = self.answer_name if self.is_script else f"{self.answer_name}.py"
        return SOLUTIONS_DIR / f"{self.id}-{filename}"

    def solution_answer(self) -> Any:
        """What the solution file provides: the script's path, or the function it defines."""
        if self.is_script:
            return self.solution_path
        return runpy.run_path(str(self.solution_path))[self.answer_name]


REGISTRY: dict[str, Exercise] = {}


def exercise(id: str, title: str, answer_name: str, hint: str, *, is_script: bool = False, is_async: bool = True):
    """Decorator that registers a checker under an exercise id such as ``"01.1"``."""

    def register(checker: Checker) -> Checker:
        if id in REGISTRY:
            raise ValueError(f"exercise {id} is registered twice")
        REGISTRY[id] = Exercise(id, title, answer_name, hint, checker, is_script, is_async)
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
        mark = "✅ Exercise {} passed" if self.passed else "❌ Exercise {} is not solved yet"
        return f"{mark.format(self.exercise_id)}: {self.message}"


async def check(exercise_id: str, answer: Any) -> CheckResult:
    """Check an answer and say what is still wrong. Never raises for a wrong answer."""
    ex = get(exercise_id)
    problem = _shape_problem(ex, answer)
    if problem:
        return CheckResult(ex.id, False, problem)
    try:
        await asyncio.wait_for(ex.checker(answer), CHECK_TIMEOUT)
    except NotYet as exc:
        return CheckResult(ex.id, False, str(exc))
    except TimeoutError:
        return CheckResult(ex.id, False, f"the check gave up after {CHECK_TIMEOUT:.0f} s; does your code ever finish?")
    except Exception as exc:  # the learner's code raised: say what, without a wall of traceback
        return CheckResult(ex.id, False, f"your code raised {type(exc).__name__}: {exc}")
    return CheckResult(ex.id, True, ex.title)


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


def hint(exercise_id: str) -> None:
    """Print a hint for an exercise."""
    ex = get(exercise_id)
    print(f"Hint for exercise {ex.id} ({ex.title}):\n{ex.hint}")


def solution(exercise_id: str) -> None:
    """Print the solution file of an exercise, and how to load it into a cell."""
    ex = get(exercise_id)
    relative = ex.solution_path.relative_to(SOLUTIONS_DIR.parent)
    print(f"# {relative}  (to load it into a cell: %load {relative})\n")
    print(ex.solution_path.read_text(encoding="utf-8"))
