"""What every committed notebook must be: executed top to bottom, clean outputs, the lesson pattern, live links.

nbval checks that re-running a notebook gives the committed outputs; these tests check that those
outputs are worth comparing with, and that each lesson keeps the shape described in CONTRIBUTING.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
ALL_NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
LESSONS = [nb for nb in ALL_NOTEBOOKS if nb.name != "00-index.ipynb"]
SETUP_LINES = ("from local_server import start_local_server", "server = await start_local_server()")
SUSPECT_OUTPUT = re.compile(
    r"Unclosed client session|Unclosed connector|Task was destroyed|was never awaited|Traceback"
)
MACHINE_PATH = re.compile(r"/root/|/home/\w+/|/tmp/|/work/|site-packages")
NOTEBOOK_LINK = re.compile(r"\]\(([^)#\s]+\.ipynb)")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    return "".join(cell["source"])


def output_text(output: dict) -> str:
    if output["output_type"] == "stream":
        return "".join(output["text"])
    if output["output_type"] == "error":
        return f"{output['ename']}: {output['evalue']}"
    return "".join(output.get("data", {}).get("text/plain", ""))


def expects_error(cell: dict) -> bool:
    return "raises-exception" in cell.get("metadata", {}).get("tags", [])


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_executed_top_to_bottom_in_one_fresh_kernel(path):
    code = [c for c in load(path)["cells"] if c["cell_type"] == "code" and source(c).strip()]
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), f"re-run {path.name} with `make notebooks NB={path}`"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_have_no_warnings_tracebacks_or_machine_paths(path):
    for index, cell in enumerate(load(path)["cells"]):
        if cell["cell_type"] != "code":
            continue
        for output in cell["outputs"]:
            text = output_text(output)
            where = f"{path.name} cell {index}"
            if output["output_type"] == "error":
                assert expects_error(cell), f"{where}: unexpected error {text[:200]}"
                continue
            assert output.get("name") != "stderr", f"{where}: writes to stderr: {text[:200]}"
            assert not SUSPECT_OUTPUT.search(text), f"{where}: {SUSPECT_OUTPUT.search(text).group(0)!r}"
            assert not MACHINE_PATH.search(text), f"{where}: machine-specific path in {text[:200]!r}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_links_to_notebooks_point_to_files_that_exist(path):
    for cell in load(path)["cells"]:
        if cell["cell_type"] == "markdown":
            for target in NOTEBOOK_LINK.findall(source(cell)):
                assert (path.parent / target).is_file(), f"{path.name} links to missing {target}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_follows_the_pattern(path):
    cells = load(path)["cells"]
    markdown = "\n".join(source(c) for c in cells if c["cell_type"] == "markdown")
    first_code = next(source(c) for c in cells if c["cell_type"] == "code")
    number = path.name[:2]
    assert source(cells[0]).startswith(f"# {number} · "), "the first cell is the title `# NN · Title`"
    assert "What you'll be able to do" in source(cells[0])
    assert all(line in first_code for line in SETUP_LINES), "the first code cell is the set-up cell"
    for heading in ("## Older code you will meet", "## Exercises", "## Summary"):
        assert heading in markdown, f"{path.name} has no {heading!r} section"
    assert re.search(r"\*\*Next:\*\*", source(cells[-1])), "the last cell links to the next lesson"
    assert f'check("{number}.' in "".join(source(c) for c in cells if c["cell_type"] == "code")
    assert "Stuck?" not in markdown, "exercises/core.py writes the Stuck? line into every check's output"


def test_index_links_every_lesson():
    index = "\n".join(source(c) for c in load(NOTEBOOKS_DIR / "00-index.ipynb")["cells"])
    for lesson in LESSONS:
        assert f"]({lesson.name})" in index, f"the index does not link {lesson.name}"


README = NOTEBOOKS_DIR.parent / "README.md"
ANCHORED_LINK = re.compile(r"\]\(notebooks/([^)#\s]+\.ipynb)#(.+?)\)(?=[\s,.;:]|$)", re.MULTILINE)


def heading_anchors(path: Path) -> set[str]:
    """The anchors JupyterLab gives a notebook's headings: the heading's text, spaces made hyphens."""
    headings = re.compile(r"^#{1,6} (.+?)\s*$", re.MULTILINE)
    markdown = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "markdown")
    return {text.replace(" ", "-") for text in headings.findall(markdown)}


def test_readme_links_land_on_a_heading():
    """The troubleshooting links (an error message → its section of lesson 24) open at a heading that exists."""
    links = ANCHORED_LINK.findall(README.read_text(encoding="utf-8"))
    assert links, "the README links no section of a notebook"
    for name, anchor in links:
        assert anchor in heading_anchors(NOTEBOOKS_DIR / name), f"README links {name}#{anchor}: no such heading"
