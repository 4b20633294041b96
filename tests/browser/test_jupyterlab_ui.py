"""Every notebook run through JupyterLab's own UI, in headless Chromium driven by Playwright.

One JupyterLab for the session, serving a temporary copy of notebooks/ (autosave writes outputs back,
so never the real folder), with its own config, runtime, data, settings and workspace directories
and nothing that reaches the network. Two notebooks run at once (`LANES`), each lane a Chromium of its own
with one JupyterLab page kept open, started in notebook order as soon as the session begins. For each
notebook: File → "Open from Path…", wait for an idle kernel, Edit → "Clear Outputs of All Cells", Run →
"Run All Cells", wait until the kernel is idle and no cell shows ``[*]``, then fail on error output (stderr
or a traceback, except in cells tagged ``raises-exception``), widgets that do not render, code cells that
never ran, entries in Lab's log console (output from outside any cell) and dialogs (e.g. "the kernel
appears to have died"). Then Run All again in the same kernel, with the same checks and every cell run
anew: a learner re-runs a notebook in the kernel that ran it (the run in a fresh kernel is strict nbval's).
If the notebook has an ipywidgets button, the first one is clicked once and must change the outputs, with
no new error. The notebook is saved (if anything changed since) and closed and its session shut down; after
a run with a problem the lane starts a new page. The last tests check these checks on throw-away notebooks
(a button, broken cells, a cell that fails only when run again).

A screenshot of each notebook goes to test-artifacts/browser/<notebook>.png, with the browser's
console (<notebook>.console.txt), the JupyterLab log (jupyterlab.log) and the timings (timings.txt).

Needs Debian's Chromium (``apt-get install chromium``) and the playwright package from
requirements.txt, driven as tests/headless_chromium.py says; Playwright's own browser download
(``playwright install``) is never used. Without them the tests skip, unless CI=true, where they fail.
BROWSER_TEST_CHROMIUM points to another binary.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import pytest
from headless_chromium import Lane, require_browser

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts" / "browser"
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # under xdist each worker runs its own Lab and logs

VIEWPORT = {"width": 1280, "height": 900}
MAX_SCREENSHOT_HEIGHT = 16000  # Chromium cannot capture much taller pages in one piece

LAB_START_TIMEOUT = 60.0
PAGE_READY_TIMEOUT = 60.0  # page loaded, notebook shown, kernel started and idle
RUN_ALL_TIMEOUT = 180.0
BUTTON_TIMEOUT = 60.0
WIDGET_RENDER_TIMEOUT = 5.0
POLL = 0.25

# Lab settings for the session: every cell attached to the DOM (the default windowing may leave
# cells out of it), and no news or update checks (each of them would reach the network).
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}

STDERR_MIME = "application/vnd.jupyter.stderr"  # stderr streams and tracebacks alike
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
BUTTON_SELECTOR = ".jp-OutputArea button.widget-button, .jp-OutputArea .jupyter-widgets button"
PROMPT_NUMBER = re.compile(r"^\[(\d+)\]:?$")
PROMPT_RUNNING = "[*]"

# What the page reports about every cell, in notebook order. `outputs` are the cell's own outputs, in
# the order of the notebook model; `errors` also cover outputs nested in widgets (an Output widget).
CELLS_JS = """
(stderrMime) => {
  const panel = document.querySelector('.jp-NotebookPanel');
  if (!panel || panel.querySelector('.jp-Spinner')) return null;
  return [...panel.querySelectorAll('.jp-Notebook .jp-Cell')].map((cell) => {
    const prompt = cell.querySelector('.jp-InputPrompt');
    const area = cell.querySelector('.jp-Cell-outputArea');
    const outputs = area ? [...area.querySelectorAll(':scope > .jp-OutputArea-child > .jp-OutputArea-output')] : [];
    const nested = area ? [...area.querySelectorAll('.jp-OutputArea-output')] : [];
    return {
      code: cell.classList.contains('jp-CodeCell'),
      prompt: prompt ? prompt.textContent.trim() : '',
      errors: nested.filter((o) => o.dataset.mimeType === stderrMime).map((o) => o.innerText.trim()),
      text: area ? area.innerText : '',
      signature: area ? area.innerText + '|' + area.querySelectorAll('*').length + '|' +
        [...area.querySelectorAll('img')].map((img) => img.src.length).join(',') : '',
      outputs: outputs.map((o) => ({
        mime: o.dataset.mimeType || null,
        text: o.innerText.trim(),
        widget: o.matches('.jupyter-widgets') || o.querySelector('.jupyter-widgets') !== null,
      })),
    };
  });
}
"""

# JupyterLab has started in the page: the splash screen is gone and the menu bar is there.
LAB_STARTED_JS = "() => !document.querySelector('#jupyterlab-splash') && !!document.querySelector('.lm-MenuBar-item')"

# The text of Lab's log console, once opened; the number of entries is in its status bar item's title.
LOG_TEXT_JS = """
() => [...document.querySelectorAll('.jp-LogConsolePanel .jp-OutputArea-output')]
  .map((o) => o.innerText.trim()).filter(Boolean).join('\\n')
