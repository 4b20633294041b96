"""Re-running every notebook in the kernel that just ran it passes.

A learner runs cells again and runs the whole notebook again in the same kernel: each notebook must take a
second run after its first, with no error (but in cells tagged `raises-exception`) and nothing on stderr.
The notebooks are executed from in-memory copies (the files are not changed), with notebooks/ as the
kernel's working directory; they may write under notebooks/downloads/ (ignored by git).

A run after a kernel restart is a run in a fresh kernel of a checkout where the notebook ran before: strict
nbval (`make notebooks-test`, after this stage in `make test`) is that run, so it is not made here again.

Each notebook is one test of a class of its own (made below from the sorted glob, so new lessons are picked
up), which keeps it whole on one worker under any `--dist` mode.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
CELL_TIMEOUT = 180  # seconds


def may_raise(cell) -> bool:
    return "raises-exception" in cell.metadata.get("tags", [])


def run_all_cells(client: NotebookClient, run: str) -> list[str]:
    """Execute every cell in order; the problems found, each saying which run and which cell (stops at an error)."""
    client.reset_execution_trackers()
    problems = []
    for index, cell in enumerate(client.nb.cells):
        where = f"{run}, cell {index}"
        try:
            client.execute_cell(cell, index)
        except CellExecutionError as exc:
            return [*problems, f"{where} raised:\n{exc}"]
        for output in cell.get("outputs", []):
            if output.output_type == "error" and not may_raise(cell):
                problems.append(f"{where}: {output.ename}: {output.evalue}")
            if output.output_type == "stream" and output.name == "stderr":
                problems.append(f"{where} wrote to stderr:\n{output.text}")
    return problems


def rerun(notebook: Path) -> None:
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        nb, kernel_name="python3", timeout=CELL_TIMEOUT, resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}
    )
    with client.setup_kernel():
        for run in ("first run", "second run, same kernel"):
            problems = run_all_cells(client, f"{notebook.name}, {run}")
            assert not problems, "\n\n".join(problems)


class RerunNotebook:
    """One subclass per notebook (see the module's docstring); not collected itself (no `Test` prefix)."""

    notebook: Path

    def test_runs_twice_in_one_kernel(self):
        rerun(self.notebook)


for _notebook in NOTEBOOKS:
    _name = "TestRerun_" + re.sub(r"\W", "_", _notebook.stem)
    globals()[_name] = type(_name, (RerunNotebook,), {"notebook": _notebook, "__doc__": _notebook.name})
