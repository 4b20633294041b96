"""Figures for the first start: from `git clone` to JupyterLab serving the index, with uv and with pip.

Run it through ``bash benchmarks/first_start.sh [--rounds N]``. Needs only Python 3.11, git, make and
access to PyPI; it prints figures and asserts nothing (exit status 0 whether the target is met or not).

Each round, for pip (USE_UV=0) and then uv (USE_UV=1): a fresh clone of this repository's HEAD (committed
work only) into a temporary folder, then `make lab` there, as a learner types it, with cold caches
(UV_CACHE_DIR, PIP_CACHE_DIR and XDG_CACHE_HOME empty temporary folders) and none of this machine's pip
configuration (PIP_CONFIG_FILE=/dev/null: every package comes from PyPI, as on a fresh machine). The clock
stops when JupyterLab answers 200 both for the index's page (/lab/tree/00-index.ipynb: `make lab` serves
notebooks/) and for the notebook itself through its contents API. JupyterLab gets a free port and no
browser through a temporary JUPYTER_CONFIG_DIR; everything else is the Makefile's. After the uv round the
learner's site-packages is measured (du), then `make .venv/.installed-test` adds the test tools and it is
measured again. Every process started here is stopped, and the temporary folders are removed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
INDEX = "notebooks/00-index.ipynb"
TARGET_SECONDS = 20.0
"""The goal: from `git clone` to the index served in at most this long on a fresh 2-core machine."""
LIMIT_SECONDS = 600.0
"""A run that has not served the index by then is stopped and reported as failed."""

LAB_CONFIG = """\
c.ServerApp.port = 0
c.ServerApp.open_browser = False
c.LabApp.open_browser = False
"""


@dataclass
class Run:
    installer: str
    clone: float = 0.0
    install: float = 0.0  # `make lab` started -> .venv/.installed written (venv, uv or pip, the course)
    lab: float = 0.0  # .venv/.installed written -> the index served
    ok: bool = False
    note: str = ""

    @property
    def total(self) -> float:
        return self.clone + self.install + self.lab


def clean_environment(scratch: Path) -> dict[str, str]:
    """This environment without pip, uv or Jupyter settings, with empty caches and Lab's own folders in scratch."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PIP_", "UV_", "JUPYTER", "VIRTUAL_ENV", "PYTHON"))
    }
    for name, folder in [
        ("UV_CACHE_DIR", "uv-cache"),
        ("PIP_CACHE_DIR", "pip-cache"),
        ("XDG_CACHE_HOME", "xdg-cache"),
        ("JUPYTER_CONFIG_DIR", "jupyter-config"),
        ("JUPYTER_RUNTIME_DIR", "jupyter-runtime"),
        ("JUPYTER_DATA_DIR", "jupyter-data"),
    ]:
        (scratch / folder).mkdir()
        env[name] = str(scratch / folder)
    env["PIP_CONFIG_FILE"] = os.devnull
    (scratch / "jupyter-config" / "jupyter_server_config.py").write_text(LAB_CONFIG)
    return env


def served(runtime: Path, clone: Path) -> bool:
    """Whether the running JupyterLab (found by its server file) serves the index's page and the notebook."""
    for server_file in runtime.glob("jpserver-*.json"):
        with contextlib.suppress(json.JSONDecodeError, OSError, KeyError, ValueError, urllib.error.URLError):
            server = json.loads(server_file.read_text())
            base, token = server["url"].rstrip("/"), server["token"]
            index = (clone / INDEX).relative_to(server["root_dir"]).as_posix()  # `jupyter lab FILE` serves its folder
            for path in (f"/lab/tree/{index}", f"/api/contents/{index}"):
                with urllib.request.urlopen(f"{base}{path}?token={token}", timeout=5) as response:
                    body = response.read()
                    if response.status != 200:
                        return False
            return json.loads(body)["type"] == "notebook"
    return False


def site_packages_megabytes(clone: Path) -> float:
    (site_packages,) = (clone / ".venv" / "lib").glob("python3.*/site-packages")
    output = subprocess.run(["du", "-sk", str(site_packages)], capture_output=True, text=True, check=True).stdout
    return int(output.split()[0]) / 1024