"""
LOG_ENTRIES = re.compile(r"(\d+) log entries")


# --------------------------------------------------------------------------------------------------
# JupyterLab


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class Lab:
    base_url: str
    root: Path
    process: subprocess.Popen
    log_path: Path
    timings: list[str] = field(default_factory=list)

    def api(self, path: str, method: str = "GET", xsrf: str | None = None) -> Any:
        request = urllib.request.Request(self.base_url + path, method=method)
        if xsrf:  # state-changing calls need the _xsrf cookie echoed in a header
            request.add_header("X-XSRFToken", xsrf)
            request.add_header("Cookie", f"_xsrf={xsrf}")
        with _NO_PROXY.open(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def kernel(self, path: str) -> dict | None:
        """The kernel model (execution_state, last_activity, …) of the session for `path`."""
        for session in self.api("/api/sessions"):
            if session["path"] == path:
                return session["kernel"]
        return None

    def shut_down_session(self, path: str, xsrf: str | None) -> None:
        for session in self.api("/api/sessions"):
            if session["path"] == path:
                self.api(f"/api/sessions/{session['id']}", method="DELETE", xsrf=xsrf)

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def lab_environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_", "IPYTHON"))}
    env.update(
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        IPYTHONDIR=str(home / "ipython"),
        JUPYTER_PLATFORM_DIRS="0",
        PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
        PYTHONUNBUFFERED="1",
    )
    for name in ("config", "data", "runtime", "ipython"):
        (home / name).mkdir(parents=True, exist_ok=True)
    return env


def write_lab_settings(settings_dir: Path) -> None:
    for plugin, values in LAB_SETTINGS.items():
        path = settings_dir / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


def stop_process_tree(process: subprocess.Popen) -> list[str]:
    """Stop JupyterLab (SIGTERM makes it shut its kernels down), then anything it left; say what was killed."""
    try:
        leftovers = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        leftovers = []
    killed = []
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
            killed.append(f"jupyter lab (pid {process.pid})")
    _, alive = psutil.wait_procs(leftovers, timeout=10)
    for child in alive:
        try:
            name = child.name()
            child.kill()
        except psutil.NoSuchProcess:
            continue
        killed.append(f"{name} (pid {child.pid})")
    psutil.wait_procs(alive, timeout=10)
    return killed


# --------------------------------------------------------------------------------------------------
# Fixtures


class Browser:
    """`LANES` Chromiums, so that two notebooks run at once in the one JupyterLab; `run` takes a free one.

    Each lane keeps one JupyterLab page open and opens its notebooks in it one after another: Lab's start-up in
    the page (seconds of JavaScript) is paid once per lane, not once per notebook. After a run with a problem the
    lane's page is closed, so that whatever state it was left in cannot reach the next notebook.
    """

    def __init__(self, lanes: list[Lane]) -> None:
        self.lanes = lanes
        self._free: queue.Queue[Lane] = queue.Queue()
        self._pages: dict[Lane, LabPage] = {}
        for lane in lanes:
            self._free.put(lane)

    def run(self, lab: Lab, path: str, name: str) -> LabRun:
        lane = self._free.get()
        try:
            return lane.call(self._run_on_lane, lane, lab, path, name)
        finally:
            self._free.put(lane)

    def _run_on_lane(self, lane: Lane, lab: Lab, path: str, name: str) -> LabRun:
        """On the lane's own thread, like everything Playwright does with its Chromium."""
        page = self._pages.get(lane)
        if page is not None and open_dialog_text(page.page):  # something opened after the last notebook closed
            self._pages.pop(lane).close()
            page = None
        if page is None:
            page = self._pages[lane] = LabPage(lane.chromium, lab)
        run = page.run(path, name)
        if run.problems:  # a notebook that did not close is one of them
            self._pages.pop(lane).close()
        return run

    def close_pages(self) -> None:
        for lane, page in list(self._pages.items()):
            with contextlib.suppress(Exception):  # the Lab behind it may already be gone
                lane.call(page.close)
        self._pages.clear()


