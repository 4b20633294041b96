"""pytest in a child process: test files written into a temporary folder, `python -m pytest` run there, its report read.

A lesson shows a test as the function it is, defined in a cell like any other. ``run_tests(...)`` writes the
source of the tests it is given into one test file, with what they use, and runs pytest on that file in a
process of its own; the result says which tests passed and what the others reported:

    run = run_tests(test_price_is_read, test_missing_symbol_raises)
    run.show()                                   # "1 failed, 1 passed", then one line per test
    run.passed                                   # ["test_price_is_read"]
    run.result("test_missing_symbol_raises").message     # what pytest said about it ("" when it passed)
    print(run.files["test_lesson.py"])           # the file pytest ran

What the tests use comes along (`module_for`): the modules and the importable names they refer to become
imports, and the functions and classes defined in the notebook (the code under test, a fake) are written by
their source, after what they use in turn. ``replacing={"fetch_price": other}`` writes `other` under that
name instead: the same tests, run against another version of the code.

``run_pytest(files)`` is the layer below: it writes any files (tests, a conftest.py, modules they import)
and runs pytest on all of them.

The run has a configuration of its own (`PYTEST_INI`, written next to the tests and passed with ``-c``):
the repository's pyproject.toml, with its ``filterwarnings = error`` and ``testpaths``, does not apply.
Plugins are not loaded automatically from what is installed (``--disable-plugin-autoload``): only
pytest-asyncio and pytest-aiohttp (`PLUGINS`). That is what a project with those two installed gets, and it
starts in about half a second instead of four (the course also has hypothesis, nbval, xdist…). The outcome of
each test comes from pytest's JUnit XML report (``--junitxml``), not from its console output.
"""

from __future__ import annotations

import ast
import builtins
import inspect
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import types
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PYTEST_INI = """\
[pytest]
asyncio_mode = {asyncio_mode}
asyncio_default_fixture_loop_scope = function
"""
"""The configuration of every run. In ``auto`` mode (the default here) pytest-asyncio runs every `async def` test
and fixture; in ``strict`` mode only those marked for it. Without the second line, pytest-asyncio 1.x warns that
the loop scope of async fixtures is unset."""

PLUGINS = ("pytest_asyncio.plugin", "pytest_aiohttp.plugin")
"""The plugins each run loads (with ``-p``), and no others."""

RUN_TIMEOUT = 30.0
"""How long a run may take before it is stopped; the lessons' runs take about a second."""

TEST_FILE = "test_lesson.py"
"""The name of the file `run_tests` writes."""

REPORT = "report.xml"

ANSI_CODE = re.compile(r"\x1b\[[0-9;]*m")
"""A terminal colour code, which pytest writes into its report when it is told to use colours."""
EXCEPTION_LINE = re.compile(r"[A-Za-z_][\w.]*(: |$)")
"""A line of pytest's report that names an exception: ``NameError: name 'x' is not defined``, ``Failed: …``."""


@dataclass(frozen=True)
class PytestCase:
    """One test of a run: where it was (the module), its name, its outcome, and what pytest reported about it."""

    module: str
    """The test file's module name (``test_lesson``); empty for a file pytest could not even import."""
    name: str
    """The test's name, with its parameters if it has any (``test_price[ACME]``)."""
    outcome: str
    """``passed``, ``failed`` (an assert or an exception in the test), ``error`` (in a fixture, or a file that
    would not import) or ``skipped``."""
    message: str
    """For a test that did not pass, the line of pytest's report that names the exception (``Type: text``), or
    its first line when none does (``assert 2 == 3``, ``fixture 'loop' not found``); else ``""``."""
    report: str
    """Every line pytest marked with ``E`` for it (the exception and the assert explained), joined; else ``""``."""


@dataclass(frozen=True)
class PytestRun:
    """What one pytest run gave: each test's outcome, pytest's exit status and console output, the files it ran."""

    cases: tuple[PytestCase, ...]
    returncode: int
    output: str
    files: Mapping[str, str]

    def names(self, outcome: str) -> list[str]:
        """The names of the tests that had `outcome` (``passed``, ``failed``, ``error``, ``skipped``), in order."""
        return [case.name for case in self.cases if case.outcome == outcome]

    @property
    def passed(self) -> list[str]:
        return self.names("passed")

    @property
    def failed(self) -> list[str]:
        return self.names("failed")

    @property
    def errors(self) -> list[str]:
        return self.names("error")

    @property
    def summary(self) -> str:
        """The counts, as pytest's last line gives them: ``2 failed, 1 passed``."""
        counts = [(outcome, len(self.names(outcome))) for outcome in ("failed", "passed", "skipped", "error")]
        parts = [f"{n} {outcome}{'s' if outcome == 'error' and n > 1 else ''}" for outcome, n in counts if n]
        return ", ".join(parts) or "no tests ran"

    def result(self, name: str, module: str | None = None) -> PytestCase:
        """The test called `name` (in `module`, when several files have one of that name)."""
        found = [case for case in self.cases if case.name == name and module in (None, case.module)]
        if len(found) != 1:
            known = ", ".join(f"{case.module}::{case.name}" for case in self.cases) or "none"
            raise KeyError(f"{len(found)} tests called {name!r} in this run; the tests: {known}")
        return found[0]

    def show(self) -> None:
        """Print the counts, then each test's outcome and name, and for those that did not pass, their message."""
        print(self.summary)
        for case in self.cases:
            line = f"  {case.outcome:<7} {case.name}"
            print(f"{line}: {case.message}" if case.message else line)


