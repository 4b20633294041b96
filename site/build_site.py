"""Build the course website from the committed notebooks, without running them: `make site`.

    python site/build_site.py               build/site/ (open build/site/index.html)
    python site/build_site.py --out DIR     another folder (the staged sources and doctrees go beside it)

Sphinx and myst-nb (test tools, in requirements-test.in) read the staged sources in build/site-src/:
- every notebook as it was committed, 00-index.ipynb as index.ipynb (the home page, with the site's table of
  contents added), each lesson with a link from every exercise's check to the exercise's page;
- widget views replaced by HTML of their saved state (site/widget_snapshots.py);
- a page of hints and a solution per exercise (site/exercise_pages.py).
Warnings are errors (a rebuild reads again only the sources that changed, so tests/test_site.py builds afresh);
then every internal link of the built pages is checked (site/internal_links.py).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))  # the modules beside this one

import exercise_pages  # noqa: E402
import internal_links  # noqa: E402
from notebook_cells import markdown_cell, source  # noqa: E402
from widget_snapshots import freeze_widgets  # noqa: E402

NOTEBOOKS_DIR = ROOT / "notebooks"
INDEX_NOTEBOOK = "00-index.ipynb"
HOME = "index.ipynb"
"""The index notebook's name in the site: Sphinx makes it index.html, the page a browser opens first."""
DEFAULT_OUT = ROOT / "build" / "site"


def notebook_paths() -> list[Path]:
    return sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


def link_home(notebook: dict) -> None:
    """Links to the index notebook go to its name in the site."""
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            cell["source"] = source(cell).replace(f"]({INDEX_NOTEBOOK}", f"]({HOME}")


def add_table_of_contents(index: dict, lessons: list[exercise_pages.Lesson]) -> None:
    """The site's navigation (the sidebar, previous and next): every lesson, then the exercises' pages."""
    entries = "\n".join([*(lesson.docname for lesson in lessons), f"{exercise_pages.FOLDER}/index"])
    index["cells"].append(
        markdown_cell("table-of-contents", f"```{{toctree}}\n:hidden:\n:maxdepth: 1\n\n{entries}\n```")
    )


def title_of(notebook: dict) -> str:
    first = source(notebook["cells"][0]).splitlines()[0]
    return first.lstrip("#").strip()


def staged_sources() -> dict[Path, str]:
    """{path under the staged source folder: text}: the notebooks as the site shows them, and the exercise pages."""
    notebooks = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in notebook_paths()}
    index = notebooks.pop(INDEX_NOTEBOOK)
    lessons = [exercise_pages.Lesson(Path(name).stem, title_of(nb)) for name, nb in notebooks.items()]
    by_lesson = exercise_pages.exercises_of(lessons)
    for lesson, notebook in zip(lessons, notebooks.values(), strict=True):
        exercise_pages.link_exercises(notebook, [ex.id for ex in by_lesson.get(lesson, [])])
    add_table_of_contents(index, lessons)
    staged = {}
    for name, notebook in [(HOME, index), *notebooks.items()]:
        freeze_widgets(notebook)
        link_home(notebook)
        staged[Path(name)] = json.dumps(notebook, ensure_ascii=False, indent=1) + "\n"
    staged.update(exercise_pages.pages(lessons))
    return staged


def stage(srcdir: Path) -> None:
    """Write the staged sources; files whose text did not change keep their time, so Sphinx skips them."""
    wanted = staged_sources()
    for path in srcdir.rglob("*") if srcdir.exists() else []:
        if path.is_file() and path.relative_to(srcdir) not in wanted:
            path.unlink()
    for relative, text in wanted.items():
        path = srcdir / relative
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def sphinx_command(srcdir: Path, outdir: Path, doctrees: Path) -> list[str]:
    """Sphinx's HTML build, warnings as errors (all of them reported, not only the first)."""
    return [
        *(sys.executable, "-m", "sphinx", "--builder", "html", "--fail-on-warning", "--keep-going", "--quiet"),
        *("--conf-dir", str(HERE), "--doctree-dir", str(doctrees), str(srcdir), str(outdir)),
    ]


def build(outdir: Path = DEFAULT_OUT, capture: bool = False) -> subprocess.CompletedProcess:
    """Stage the sources beside `outdir` (`<outdir>-src`, `<outdir>-doctrees`) and build the site into it."""
    srcdir = outdir.with_name(outdir.name + "-src")
    stage(srcdir)
    command = sphinx_command(srcdir, outdir, outdir.with_name(outdir.name + "-doctrees"))
    return subprocess.run(command, cwd=ROOT, capture_output=capture, text=True, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the site goes (default: build/site)")
    args = parser.parse_args()
    started = time.monotonic()
    if build(args.out.resolve()).returncode != 0:
        sys.exit("the site has warnings (above): fix them, they are errors")
    seconds = time.monotonic() - started
    broken = internal_links.broken_links(args.out)
    for problem in broken:
        print(problem, file=sys.stderr)
    if broken:
        sys.exit(f"{len(broken)} broken internal links in {args.out}")
    pages = len(internal_links.html_pages(args.out))
    print(f"{pages} pages in {seconds:.0f} s, no broken internal link: open {args.out / 'index.html'}")


if __name__ == "__main__":
    main()