LANES = 2  # notebooks run at once: their kernels mostly wait (on the local server, on deliberate sleeps)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, `LANES` times; Playwright gives each launch a fresh, temporary user-data dir."""
    require_browser()
    lanes: list[Lane] = []
    try:
        for number in range(LANES):
            lanes.append(Lane(number))
            lanes[-1].start()
        yield Browser(lanes)
    finally:
        for lane in lanes:
            lane.stop()


@pytest.fixture(scope="session")
def lab(browser, tmp_path_factory) -> Iterator[Lab]:
    """One JupyterLab on 127.0.0.1 for the session, serving a temporary copy of notebooks/.

    It asks for `browser` first so that a missing browser skips (or fails) before Lab is started.
    """
    base = tmp_path_factory.mktemp("jupyterlab")
    root = base / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    home = base / "home"
    write_lab_settings(home / "settings")
    (home / "workspaces").mkdir(parents=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / f"jupyterlab{WORKER and '-' + WORKER}.log"

    port = free_port()
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        "--IdentityProvider.token=",
        "--PasswordIdentityProvider.hashed_password=",
        f"--LabApp.user_settings_dir={home / 'settings'}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")

    started = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            command, cwd=root, env=lab_environment(home), stdin=subprocess.DEVNULL, stdout=log, stderr=log
        )
    server = Lab(base_url=f"http://127.0.0.1:{port}", root=root, process=process, log_path=log_path)
    try:
        deadline = started + LAB_START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"jupyter lab exited with {process.returncode}:\n{server.log_tail()}", pytrace=False)
            try:
                server.api("/api/status")
                break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"/api/status did not answer in {LAB_START_TIMEOUT:.0f} s:\n{server.log_tail()}", pytrace=False
                    )
                time.sleep(POLL)
        server.timings.append(f"JupyterLab answered /api/status after {time.monotonic() - started:.1f} s")
        yield server
    finally:
        browser.close_pages()  # before Lab stops: no page sees its server go away
        killed = stop_process_tree(process)
        server.timings.append(f"JupyterLab stopped; had to kill: {', '.join(killed) or 'nothing'}")
        (ARTIFACTS / f"timings{WORKER and '-' + WORKER}.txt").write_text(
            "\n".join(server.timings) + "\n", encoding="utf-8"
        )


# --------------------------------------------------------------------------------------------------
# Driving a notebook through the UI


@dataclass(frozen=True)
class Problem:
    cell: int | None  # index in the notebook (markdown cells count), None for the whole notebook
    kind: str
    detail: str = ""

    def __str__(self) -> str:
        where = "notebook" if self.cell is None else f"cell {self.cell}"
        return f"{where}: {self.kind}" + (f": {self.detail}" if self.detail else "")


@dataclass
class LabRun:
    problems: list[Problem] = field(default_factory=list)
    button_clicked: bool = False
    timings: dict[str, float] = field(default_factory=dict)


class Stuck(Exception):
    """Waiting cannot succeed: a timeout, a dialog in the way, a kernel that is gone."""