def module_for(
    *functions: Callable[..., Any], replacing: Mapping[str, Any] | None = None, provided: Iterable[str] = ()
) -> str:
    """The text of a module that defines `functions` (by their source) and every global name they use.

    Modules become ``import`` lines, objects a module provides become ``from … import`` lines, functions and
    classes defined in the notebook (or in a file run as a script) are written by their source, after what
    they use in turn, and plain values (numbers, strings, tuples of them…) by their repr. `replacing` maps a
    name to what it must mean in the module instead; names in `provided` are left out (the caller writes
    them). A name that is none of these is left out too: using it fails in the run as it would anywhere.
    """
    imports: set[str] = set()
    sources: list[str] = []
    done = set(provided) | {function.__name__ for function in functions}
    overrides = dict(replacing or {})

    def define(name: str, value: Any) -> None:
        if inspect.ismodule(value):
            package, _, last = value.__name__.rpartition(".")
            if package and last == name:
                imports.add(f"from {package} import {name}")
            else:
                imports.add(f"import {value.__name__}" + ("" if value.__name__ == name else f" as {name}"))
        elif _importable(value):
            alias = "" if value.__qualname__ == name else f" as {name}"
            imports.add(f"from {value.__module__} import {value.__qualname__}{alias}")
        elif inspect.isfunction(value) or inspect.isclass(value):
            try:
                source = textwrap.dedent(inspect.getsource(value)).strip("\n")
            except (OSError, TypeError):
                return
            visit(value)
            sources.append(source if value.__name__ == name else f"{source}\n\n\n{name} = {value.__name__}")
        elif _is_literal(value):
            sources.append(f"{name} = {value!r}")

    def visit(value: Any) -> None:
        functions = [value] if inspect.isfunction(value) else [v for v in vars(value).values() if inspect.isfunction(v)]
        namespace = functions[0].__globals__ if functions else vars(sys.modules.get(value.__module__, builtins))
        names = _definition_names(value)
        for function in functions:
            names |= _global_names(function.__code__)
        for name in sorted(names):
            if name in done or (name not in overrides and name not in namespace):
                continue
            done.add(name)
            define(name, overrides.get(name, namespace.get(name)))

    for function in functions:
        visit(function)
    tests = [textwrap.dedent(inspect.getsource(function)).strip("\n") for function in functions]
    blocks = ["\n".join(sorted(imports, key=_import_order)), *sources, *tests]
    return "\n\n\n".join(block for block in blocks if block) + "\n"


def _definition_names(value: Any) -> set[str]:
    """The names a ``def`` or ``class`` statement itself evaluates: decorators, defaults, annotations, bases."""
    try:
        node = ast.parse(textwrap.dedent(inspect.getsource(value))).body[0]
    except (OSError, TypeError, SyntaxError, IndexError):
        return set()
    parts: list[ast.AST | None] = [*getattr(node, "decorator_list", [])]
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        arguments = node.args
        every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg]
        parts += [*arguments.defaults, *arguments.kw_defaults, node.returns]
        parts += [argument.annotation for argument in every if argument is not None]
    elif isinstance(node, ast.ClassDef):
        parts += [*node.bases, *(keyword.value for keyword in node.keywords)]
    found = (n for part in parts if part is not None for n in ast.walk(part))
    return {n.id for n in found if isinstance(n, ast.Name)} - set(dir(builtins))


