"""Every exercise: its solution passes its check, and stubs and known wrong answers fail with a message."""

from __future__ import annotations

import gc
import re
import runpy
import warnings
from pathlib import Path

import pytest

from exercises import REGISTRY, check, hint
from exercises.core import SOLUTIONS_DIR
from local_server import start_local_server, stop_local_server

WRONG_ANSWERS_DIR = Path(__file__).parent / "wrong_answers"
RIGHT_ANSWERS_DIR = Path(__file__).parent / "right_answers"
MIN_WRONG_ANSWERS = 4
NOTEBOOKS_DIR = SOLUTIONS_DIR.parent


@pytest.fixture(autouse=True, scope="module")
def _stop_server_after_module():
    yield
    stop_local_server()


@pytest.fixture(autouse=True)
async def _server_running_as_in_the_lesson():
    """Every lesson's set-up cell has started the local server before the learner's answer runs."""
    await start_local_server()


def load_answer(ex, path: Path):
    """What a file in wrong_answers/ or right_answers/ gives check(): a script's path, or the function it defines."""
    return path if ex.is_script else runpy.run_path(str(path))[ex.answer_name]


async def check_answer_file(exercise_id: str, path: Path):
    """check() on an answer file; its module (and what it made) is dropped when this returns."""
    return await check(exercise_id, load_answer(REGISTRY[exercise_id], path))


def collect_what_a_wrong_answer_left() -> None:
    """Free, now and silently, the sessions a wrong answer left open (leaving one open may be its mistake).

    Left to the garbage collector, such a session would be reported in whichever test runs when it is freed.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Unclosed", category=ResourceWarning)
        gc.collect()


def collect_what_a_right_answer_left() -> None:
    """Free what a correct answer made: a session it left open fails this test (pytest reports it), not a later one."""
    gc.collect()


@pytest.mark.parametrize("exercise_id", sorted(REGISTRY))
async def test_solution_passes(exercise_id):
    ex = REGISTRY[exercise_id]
    result = await check(exercise_id, ex.solution_answer())
    collect_what_a_right_answer_left()
    assert result.passed, result.message


@pytest.mark.parametrize("exercise_id", sorted(REGISTRY))
async def test_empty_stub_fails_with_a_message(exercise_id, tmp_path):
    ex = REGISTRY[exercise_id]
    if ex.is_script:
        stub = tmp_path / ex.answer_name
        stub.write_text("# your code here\n")
    else:

        async def stub(*args, **kwargs):
            """The notebook's stub: `...  # your code here`."""

    result = await check(exercise_id, stub)
    collect_what_a_wrong_answer_left()
    assert not result.passed
    assert result.message


def _answers(folder: Path):
    for path in sorted(folder.glob("*.py")):
        exercise_id = path.name.split("-", 1)[0]
        yield pytest.param(exercise_id, path, id=path.stem)


@pytest.mark.parametrize(("exercise_id", "path"), list(_answers(WRONG_ANSWERS_DIR)))
async def test_wrong_answer_fails(exercise_id, path):
    """Each file in tests/wrong_answers/ is a plausible mistake; its first line says what the check must say."""
    first_line = path.read_text().splitlines()[0]
    match = re.match(r"# expect: (.+)", first_line)
    assert match, f"{path.name} must start with '# expect: <message fragment>', not {first_line!r}"
    result = await check_answer_file(exercise_id, path)
    collect_what_a_wrong_answer_left()
    assert not result.passed, f"{path.name} passed the check"
    assert match.group(1) in result.message, result.message


@pytest.mark.parametrize(("exercise_id", "path"), list(_answers(RIGHT_ANSWERS_DIR)))
async def test_right_answer_written_differently_passes(exercise_id, path):
    """Each file in tests/right_answers/ is a correct answer unlike the solution; the check must accept it."""
    result = await check_answer_file(exercise_id, path)
    collect_what_a_right_answer_left()
    assert result.passed, result.message


@pytest.mark.parametrize("exercise_id", sorted(REGISTRY))
def test_every_exercise_has_several_wrong_answers(exercise_id):
    wrong = list(WRONG_ANSWERS_DIR.glob(f"{exercise_id}-*.py"))
    assert len(wrong) >= MIN_WRONG_ANSWERS, f"{exercise_id} has {len(wrong)} wrong answers"


def test_answer_files_belong_to_exercises():
    for folder in (WRONG_ANSWERS_DIR, RIGHT_ANSWERS_DIR):
        for path in folder.glob("*.py"):
            assert path.name.split("-", 1)[0] in REGISTRY, f"{path} names no exercise"


@pytest.mark.parametrize("exercise_id", sorted(REGISTRY))
def test_hints_come_in_stages(exercise_id, capsys):
    """The first hint points the way without code; the last one is not the solution's code."""
    ex = REGISTRY[exercise_id]
    assert len(ex.hints) >= 2
    solution_lines = {line.strip() for line in ex.solution_path.read_text().splitlines() if len(line.strip()) > 12}
    assert "`" not in ex.hints[0] and "(" not in ex.hints[0], f"the first hint shows code: {ex.hints[0]!r}"
    for text in ex.hints:
        quoted = [line for line in solution_lines if line in text]
        assert not quoted, f"a hint quotes the solution: {quoted}"
    hint(exercise_id)
    assert f'hint("{exercise_id}", 2)' in capsys.readouterr().out


def test_every_solution_file_belongs_to_an_exercise():
    expected = {REGISTRY[i].solution_path.name for i in REGISTRY}
    assert {p.name for p in SOLUTIONS_DIR.glob("*.py")} == expected


def test_every_exercise_is_checked_in_its_lesson():
    """The lesson notebook calls check() for each of its exercises (and names its solution file)."""
    for exercise_id, ex in REGISTRY.items():
        lesson = exercise_id.split(".")[0]
        (notebook,) = [nb for nb in NOTEBOOKS_DIR.glob(f"{lesson}-*.ipynb") if nb.stem != "00-index"]
        text = notebook.read_text()
        assert f'check(\\"{exercise_id}\\"' in text, f"{notebook.name} never checks exercise {exercise_id}"
        assert ex.solution_path.name in text, f"{notebook.name} does not name {ex.solution_path.name}"