def wait_for(condition, timeout: float, what: str, interval: float = POLL):
    """Poll `condition` until it returns something truthy; raise Stuck after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise Stuck(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def cell_states(page) -> list[dict] | None:
    return page.evaluate(CELLS_JS, STDERR_MIME)


def open_dialog_text(page) -> str:
    dialog = page.locator(".jp-Dialog")
    return dialog.first.inner_text().strip().replace("\n", " ") if dialog.count() else ""


def click_menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-item", has_text=re.compile(rf"^{re.escape(menu)}$")).click()
    label = page.locator(
        ".lm-Menu-item:not(.lm-mod-disabled):not(.lm-mod-hidden) .lm-Menu-itemLabel",
        has_text=re.compile(rf"^{re.escape(item)}$"),
    )
    label.click(timeout=10_000)


def wait_until_idle(page, lab: Lab, path: str, activity_before: str, timeout: float, what: str) -> None:
    """Wait until the kernel has worked since `activity_before` and is idle, and no cell shows [*].

    The kernel's state comes from /api/sessions: it must have been seen busy, or (work quicker than a
    poll) its last_activity must have moved. Between two queued cells the kernel is idle for an
    instant, so the page must also show no running or queued cell, on two polls in a row. A kernel
    that is gone or a dialog that opens (a kernel that died and restarts) ends the wait at once.
    """
    saw_busy = False
    streak = 0

    def settled() -> bool:
        nonlocal saw_busy, streak
        kernel = lab.kernel(path)
        if kernel is None or kernel["execution_state"] in ("dead", "unknown"):
            raise Stuck(f"waiting for {what}, the kernel is gone ({kernel and kernel['execution_state']})")
        dialog = open_dialog_text(page)
        if dialog:  # e.g. "Kernel Restarting: The kernel for … appears to have died"
            raise Stuck(f"waiting for {what}, a dialog opened: {dialog[:300]}")
        saw_busy |= kernel["execution_state"] == "busy"
        worked = saw_busy or kernel["last_activity"] != activity_before
        running = any(c["code"] and c["prompt"].startswith(PROMPT_RUNNING) for c in cell_states(page) or [])
        streak = streak + 1 if kernel["execution_state"] == "idle" and worked and not running else 0
        return streak >= 2

    wait_for(settled, timeout, what)


def save_and_find_widget_outputs(page, lab: Lab, path: str) -> set[tuple[int, int]]:
    """Save through the UI, then read which outputs (cell, output index) are widget views.

    The page cannot tell: a widget view has no data-mime-type, and without a widget manager Lab
    shows its text/plain instead. The saved notebook can.
    """
    click_menu(page, "File", "Save Notebook")
    tab = page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current")
    wait_for(lambda: "jp-mod-dirty" not in (tab.get_attribute("class") or ""), 15, "the notebook to be saved")
    cells = lab.api(f"/api/contents/{urllib.parse.quote(path)}?content=1")["content"]["cells"]
    return {
        (index, number)
        for index, cell in enumerate(cells)
        for number, output in enumerate(cell.get("outputs", []))
        if WIDGET_MIME in output.get("data", {})
    }


def widget_state(cells: list[dict], index: int, number: int) -> str:
    """'rendered', 'loading', 'error', or what the page shows instead of the widget."""
    outputs = cells[index]["outputs"]
    if number >= len(outputs):
        return "missing from the page"
    output = outputs[number]
    if "Error displaying widget" in output["text"]:
        return "error"
    if output["mime"] is not None:
        return f"shown as {output['mime']} (no widget manager?)"
    if output["text"].startswith("Loading widget"):
        return "loading"
    return "rendered" if output["widget"] else "empty"


def widgets_settled(page, widgets: set[tuple[int, int]]) -> bool:
    cells = cell_states(page) or []
    return all(widget_state(cells, index, number) not in ("loading", "empty") for index, number in widgets)


def summary(error: str) -> str:
    """A traceback's last line (the exception), or the start of other stderr output."""
    lines = [line.strip() for line in error.splitlines() if line.strip() and not set(line.strip()) <= {"-"}]
    if any(line.startswith("Traceback") or "Traceback (most recent call last)" in line for line in lines):
        return lines[-1][:300]
    return " | ".join(lines[:3])[:300]


def output_problems(
    cells: list[dict], expected: list[dict], widgets: set[tuple[int, int]], ran_after: int = 0
) -> list[Problem]:
    """Errors where no `raises-exception` tag allows one, broken widgets, code cells that did not run (or not
    since execution count `ran_after`)."""
    problems = []
    for index, (cell, spec) in enumerate(zip(cells, expected, strict=True)):
        if not cell["code"]:
            continue
        if cell["errors"] and not spec["raises"]:
            problems.append(Problem(index, "error output", summary(cell["errors"][0])))
        if "Error displaying widget" in cell["text"]:
            problems.append(Problem(index, "Error displaying widget", cell["text"].strip()[:300]))
        for number in sorted(n for i, n in widgets if i == index):
            state = widget_state(cells, index, number)
            if state not in ("rendered", "error"):
                problems.append(Problem(index, "widget never rendered", f"output {number}: {state}"))
        count = PROMPT_NUMBER.match(cell["prompt"])
        if spec["runnable"] and (not count or int(count.group(1)) <= ran_after):
            problems.append(Problem(index, "code cell did not run", f"prompt {cell['prompt'] or '(none)'}"))
    return problems


