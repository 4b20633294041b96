"""The course website (`make site`): the lessons as they were committed, built without running them.

The site is built once per test session into a temporary folder (under xdist the first worker to ask builds
it, the others wait for that build), with Sphinx's warnings as errors. Then: no internal link is broken, every
lesson and every exercise's page is reachable from the home page, each exercise's check links to its page,
the anchors written for JupyterLab land on their headings, widgets show their saved state and images are in
the pages; in headless Chromium (skipped without it, unless CI=true) the home page and a lesson with a plot
render with their title, their images loaded and no console error. Screenshots and the build's output go to
test-artifacts/site/.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib
import json
import os
import re
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from headless_chromium import Lane, require_browser
from test_notebook_standards import ANCHORED_LINK, README

from exercises import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
SITE_SOURCES = ROOT / "site"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts" / "site"
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
BUILD_TIMEOUT = 600.0  # seconds another worker waits for the one building (a build takes about 20 s)
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
LESSON_WITH_PLOTS = "06-streaming-downloads.html"  # a matplotlib chart and a tqdm bar (a widget)
JUPYTERLAB_ANCHOR = "RuntimeError:-asyncio.run()-cannot-be-called-from-a-running-event-loop"


def site_module(name: str):
    """A module of site/ (build_site, internal_links, …), imported as build_site.py imports its neighbours."""
    if str(SITE_SOURCES) not in sys.path:
        sys.path.insert(0, str(SITE_SOURCES))
    return importlib.import_module(name)


build_site = site_module("build_site")
internal_links = site_module("internal_links")
widget_snapshots = site_module("widget_snapshots")
heading_ids = site_module("heading_ids")


def page_of(notebook: Path) -> str:
    return "index.html" if notebook.name == build_site.INDEX_NOTEBOOK else f"{notebook.stem}.html"


def load(notebook: Path) -> dict:
    return json.loads(notebook.read_text(encoding="utf-8"))


def markdown_of(notebook: Path) -> str:
    return "\n".join("".join(c["source"]) for c in load(notebook)["cells"] if c["cell_type"] == "markdown")


def outputs_of(notebook: Path) -> list[dict]:
    return [output for cell in load(notebook)["cells"] for output in cell.get("outputs", [])]


# --------------------------------------------------------------------------------------------------
# One build for the session


@dataclass(frozen=True)
class Built:
    site: Path
    returncode: int
    output: str
    seconds: float


def build_once(folder: Path) -> dict:
    """Build the site into folder/site; what happened, also written to test-artifacts/site/build.txt."""
    started = time.monotonic()
    try:
        result = build_site.build(folder / "site", capture=True)
        outcome = {"returncode": result.returncode, "output": result.stdout + result.stderr}
    except Exception:  # staging failed (a lesson without its exercise's heading…): the waiting workers must hear of it
        outcome = {"returncode": -1, "output": traceback.format_exc()}
    outcome["seconds"] = time.monotonic() - started
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "build.txt").write_text(
        f"exit {outcome['returncode']} after {outcome['seconds']:.1f} s\n{outcome['output']}", encoding="utf-8"
    )
    return outcome


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    """The site, built once per session: by this process, or by the xdist worker that asked first."""
    shared = tmp_path_factory.getbasetemp()
    if WORKER:  # every worker's basetemp is a folder of the session's own
        shared = shared.parent
    folder = shared / "course-site"
    report = folder / "build.json"
    try:
        folder.mkdir()
    except FileExistsError:  # another worker builds it
        deadline = time.monotonic() + BUILD_TIMEOUT
        while not report.exists():
            if time.monotonic() > deadline:
                pytest.fail(f"the site's build by another worker did not end in {BUILD_TIMEOUT:.0f} s", pytrace=False)
            time.sleep(0.5)
        outcome = json.loads(report.read_text(encoding="utf-8"))
    else:
        outcome = build_once(folder)
        report.with_suffix(".tmp").write_text(json.dumps(outcome), encoding="utf-8")
        report.with_suffix(".tmp").rename(report)  # whole, or not there at all
    return Built(folder / "site", **outcome)


@pytest.fixture(scope="session")
def site(built) -> Path:
    """The built site's folder; the test fails at once when the build did not succeed."""
    if built.returncode != 0:
        pytest.fail(f"the site's build failed (exit {built.returncode}):\n{built.output[-5000:]}", pytrace=False)
    return built.site