def _global_names(code: types.CodeType) -> set[str]:
    """The names a function's code (and the code of the functions inside it) may look up as globals."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= _global_names(constant)
    return names - set(dir(builtins))


def _importable(value: Any) -> bool:
    """Whether `value` is what ``from <its module> import <its name>`` gives (not something made in a notebook)."""
    module, qualname = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
    if not isinstance(module, str) or not isinstance(qualname, str) or module == "__main__" or "<" in qualname:
        return False
    if module not in sys.modules or "." in qualname:
        return False
    return getattr(sys.modules[module], qualname, None) is value


def _is_literal(value: Any) -> bool:
    """Whether `value` is written back exactly by its repr (numbers, strings, containers of them)."""
    try:
        return ast.literal_eval(repr(value)) == value
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False


def _import_order(line: str) -> tuple[bool, str]:
    """``import x`` lines before ``from x import y`` lines, each in alphabetical order."""
    return line.startswith("from "), line


def run_tests(
    *tests: Callable[..., Any],
    replacing: Mapping[str, Any] | None = None,
    asyncio_mode: str = "auto",
    timeout: float = RUN_TIMEOUT,
) -> PytestRun:
    """Write `tests`, and what they use, into one test file; run pytest on it in a child process; return the result.

    `replacing` maps names the tests (or the code they use) refer to onto what they must mean in the file:
    ``replacing={"fetch_price": fetch_price_broken}`` runs the same tests against another version.
    """
    files = {TEST_FILE: module_for(*tests, replacing=replacing)}
    return run_pytest(files, asyncio_mode=asyncio_mode, timeout=timeout)


def run_pytest(files: Mapping[str, str], *, asyncio_mode: str = "auto", timeout: float = RUN_TIMEOUT) -> PytestRun:
    """Write `files` (name → text) into a temporary folder, run `python -m pytest` there, and return the result.

    pytest runs every ``test_*.py`` among them, with `PYTEST_INI` (in `asyncio_mode`) as its configuration and
    the folder as its root (so a test file can import the other files as modules). The folder is removed
    afterwards. A run that takes longer than `timeout` seconds is stopped and raises TimeoutError.
    """
    with tempfile.TemporaryDirectory(prefix="pytest-run-") as name:
        folder = Path(name)
        for filename, text in files.items():
            (folder / filename).write_text(text, encoding="utf-8")
        (folder / "pytest.ini").write_text(PYTEST_INI.format(asyncio_mode=asyncio_mode), encoding="utf-8")
        command = [sys.executable, "-m", "pytest", *pytest_options(), f"--junitxml={REPORT}"]
        try:
            finished = subprocess.run(
                command,
                cwd=folder,
                env=_environment(),
                capture_output=True,
                text=True,
                timeout=timeout,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise TimeoutError(f"pytest had not finished after {timeout:.0f} s and was stopped") from None
        report = folder / REPORT
        if not report.is_file():
            raise RuntimeError(f"pytest wrote no report (exit status {finished.returncode}): {finished.stderr[-500:]}")
        cases = read_junit_report(report.read_text(encoding="utf-8"))
    return PytestRun(tuple(cases), finished.returncode, finished.stdout, dict(files))


def _environment() -> dict[str, str]:
    """This process's environment, without what would change pytest's options, and without colours.

    ``PYTEST_ADDOPTS`` and ``PYTEST_PLUGINS`` would add options and plugins to the run; a kernel may set
    ``FORCE_COLOR``, which would put colour codes into the report (``PY_COLORS=0`` wins over it).
    """
    left_out = ("PYTEST_ADDOPTS", "PYTEST_PLUGINS")
    environment = {name: value for name, value in os.environ.items() if name not in left_out}
    return {**environment, "PY_COLORS": "0"}


def pytest_options() -> list[str]:
    """The options of every run: its own configuration and plugins, no cache folder, quiet output."""
    plugins = [option for plugin in PLUGINS for option in ("-p", plugin)]
    return ["-c", "pytest.ini", "--rootdir", ".", "--disable-plugin-autoload", "-p", "no:cacheprovider", *plugins, "-q"]


def read_junit_report(text: str) -> list[PytestCase]:
    """The tests of a JUnit XML report that pytest wrote, in the order they ran."""
    cases = []
    for element in ElementTree.fromstring(text).iter("testcase"):
        outcome, message, report = "passed", "", ""
        for child in element:
            if child.tag in ("failure", "error", "skipped"):
                outcome = "failed" if child.tag == "failure" else child.tag
                text = ANSI_CODE.sub("", child.text or "")
                lines = [line[1:].strip() for line in text.splitlines() if line.startswith("E ")]
                report = "\n".join(lines)
                message = _message(lines, child.get("message") or "")
                break
        cases.append(PytestCase(element.get("classname", ""), element.get("name", ""), outcome, message, report))
    return cases


def _message(lines: list[str], attribute: str) -> str:
    """The line that names the exception, or the first one; pytest's own message when it marked no line."""
    named = [line for line in lines if EXCEPTION_LINE.match(line)]
    if named:
        return named[0]
    if lines:
        return lines[0]
    return next(iter(attribute.strip().splitlines()), "")