def expected_cells(notebook: Path) -> list[dict]:
    """Per cell, from the .ipynb: is it allowed to raise, and must it run (a non-empty code cell)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [
        {
            "raises": "raises-exception" in cell.get("metadata", {}).get("tags", []),
            "runnable": cell["cell_type"] == "code" and bool("".join(cell["source"]).strip()),
        }
        for cell in cells
    ]


def log_console_entries(page) -> int:
    """How many entries JupyterLab's log console holds for the notebook: output from outside any cell
    (a widget callback, a background thread, a warning at garbage collection). 0 while the item is hidden."""
    item = page.locator(".jp-LogConsoleStatusItem:not(.lm-mod-hidden) [title]")
    if not item.count():
        return 0
    found = LOG_ENTRIES.search(item.first.get_attribute("title") or "")
    return int(found.group(1)) if found else 0


def log_console_problem(page, before: int = 0) -> Problem | None:
    """A problem when the log console got entries; its text comes from opening it (kept open for the screenshot)."""
    entries = log_console_entries(page)
    if entries <= before:
        return None
    from playwright.sync_api import Error as PlaywrightError

    text = ""
    with contextlib.suppress(PlaywrightError, Stuck):
        page.locator(".jp-LogConsoleStatusItem:not(.lm-mod-hidden) [role=button]").first.click()
        text = wait_for(lambda: page.evaluate(LOG_TEXT_JS), 5, "the log console")
    detail = f"{entries - before} new entries (output from outside any cell)" + (f": {summary(text)}" if text else "")
    return Problem(None, "JupyterLab's log console", detail)


def outputs_signature(page) -> list[str]:
    return [cell["signature"] for cell in cell_states(page) or []]


def open_notebook(page, path: str) -> None:
    """File → Open from Path…, the path typed in, Open: as a learner opens a notebook by name."""
    click_menu(page, "File", "Open from Path…")
    dialog = page.locator(".jp-Dialog")
    dialog.locator("input").fill(path)
    dialog.locator("button.jp-mod-accept").click()
    wait_for(lambda: not page.locator(".jp-Dialog").count(), 10, f"the Open Path dialog to close on {path}")


def close_notebook(page) -> None:
    """File → Save Notebook if there are unsaved changes, File → Close Tab; wait until no notebook is left in
    the page and no dialog opened.

    A save asked for when nothing changed is not waited for (the tab shows nothing to wait on), and a tab closed
    while it runs gets Lab's "File Save Error … Disposed" dialog: so only a changed notebook is saved.
    """
    if not page.locator(".jp-NotebookPanel").count():
        return
    tab = page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current")
    if "jp-mod-dirty" in (tab.get_attribute("class") or ""):
        click_menu(page, "File", "Save Notebook")
        wait_for(lambda: "jp-mod-dirty" not in (tab.get_attribute("class") or ""), 15, "the notebook to be saved")
    click_menu(page, "File", "Close Tab")
    wait_for(lambda: not page.locator(".jp-NotebookPanel").count(), 15, "the notebook's tab to close")
    dialog = open_dialog_text(page)
    if dialog:
        raise Stuck(f"a dialog opened as the notebook closed: {dialog[:300]}")


def run_all(page, lab: Lab, path: str) -> float:
    """Run → Run All Cells, and wait until every cell is done; the seconds it took."""
    activity = lab.kernel(path)["last_activity"]
    started = time.monotonic()
    click_menu(page, "Run", "Run All Cells")
    wait_until_idle(page, lab, path, activity, RUN_ALL_TIMEOUT, "Run All to finish")
    return time.monotonic() - started


def last_execution_count(cells: list[dict]) -> int:
    counts = [int(found.group(1)) for c in cells if c["code"] and (found := PROMPT_NUMBER.match(c["prompt"]))]
    return max(counts, default=0)


def outputs_checked(
    page, lab: Lab, path: str, expected: list[dict], ran_after: int = 0
) -> tuple[list[Problem], set[tuple[int, int]]]:
    """Save, let the widgets render, check every cell's outputs and Lab's log console (see `output_problems`);
    the problems, and which outputs are widgets."""
    log_before = log_console_entries(page)
    widgets = save_and_find_widget_outputs(page, lab, path)
    with contextlib.suppress(Stuck):  # what is still loading now is reported below
        wait_for(lambda: widgets_settled(page, widgets), WIDGET_RENDER_TIMEOUT, "widgets to render")
    problems = output_problems(cell_states(page), expected, widgets, ran_after)
    log_problem = log_console_problem(page, log_before)
    return problems + ([log_problem] if log_problem else []), widgets


def run_notebook(page, lab: Lab, path: str) -> LabRun:
    """Open `path` (relative to the Lab root), clear, Run All, check; Run All again in the same kernel, check;
    click a button if any.

    The second Run All is what a learner does after editing a cell: every cell must run again in the kernel
    that ran it a moment ago (a server started twice, a session still open, a widget shown again), with
    no error but in cells tagged `raises-exception` and nothing on stderr. (A run in a fresh kernel of a
    checkout where the notebook ran before is strict nbval's run: `make notebooks-test`.)
    """
    from playwright.sync_api import Error as PlaywrightError

    run = LabRun()
    expected = expected_cells(lab.root / path)
    runnable = any(spec["runnable"] for spec in expected)
    started = time.monotonic()

    def ready() -> bool:
        cells = cell_states(page)
        if cells is None or len(cells) != len(expected):
            return False
        kernel = lab.kernel(path)
        return kernel is not None and kernel["execution_state"] == "idle" and kernel["connections"] > 0

    def cleared() -> bool:
        return all(not c["outputs"] and not PROMPT_NUMBER.match(c["prompt"]) for c in cell_states(page) or [])

    try:
        open_notebook(page, path)
        wait_for(ready, PAGE_READY_TIMEOUT, "the notebook and an idle kernel")
        run.timings["open"] = time.monotonic() - started

        click_menu(page, "Edit", "Clear Outputs of All Cells")
        wait_for(cleared, 10, "outputs and execution counts to be cleared")

        if runnable:
            run.timings["run_all"] = run_all(page, lab, path)
        problems, widgets = outputs_checked(page, lab, path, expected)
        run.problems += problems

        if runnable and not run.problems:
            first_run = last_execution_count(cell_states(page))
            run.timings["run_all_again"] = run_all(page, lab, path)
            again, widgets = outputs_checked(page, lab, path, expected, ran_after=first_run)
            run.problems += [Problem(p.cell, f"in the second Run All (same kernel), {p.kind}", p.detail) for p in again]

        buttons = page.locator(BUTTON_SELECTOR)
        if not run.problems and buttons.count():
            before = outputs_signature(page)
            log_before = log_console_entries(page)
            activity = lab.kernel(path)["last_activity"]
            buttons.first.click()
            run.button_clicked = True
            wait_until_idle(page, lab, path, activity, BUTTON_TIMEOUT, "the button's handler to finish")
            try:
                wait_for(lambda: outputs_signature(page) != before, WIDGET_RENDER_TIMEOUT, "the outputs to change")
            except Stuck:
                run.problems.append(Problem(None, "clicking the first button changed nothing in the outputs"))
            after = output_problems(cell_states(page), expected, widgets) + [log_console_problem(page, log_before)]
            run.problems += [Problem(p.cell, f"after clicking the button, {p.kind}", p.detail) for p in after if p]
    except (Stuck, PlaywrightError) as exc:
        stuck = str(exc).strip().splitlines()[0]
        run.problems.append(Problem(None, stuck))
        cells = cell_states(page)
        if cells is not None and len(cells) == len(expected):  # what went wrong before, cell by cell
            run.problems += output_problems(cells, expected, set())
    else:
        stuck = ""
    dialog = open_dialog_text(page)
    if dialog and dialog[:300] not in stuck:
        run.problems.append(Problem(None, "a dialog is open", dialog[:300]))
    run.timings["total"] = time.monotonic() - started
    return run


# The notebook's content (without the blank "scroll past end" space), scrolled back to the top.
NOTEBOOK_HEIGHT_JS = """
() => {
  const outer = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');
  const cells = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-viewport');
  if (!outer || !cells) return 0;
  outer.scrollTop = 0;
  return Math.ceil(cells.getBoundingClientRect().height);
}
"""


def screenshot(page, name: str) -> Path:
    """The whole notebook (up to MAX_SCREENSHOT_HEIGHT): the viewport is made as tall as its content first."""
    target = ARTIFACTS / f"{name}.png"
    height = page.evaluate(NOTEBOOK_HEIGHT_JS)
    chrome = 200  # menu bar, tab bar, notebook toolbar, status bar
    page.set_viewport_size(
        {"width": VIEWPORT["width"], "height": min(MAX_SCREENSHOT_HEIGHT, max(VIEWPORT["height"], height + chrome))}
    )
    page.wait_for_timeout(300)
    page.evaluate(NOTEBOOK_HEIGHT_JS)  # back to the top after the resize
    page.wait_for_timeout(300)
    page.screenshot(path=str(target), full_page=True)
    page.set_viewport_size(VIEWPORT)  # back to the usual size for the lane's next notebook
    return target


class LabPage:
    """One JupyterLab page, in a browser context of its own, kept open for the notebooks a lane runs.

    Each notebook is opened in it, run, checked, saved, photographed and closed, and its session shut down,
    before the next one is opened; the browser's console is written per notebook.
    """

    def __init__(self, chromium, lab: Lab) -> None:
        started = time.monotonic()
        self.lab = lab
        self.context = chromium.new_context(viewport=VIEWPORT)
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.page.on("console", lambda message: self.console.append(f"[{message.type}] {message.text}"))
        self.page.on("pageerror", lambda error: self.console.append(f"[pageerror] {error}"))
        self.page.goto(f"{lab.base_url}/lab/workspaces/lane-{time.monotonic_ns()}")
        wait_for(lambda: self.page.evaluate(LAB_STARTED_JS), PAGE_READY_TIMEOUT, "JupyterLab to start in the page")
        lab.timings.append(f"a JupyterLab page started in {time.monotonic() - started:.1f} s")

    def run(self, path: str, name: str) -> LabRun:
        """`run_notebook`, always leaving a screenshot and the console log behind, and the notebook closed."""
        from playwright.sync_api import Error as PlaywrightError

        self.console.clear()
        run = LabRun()
        try:
            run = run_notebook(self.page, self.lab, path)
        finally:
            try:
                screenshot(self.page, name)
            finally:
                (ARTIFACTS / f"{name}.console.txt").write_text("\n".join(self.console) + "\n", encoding="utf-8")
                try:
                    close_notebook(self.page)
                except (Stuck, PlaywrightError) as exc:
                    run.problems.append(Problem(None, "the notebook did not close", str(exc).strip().splitlines()[0]))
                finally:
                    xsrf = next((c["value"] for c in self.context.cookies() if c["name"] == "_xsrf"), None)
                    with contextlib.suppress(urllib.error.URLError):  # JupyterLab's own shutdown stops it otherwise
                        self.lab.shut_down_session(path, xsrf)
        times = ", ".join(f"{k} {v:.1f} s" for k, v in run.timings.items())
        self.lab.timings.append(f"{path}: {times}; problems: {len(run.problems)}; button clicked: {run.button_clicked}")
        return run

    def close(self) -> None:
        self.context.close()


def report(problems: list[Problem]) -> list[str]:
    """One line a problem, the cells that did not run on one line."""
    not_run = [p.cell for p in problems if p.kind == "code cell did not run"]
    lines = [str(p) for p in problems if p.kind != "code cell did not run"]
    if not_run:
        lines.append(f"code cells that did not run (no execution count): {', '.join(map(str, not_run))}")
    return lines


# --------------------------------------------------------------------------------------------------
# The tests


@pytest.fixture(scope="session")
def notebook_runs(browser, lab, request) -> Iterator[dict[str, Future[LabRun]]]:
    """Every selected lesson's run, started at once in notebook order and done `LANES` at a time.

    The test of each notebook waits for its own run: while it waits, the next notebooks are already running.
    """
    selected = sorted(
        {item.callspec.params["notebook"] for item in request.session.items if item.originalname == NOTEBOOK_TEST}
    )
    with ThreadPoolExecutor(max_workers=LANES, thread_name_prefix="lab-run") as pool:
        runs = {notebook.name: pool.submit(browser.run, lab, notebook.name, notebook.stem) for notebook in selected}
        try:
            yield runs
        finally:
            for run in runs.values():
                run.cancel()


NOTEBOOK_TEST = "test_notebook_runs_clean_in_jupyterlab"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_clean_in_jupyterlab(notebook_runs, notebook):
    run = notebook_runs[notebook.name].result()
    if run.problems:
        pytest.fail(
            f"{notebook.name} run through JupyterLab's UI (screenshot: test-artifacts/browser/{notebook.stem}.png):\n"
            + "\n".join(f"  {line}" for line in report(run.problems)),
            pytrace=False,
        )


# The checks themselves, on throw-away notebooks written into the Lab's temporary root.

SELFTEST_DIR = "browser-selftest"


def write_notebook(lab: Lab, name: str, cells: list[tuple[str, str, list[str]]]) -> str:
    """Write cells (type, source, tags) as a notebook under the Lab root; return its Lab path."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    for kind, source, tags in cells:
        make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        notebook.cells.append(make(source, metadata={"tags": tags} if tags else {}))
    path = lab.root / SELFTEST_DIR / name
    path.parent.mkdir(exist_ok=True)
    nbformat.write(notebook, path)
    return f"{SELFTEST_DIR}/{name}"


def test_checker_clicks_a_button_and_sees_the_widget_change(browser, lab):
    path = write_notebook(
        lab,
        "button.ipynb",
        [
            ("markdown", "# A button that writes into an Output widget", []),
            (
                "code",
                "import ipywidgets as widgets\n\n"
                "out = widgets.Output()\n"
                'button = widgets.Button(description="Click me")\n'
                'button.on_click(lambda _: out.append_stdout("clicked\\n"))\n'
                "widgets.VBox([button, out])",
                [],
            ),
        ],
    )
    run = browser.run(lab, path, "selftest-button")
    assert run.problems == []
    assert run.button_clicked


def test_checker_reports_a_button_whose_handler_fails(browser, lab):
    path = write_notebook(
        lab,
        "failing-button.ipynb",
        [
            (
                "code",
                "import ipywidgets as widgets\n\n\n"
                "def handler(_):\n"
                '    raise ValueError("the handler broke")\n\n\n'
                'button = widgets.Button(description="Break")\n'
                "button.on_click(handler)\n"
                "button",
                [],
            ),
        ],
    )
    run = browser.run(lab, path, "selftest-failing-button")
    assert run.button_clicked
    assert {(p.cell, p.kind) for p in run.problems} == {
        (None, "clicking the first button changed nothing in the outputs"),
        (None, "after clicking the button, JupyterLab's log console"),
    }, "\n".join(map(str, run.problems))
    assert "ValueError: the handler broke" in str(run.problems)


def test_checker_reports_errors_stderr_broken_widgets_and_cells_that_never_ran(browser, lab):
    bogus_widget = (
        "from IPython.display import display\n\n"
        f'display({{"{WIDGET_MIME}": {{"model_id": "no-such-model", "version_major": 2, "version_minor": 0}},'
        ' "text/plain": "a widget"}, raw=True)'
    )
    path = write_notebook(
        lab,
        "broken.ipynb",
        [
            ("markdown", "# Everything the checker must catch", []),  # 0
            ("code", 'print("fine")', []),  # 1
            ("code", 'raise ValueError("allowed: the cell is tagged raises-exception")', ["raises-exception"]),  # 2
            ("code", 'import sys\n\nprint("oops", file=sys.stderr)', []),  # 3
            ("code", bogus_widget, []),  # 4
            ("code", "1 / 0", []),  # 5
            ("code", 'print("never runs: the kernel aborts the queue after the error")', []),  # 6
            ("code", "", []),  # 7: empty, never sent to the kernel, not a problem
        ],
    )
    run = browser.run(lab, path, "selftest-broken")
    found = {(p.cell, p.kind) for p in run.problems}
    # The widget with no model: "Error displaying widget" once the widget manager gives up on it, or
    # "Loading widget..." for good when it still hopes for the model (either way it never renders).
    widget_kinds = {kind for cell, kind in found if cell == 4}
    assert len(widget_kinds) == 1 and widget_kinds <= {"Error displaying widget", "widget never rendered"}, found
    assert found - {(4, kind) for kind in widget_kinds} == {
        (3, "error output"),  # stderr
        (5, "error output"),  # a traceback, in a cell not tagged raises-exception
        (6, "code cell did not run"),  # dropped by the kernel after the error
    }, "\n".join(map(str, run.problems))
    assert "ZeroDivisionError" in next(p.detail for p in run.problems if p.cell == 5)
    assert not run.button_clicked


def test_checker_reports_a_cell_that_fails_when_run_again_in_the_same_kernel(browser, lab):
    path = write_notebook(
        lab,
        "second-run.ipynb",
        [
            ("code", 'print("fine, both times")', []),  # 0
            ("code", 'assert "started" not in globals(), "started twice"\nstarted = True', []),  # 1
            ("code", 'print("runs the first time only: the second run stops at cell 1")', []),  # 2
        ],
    )
    run = browser.run(lab, path, "selftest-second-run")
    assert {(p.cell, p.kind) for p in run.problems} == {
        (1, "in the second Run All (same kernel), error output"),
        (2, "in the second Run All (same kernel), code cell did not run"),
    }, "\n".join(map(str, run.problems))
    assert "AssertionError: started twice" in str(run.problems)