@pytest.fixture(scope="session")
def pages(site) -> dict[str, internal_links.Page]:
    """Every page of the site, parsed once, by its path in the site (`exercises/01.1.html`)."""
    root = site.resolve()
    return {path.relative_to(root).as_posix(): page for path, page in internal_links.read_pages(site).items()}


# --------------------------------------------------------------------------------------------------
# The built pages


def test_site_builds_without_a_warning(built):
    """Sphinx runs with --quiet: anything it prints is a warning (its own, or a Python warning of a library)."""
    assert built.returncode == 0, f"sphinx exited {built.returncode}:\n{built.output[-5000:]}"
    assert built.output.strip() == "", f"the build printed:\n{built.output[-5000:]}"


def test_no_internal_link_is_broken(site):
    assert internal_links.broken_links(site) == []


def test_every_lesson_and_exercise_page_is_reachable_from_the_home_page(site):
    reachable = {path.relative_to(site.resolve()).as_posix() for path in internal_links.reachable_pages(site)}
    lessons = {page_of(notebook) for notebook in NOTEBOOKS}
    exercises = {f"exercises/{exercise_id}.html" for exercise_id in REGISTRY}
    assert len(exercises) > 50, "the scan found too few exercises"
    assert lessons - reachable == set(), "lessons no link leads to"
    assert exercises - reachable == set(), "exercise pages no link leads to"


@pytest.mark.parametrize("notebook", NOTEBOOKS[1:], ids=lambda path: path.name)
def test_each_check_links_to_its_exercise_page_and_back(pages, notebook):
    number = notebook.name[:2]
    exercise_ids = sorted(exercise_id for exercise_id in REGISTRY if exercise_id.startswith(f"{number}."))
    assert exercise_ids, f"no exercise of lesson {number} is registered"
    for exercise_id in exercise_ids:
        exercise_page = f"exercises/{exercise_id}.html"
        assert exercise_page in pages[page_of(notebook)].links, f"{page_of(notebook)} does not link {exercise_page}"
        back = f"../{page_of(notebook)}#exercise-{exercise_id.replace('.', '-')}"
        assert back in pages[exercise_page].links, f"{exercise_page} does not link back to its exercise"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_anchors_written_for_jupyterlab_land_on_their_headings(pages, notebook):
    """A notebook's own `](#Heading-text)` links (lesson 24's table of contents) and the README's links into
    it: JupyterLab's heading ids are ids of the page too, so the same fragment works in a link to the site."""
    own = re.findall(r"\]\(#((?:[^()\s]|\([^()\s]*\))+)\)", markdown_of(notebook))  # (…) may be in it
    from_readme = [anchor for name, anchor in ANCHORED_LINK.findall(README.read_text()) if name == notebook.name]
    ids = pages[page_of(notebook)].ids
    missing = sorted({anchor for anchor in own + from_readme if anchor not in ids})
    assert not missing, f"{page_of(notebook)} has no id for: {', '.join(missing)}"
    if notebook.name.startswith("24-"):
        assert JUPYTERLAB_ANCHOR in own, "lesson 24's table of contents was not found"


