"""Binder (repo2docker) builds the learner's environment from binder/ alone, caches it, and opens at the index.

What repo2docker does with these files was read in its source (see ../shared/FIELD-NOTES.md, "Binder"):
it takes its configuration from `.binder/` when that is a directory, else from `binder/`, else from the
repository's root (both folders at once stop the build); with `binder/` in use, every file it looks for
is looked for there, and none at the root (requirements.txt, pyproject.toml, setup.py, DESCRIPTION, ...).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
INDEX = "notebooks/00-index.ipynb"
INDEX_URL_PATH = f"/lab/tree/{INDEX}"
LEARNER_LOCK = ROOT / "requirements-learner.txt"
PROJECT_LINE = "-e ."

BINDER_FILES = {
    "runtime.txt": "the Python version (the tested one)",
    "requirements.txt": "the learner's pins, installed before the repository is copied in",
    "postBuild": "installs the course itself and makes JupyterLab open at the index",
}
"""Everything binder/ holds. Any other file there changes the build: environment.yml, Pipfile(.lock),
pyproject.toml, setup.py, requirements3.txt, apt.txt, install.R, DESCRIPTION, (Julia)Project.toml,
REQUIRE, default.nix, Dockerfile (which makes repo2docker ignore everything else), start (run at every
launch)."""

POST_BUILD_INSTALL = "install --no-cache-dir --no-deps -e ."
"""The only pip call postBuild makes: the course's own packages, the pins being installed already."""

SERVER_START_SECONDS = 60
"""How long JupyterLab may take to write its server file (about 2 s here; margin for a loaded machine)."""


def meaningful_lines(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def test_binder_holds_exactly_the_files_meant():
    assert BINDER.is_dir()
    assert sorted(path.name for path in BINDER.iterdir()) == sorted(BINDER_FILES)


def test_no_other_folder_replaces_binder():
    """A `.binder/` directory would be read instead of binder/ (and both together stop the build)."""
    assert not (ROOT / ".binder").is_dir(), "remove .binder/: repo2docker would read it instead of binder/"


def test_binder_python_is_the_tested_python():
    runtime = (BINDER / "runtime.txt").read_text().strip()
    assert runtime == f"python-{sys.version_info.major}.{sys.version_info.minor}"
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert f">={sys.version_info.major}.{sys.version_info.minor}" in requires


def test_binder_requirements_are_the_learner_lock_without_the_course():
    learner_pins = [line for line in meaningful_lines(LEARNER_LOCK) if line != PROJECT_LINE]
    assert meaningful_lines(BINDER / "requirements.txt") == learner_pins, "run make pins"


def test_binder_requirements_are_self_contained():
    """Only exact pins: repo2docker installs the file before copying the repository (a layer cached
    across commits) unless a line refers to a local file or folder (-r, -c, -e, a path, file://)."""
    for line in meaningful_lines(BINDER / "requirements.txt"):
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.\-]*==[A-Za-z0-9_.+\-]+", line), f"not an exact pin: {line}"


def test_binder_requirements_resolve_to_what_is_installed_here():
    """pip, offline, finds every pin already satisfied in the environment the tests run in."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--disable-pip-version-check"]
        + ["-r", str(BINDER / "requirements.txt")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Would install" not in result.stdout, result.stdout[-2000:]


def environment_without_jupyter_settings(home: Path) -> dict[str, str]:
    """This process's environment with HOME=home and no JUPYTER_* variable (config, data, runtime paths)."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("JUPYTER")}
    env["HOME"] = str(home)
    return env


def run_post_build(home: Path, stubs: Path) -> list[str]:
    """Runs binder/postBuild as repo2docker does (from the root), with a `pip` that records its arguments."""
    calls = stubs / "pip-calls"
    pip = stubs / "pip"
    pip.write_text(f'#!/bin/sh\necho "$*" >> "{calls}"\n')
    pip.chmod(0o755)
    env = environment_without_jupyter_settings(home)
    env["PATH"] = f"{stubs}{os.pathsep}{env['PATH']}"
    result = subprocess.run(
        ["bash", str(BINDER / "postBuild")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return calls.read_text().splitlines()


@contextlib.contextmanager
def jupyter_lab(home: Path) -> Iterator[str]:
    """A real `jupyter lab` with home as HOME, offline, on a free loopback port; yields its base URL."""
    command = [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--port=0"]
    command += ["--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token="]
    command.append("--LanguageServerManager.autodetect=False")  # its search for language servers slows the stop
    if os.geteuid() == 0:
        command.append("--allow-root")
    log_path = home / "jupyter-lab.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment_without_jupyter_settings(home), stdout=log, stderr=subprocess.STDOUT
        )
    try:
        server_file = home / ".local/share/jupyter/runtime" / f"jpserver-{process.pid}.json"
        deadline = time.monotonic() + SERVER_START_SECONDS
        server = None
        while server is None:
            assert process.poll() is None, f"jupyter lab exited: {log_path.read_text()[-3000:]}"
            assert time.monotonic() < deadline, f"no {server_file.name} yet: {log_path.read_text()[-3000:]}"
            time.sleep(0.1)
            with contextlib.suppress(FileNotFoundError, json.JSONDecodeError):  # not written yet, or half
                server = json.loads(server_file.read_text())
        # jupyter_server writes that file before its loop runs the callback that starts listening: wait for that.
        while True:
            assert process.poll() is None, f"jupyter lab exited: {log_path.read_text()[-3000:]}"
            try:
                socket.create_connection(("127.0.0.1", server["port"]), timeout=1).close()
                break
            except ConnectionRefusedError:
                assert time.monotonic() < deadline, f"no listener yet: {log_path.read_text()[-2000:]}"
                time.sleep(0.1)
        yield server["url"]
    finally:
        process.terminate()
        returncode = process.wait(timeout=30)
    assert returncode == 0, f"jupyter lab did not stop cleanly: {log_path.read_text()[-3000:]}"


def test_post_build_installs_only_the_course_and_jupyter_lab_opens_the_index(tmp_path):
    home, stubs = tmp_path / "home", tmp_path / "stubs"
    home.mkdir()
    stubs.mkdir()
    assert run_post_build(home, stubs) == [POST_BUILD_INSTALL]
    assert (ROOT / INDEX).is_file()
    with jupyter_lab(home) as base_url:
        parts = urlsplit(base_url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            connection.request("GET", "/")
            first = connection.getresponse()
            first.read()
        finally:
            connection.close()
        assert first.status in (301, 302, 303, 307), f"GET / answered {first.status}, not a redirect"
        assert urlsplit(urljoin(base_url, first.headers["Location"])).path == INDEX_URL_PATH
        with urllib.request.urlopen(base_url, timeout=30) as followed:
            followed.read()
        assert followed.status == 200
        assert urlsplit(followed.url).path == INDEX_URL_PATH, f"GET / ends at {followed.url}"


def test_readme_badge_opens_the_index():
    readme = (ROOT / "README.md").read_text()
    badge = re.search(r"\(https://mybinder\.org/v2/gh/[^)]+\)", readme)
    assert badge, "the README has no Binder badge"
    assert f"urlpath=lab/tree/{INDEX}" in badge.group(0)
