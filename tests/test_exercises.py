"""Every exercise: its solution passes its check, and stubs and known wrong answers fail with a message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exercises import REGISTRY, check
from exercises.core import SOLUTIONS_DIR
from local_server import stop_local_server

WRONG_ANSWERS_DIR = Path(__file__).parent / "wrong_answers"
NOTEBOOKS_DIR = SOLUTIONS_DIR.parent


@pytest.fixture(autouse=True, scope="module")
def _stop_server_after_module():
    yield
    stop_local_server()


@pytest.mark.parametrize("exercise_id", sorted(REGISTRY))
async def test_solution_passes(exercise_id):
    ex = REGISTRY[exercise_id]
    result = await check(exercise_id, ex.solution_answer())
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
    assert not result.passed
    assert result.message


def _wrong_answers():
    for path in sorted(WRONG_ANSWERS_DIR.glob("*.py")):
        exercise_id = path.name.split("-", 1)[0]
        yield pytest.param(exercise_id, path, id=path.stem)


@pytest.mark.parametrize(("exercise_id", "path"), list(_wrong_answers()))
async def test_wrong_answer_fails(exercise_id, path):
    """Each file in tests/wrong_answers/ is a plausible mistake; its first line says what the check must say."""
    ex = REGISTRY[exercise_id]
    expected = re.match(r"# expect: (.+)", path.read_text().splitlines()[0]).group(1)
    if ex.is_script:
        answer = path
    else:
        import runpy

        answer = runpy.run_path(str(path))[ex.answer_name]
    result = await check(exercise_id, answer)
    assert not result.passed
    assert expected in result.message


def test_every_exercise_has_a_wrong_answer():
    covered = {path.name.split("-", 1)[0] for path in WRONG_ANSWERS_DIR.glob("*.py")}
    assert covered == set(REGISTRY)


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