def stop(process: subprocess.Popen) -> None:
    """Stops `make lab` and everything it started (its own process group), waiting for them."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def first_start(installer: str, sizes: dict[str, float]) -> Run:
    run = Run(installer)
    with tempfile.TemporaryDirectory(prefix=f"first-start-{installer}-") as folder:
        scratch = Path(folder)
        env = clean_environment(scratch)
        clone = scratch / "course"
        started = time.monotonic()
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, env=env, timeout=300)
        run.clone = time.monotonic() - started
        use_uv = "1" if installer == "uv" else "0"
        log_path = scratch / "make-lab.log"
        with log_path.open("w") as log:
            process = subprocess.Popen(
                ["make", f"USE_UV={use_uv}", "lab"],
                cwd=clone,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        stamp = clone / ".venv" / ".installed"
        runtime = scratch / "jupyter-runtime"
        make_started = time.monotonic()
        installed_at = None
        try:
            while time.monotonic() - make_started < LIMIT_SECONDS and process.poll() is None:
                if installed_at is None and stamp.exists():
                    installed_at = time.monotonic()
                if installed_at is not None and served(runtime, clone):
                    now = time.monotonic()
                    run.install, run.lab, run.ok = installed_at - make_started, now - installed_at, True
                    break
                time.sleep(0.05)
        finally:
            stop(process)
        if not run.ok:
            run.note = f"make lab did not serve the index: {log_path.read_text()[-1500:]}"
            return run
        if installer == "uv":
            sizes["learner (uv, after Lab's first start)"] = site_packages_megabytes(clone)
            subprocess.run(
                ["make", "USE_UV=1", ".venv/.installed-test"], cwd=clone, env=env, capture_output=True, check=True
            )
            sizes["learner + test tools (make test's)"] = site_packages_megabytes(clone)
        else:
            sizes["learner (pip, bytecode compiled)"] = site_packages_megabytes(clone)
    return run


def cell(seconds: list[float], runs: list[Run]) -> str:
    """A table cell: the timings' median, "failed" when no run served the index, "-" when none was made."""
    return fmt(seconds) if seconds else ("failed" if runs else "-")


def fmt(seconds: list[float]) -> str:
    """The median of some timings, with the fastest when there are several."""
    median = f"{statistics.median(seconds):.1f} s"
    return median if len(seconds) == 1 else f"{median} (fastest {min(seconds):.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help="rounds of pip then uv (medians are reported)")
    parser.add_argument("--only", choices=["pip", "uv"], help="time one installer only")
    args = parser.parse_args()
    load_before = os.getloadavg()
    print(f"load average before: {load_before[0]:.2f} on {os.cpu_count()} cores", file=sys.stderr)
    runs: dict[str, list[Run]] = {"pip": [], "uv": []}
    sizes: dict[str, float] = {}
    for round_number in range(1, args.rounds + 1):
        for installer in [args.only] if args.only else ["pip", "uv"]:
            run = first_start(installer, sizes)
            runs[installer].append(run)
            state = f"{run.total:.1f} s" if run.ok else "FAILED"
            print(f"round {round_number}, {installer}: {state}", file=sys.stderr)
            if run.note:
                print(run.note, file=sys.stderr)
    print(f"load average after: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    print()
    print("| from `git clone` to JupyterLab serving the index | with uv | with pip (USE_UV=0) |")
    print("|---|---:|---:|")
    for label, part in [
        ("git clone", lambda run: run.clone),
        ("`make lab`: venv and install", lambda run: run.install),
        ("`make lab`: JupyterLab start", lambda run: run.lab),
        ("**total**", lambda run: run.total),
    ]:
        cells = [cell([part(run) for run in runs[name] if run.ok], runs[name]) for name in ("uv", "pip")]
        print(f"| {label} | {cells[0]} | {cells[1]} |")
    print()
    for name in ("uv", "pip"):
        totals = [run.total for run in runs[name] if run.ok]
        if totals:
            verdict = "PASS" if statistics.median(totals) <= TARGET_SECONDS else "SHORT"
            print(f"- {name}: {statistics.median(totals):.1f} s (target <= {TARGET_SECONDS:.0f} s: {verdict})")
    for label, megabytes in sizes.items():
        print(f"- site-packages, {label}: {megabytes:.0f} MB")


if __name__ == "__main__":
    main()
