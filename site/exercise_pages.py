"""The exercises on the website: a page of hints and a solution for each, linked both ways with its lesson.

Made at build time from `exercises.REGISTRY` (titles, hints in stages) and `notebooks/solutions/` (the answers),
so nothing here is a second copy to keep up to date. In the staged copy of each lesson, the exercise's heading
gets a label (`exercise-01.1`) and its check cell, whose output ends with the "Stuck?" line, is followed by a
link to the exercise's page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from notebook_cells import markdown_cell, source

from exercises import REGISTRY, Exercise

FOLDER = "exercises"
"""Where the pages go in the site: exercises/01.1.html, and exercises/index.html listing them all."""
EXERCISE_HEADING = re.compile(r"^(#{2,6} Exercise (\d\d\.\d+):)", re.MULTILINE)
CHECK_CALL = re.compile(r"""\bcheck\(\s*["'](\d\d\.\d+)["']""")
PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_{|}~])""")


@dataclass(frozen=True)
class Lesson:
    docname: str
    """The lesson's page, e.g. 01-first-requests."""
    title: str
    """Its first heading, e.g. 01 · First requests."""


def label(exercise_id: str) -> str:
    return f"exercise-{exercise_id}"


def page(exercise_id: str) -> str:
    return f"{FOLDER}/{exercise_id}"


def link_exercises(notebook: dict, exercise_ids: list[str]) -> None:
    """Label each exercise's heading and put a link to its page after its check cell (in place).

    Raises ValueError when one of `exercise_ids` has no heading or no check cell in the notebook: its page would
    then be linked from nowhere.
    """
    headed, checked = set(), set()
    cells = []
    for cell in notebook["cells"]:
        text = source(cell)
        if cell["cell_type"] == "markdown" and EXERCISE_HEADING.search(text):
            headed.update(match.group(2) for match in EXERCISE_HEADING.finditer(text))
            cell = {**cell, "source": EXERCISE_HEADING.sub(lambda m: f"({label(m.group(2))})=\n{m.group(1)}", text)}
        cells.append(cell)
        if cell["cell_type"] == "code" and (call := CHECK_CALL.search(text)):
            exercise_id = call.group(1)
            checked.add(exercise_id)
            stuck = (
                f"**Stuck?** The [hints and a solution for exercise {exercise_id}]({page(exercise_id)}.md), as"
                f' `hint("{exercise_id}")` and `solution("{exercise_id}")` print them.'
            )
            cells.append(markdown_cell(f"stuck-{exercise_id.replace('.', '-')}", stuck))
    for what, found in (("heading `### Exercise NN.k:`", headed), ("check cell", checked)):
        missing = sorted(set(exercise_ids) - found)
        if missing:
            raise ValueError(f"no {what} for exercise {', '.join(missing)}")
    notebook["cells"] = cells


def as_text(hint: str) -> str:
    """A hint (written for print()) as Markdown that shows it as written: `code` stays code, the rest is escaped."""
    parts = re.split(r"(`[^`]+`)", hint)
    return "".join(part if part.startswith("`") else PUNCTUATION.sub(r"\\\1", part) for part in parts)


def fenced(code: str, language: str) -> str:
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", code)), default=0))
    return f"{fence}{language}\n{code.rstrip()}\n{fence}"


def exercise_page(exercise: Exercise, lesson: Lesson) -> str:
    """The Markdown of one exercise's page: where it is, its hints one by one, then the solution."""
    hints = "\n\n".join(
        f"<details>\n<summary>Hint {number} of {len(exercise.hints)}</summary>\n\n{as_text(hint)}\n\n</details>"
        for number, hint in enumerate(exercise.hints, start=1)
    )
    solution = exercise.solution_path.read_text(encoding="utf-8")
    return f"""\
---
orphan: true
---

# Exercise {exercise.id}: {as_text(exercise.title)}

The task is in {{ref}}`lesson {lesson.title} <{label(exercise.id)}>`, where `await check("{exercise.id}", ...)` says
whether your answer is right, or what is still wrong. Open one hint at a time: the first points the way, the
next ones name the API.

## Hints

{hints}

## Solution

<details>
<summary>An answer: notebooks/{exercise.solution_load_path}</summary>

{fenced(solution, "python")}

</details>

In the notebook, `%load {exercise.solution_load_path}` puts it in a cell. The other exercises:
[Exercises: hints and solutions](index.md).
"""


def index_page(by_lesson: dict[Lesson, list[Exercise]]) -> str:
    sections = []
    for lesson, exercises in by_lesson.items():
        items = "\n".join(f"- [{ex.id}: {as_text(ex.title)}]({ex.id}.md)" for ex in exercises)
        sections.append(f"## [{as_text(lesson.title)}](../{lesson.docname}.ipynb)\n\n{items}")
    return (
        "# Exercises: hints and solutions\n\n"
        "Every lesson ends with exercises, each with a check that tells you what is still wrong. Stuck on one?"
        " Its page gives the hints in stages, then an answer: try the hints first.\n\n" + "\n\n".join(sections) + "\n"
    )


def exercises_of(lessons: list[Lesson]) -> dict[Lesson, list[Exercise]]:
    """Every registered exercise under its lesson (by number: 01.1 belongs to 01-…), in lesson order.

    Raises ValueError for an exercise whose lesson is not among `lessons`.
    """
    by_number = {lesson.docname[:2]: lesson for lesson in lessons}
    by_lesson: dict[Lesson, list[Exercise]] = {lesson: [] for lesson in lessons}
    for exercise_id in sorted(REGISTRY):
        lesson = by_number.get(exercise_id[:2])
        if lesson is None:
            raise ValueError(f"exercise {exercise_id} has no lesson {exercise_id[:2]}-….ipynb")
        by_lesson[lesson].append(REGISTRY[exercise_id])
    return {lesson: exercises for lesson, exercises in by_lesson.items() if exercises}


def pages(lessons: list[Lesson]) -> dict[Path, str]:
    """{path in the staged sources: Markdown} for the index of the exercises and one page per exercise."""
    by_lesson = exercises_of(lessons)
    found = {Path(FOLDER) / "index.md": index_page(by_lesson)}
    for lesson, exercises in by_lesson.items():
        for exercise in exercises:
            found[Path(page(exercise.id) + ".md")] = exercise_page(exercise, lesson)
    return found