@pytest.mark.parametrize(
    "notebook",
    [nb for nb in NOTEBOOKS if any(WIDGET_VIEW in o.get("data", {}) for o in outputs_of(nb))],
    ids=lambda path: path.name,
)
def test_widgets_show_their_saved_state(site, notebook):
    html = (site / page_of(notebook)).read_text(encoding="utf-8")
    widgets = sum(WIDGET_VIEW in output.get("data", {}) for output in outputs_of(notebook))
    assert html.count('class="widget-snapshot"') == widgets, "every widget view is a snapshot of its saved state"
    assert WIDGET_VIEW not in html, "a widget view is left for JavaScript to draw"
    for bar in re.findall(r"<progress [^>]*>", html):
        if "06-" in notebook.name or "17-" in notebook.name:  # a download and an upload, done
            maximum, value = re.search(r'max="([^"]+)" value="([^"]+)"', bar).groups()
            assert maximum == value, f"the saved bar is full (the text/plain says 0%): {bar}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_every_saved_image_is_in_the_page(site, notebook):
    images = sum("image/png" in output.get("data", {}) for output in outputs_of(notebook))
    html = (site / page_of(notebook)).read_text(encoding="utf-8")
    shown = re.findall(r'<img [^>]*src="(_images/[^"]+\.png)"', html)
    assert len(shown) == images, f"{images} PNG outputs in {notebook.name}, {len(shown)} images in its page"


# --------------------------------------------------------------------------------------------------
# The pages in headless Chromium


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 (the base class's name)
        pass


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """The folder over HTTP on a free port of 127.0.0.1, as a web host would serve the site."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Lane]:
    require_browser()
    lane = Lane(0)
    try:
        lane.start()
        yield lane
    finally:
        lane.stop()


@dataclass
class Visit:
    title: str
    heading: str
    images: list[dict]
    problems: list[str]
    target_in_view: bool | None


IMAGES_JS = "() => [...document.images].map((img) => ({src: img.src, loaded: img.complete, width: img.naturalWidth}))"
# Where the element the URL's fragment names is, once the browser has scrolled to it.
TARGET_JS = """
() => {
  const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!target) return null;
  const box = target.getBoundingClientRect();
  return box.top >= -1 && box.top < window.innerHeight;
}
"""


def visit(chromium_browser, base: str, page_path: str, screenshot: Path) -> Visit:
    """Open a page; what it shows and everything that went wrong: console errors, failed or outside requests."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    origin = urlsplit(base).netloc

    def only_this_site(route) -> None:
        if urlsplit(route.request.url).netloc == origin:
            route.continue_()
        else:
            problems.append(f"request outside the site: {route.request.url}")
            route.abort()

    def console(message) -> None:
        if message.type == "error":
            problems.append(f"console error: {message.text}")

    def response(answer) -> None:
        if answer.status >= 400:
            problems.append(f"{answer.status}: {answer.url}")

    page.route("**/*", only_this_site)
    page.on("console", console)
    page.on("response", response)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url} {request.failure}"))
    try:
        page.goto(f"{base}/{page_path}", wait_until="load")
        page.wait_for_timeout(300)  # the theme's script sets up the page after load
        target = page.evaluate(TARGET_JS) if "#" in page_path else None
        found = Visit(page.title(), page.locator("h1").first.inner_text(), page.evaluate(IMAGES_JS), problems, target)
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page="#" not in page_path)
        return found
    finally:
        context.close()


@pytest.mark.parametrize(
    "notebook", [NOTEBOOKS[0], ROOT / "notebooks" / LESSON_WITH_PLOTS.replace(".html", ".ipynb")], ids=lambda p: p.name
)
def test_page_renders_in_chromium(site, chromium, notebook):
    title = "".join(load(notebook)["cells"][0]["source"]).splitlines()[0].lstrip("# ").strip()
    with serving(site) as base:
        shown = chromium.call(visit, chromium.chromium, base, page_of(notebook), ARTIFACTS / f"{notebook.stem}.png")
    assert shown.problems == []
    assert shown.heading.rstrip("#¶").strip() == title, f"the page's heading is {shown.heading!r}"
    assert shown.title.startswith(title), f"the page's title is {shown.title!r}"
    broken = [image["src"] for image in shown.images if not (image["loaded"] and image["width"] > 0)]
    assert not broken, f"images that did not load: {broken}"
    if notebook.name == LESSON_WITH_PLOTS.replace(".html", ".ipynb"):
        assert any("_images/" in image["src"] for image in shown.images), "the lesson's plot is not on the page"


def test_jupyterlab_anchor_opens_its_heading_in_chromium(site, chromium):
    page_path = f"24-errors-you-will-meet.html#{JUPYTERLAB_ANCHOR}"
    with serving(site) as base:
        shown = chromium.call(visit, chromium.chromium, base, page_path, ARTIFACTS / "24-anchor.png")
    assert shown.problems == []
    assert shown.target_in_view is True, (
        f"#{JUPYTERLAB_ANCHOR} is {'not in view' if shown.target_in_view is False else 'no id'}"
    )


# --------------------------------------------------------------------------------------------------
# The checks themselves


def write_site(folder: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(f"<!DOCTYPE html><html><body>{body}</body></html>", encoding="utf-8")
    return folder


def test_link_checker_reports_missing_files_fragments_and_links_out_of_the_site(tmp_path):
    site = write_site(
        tmp_path / "site",
        {
            "index.html": '<h1 id="top">Home</h1><a href="a/page.html#Heading:-one()">ok</a> <a href="#top">ok</a>'
            ' <a href="https://example.org/x.html">another site</a> <a href="a/">a folder</a>'
            ' <a href="missing.html">1</a> <a href="a/page.html#nowhere">2</a> <img src="../outside.png">',
            "a/page.html": '<span id="Heading:-one()"></span><a href="../index.html">home</a>',
            "a/index.html": '<a name="old-style"></a><a href="#old-style">ok</a>',
        },
    )
    (tmp_path / "outside.png").write_bytes(b"")
    assert internal_links.broken_links(site) == [
        "index.html: missing.html: no such file",
        "index.html: a/page.html#nowhere: no id 'nowhere' in a/page.html",
        "index.html: ../outside.png: leaves the site",
    ]
    reachable = {path.relative_to(site.resolve()).as_posix() for path in internal_links.reachable_pages(site)}
    assert reachable == {"index.html", "a/page.html", "a/index.html"}


def test_heading_ids_are_jupyterlabs():
    assert heading_ids.jupyterlab_heading_id("ValueError: base_url must have a trailing '/'") == (
        "ValueError:-base_url-must-have-a-trailing-'/'"
    )


def test_a_widget_the_snapshot_cannot_draw_keeps_its_text():
    view = {"model_id": "m1", "version_major": 2, "version_minor": 0}
    notebook = {
        "metadata": {
            "widgets": {
                widget_snapshots.STATE_MIME: {
                    "state": {
                        "m1": {"model_name": "HBoxModel", "state": {"children": ["IPY_MODEL_m2", "IPY_MODEL_m3"]}},
                        "m2": {"model_name": "FloatProgressModel", "state": {"value": 5.0, "max": 10.0}},
                        "m3": {"model_name": "PlotlyModel", "state": {}},
                        "m4": {"model_name": "LabelModel", "state": {"value": "<done>", "description": ""}},
                    }
                }
            }
        },
        "cells": [
            {"cell_type": "code", "outputs": [{"data": {WIDGET_VIEW: view, "text/plain": "HBox(...)"}}]},
            {"cell_type": "code", "outputs": [{"data": {WIDGET_VIEW: {**view, "model_id": "m4"}, "text/plain": "L"}}]},
        ],
    }
    assert widget_snapshots.freeze_widgets(notebook) == 1
    assert "widgets" not in notebook["metadata"]
    unknown, label = (cell["outputs"][0]["data"] for cell in notebook["cells"])
    assert unknown == {"text/plain": "HBox(...)"}, "a model not drawn here: the text/plain alone"
    assert set(label) == {"text/plain", "text/html"}
    assert '<span class="widget-snapshot-label">&lt;done&gt;</span>' in label["text/html"]
