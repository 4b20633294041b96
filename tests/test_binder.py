"""Binder (repo2docker) builds exactly the environment the tests run in, and opens at the index."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
INDEX = "notebooks/00-index.ipynb"


def meaningful_lines(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def test_binder_installs_exactly_the_project_requirements():
    assert meaningful_lines(BINDER / "requirements.txt") == ["-r ../requirements.txt"]


def test_binder_has_no_second_environment_file():
    """repo2docker would install from any of these too (or instead): only one list may exist."""
    others = {"environment.yml", "Pipfile", "Pipfile.lock", "setup.py", "pyproject.toml", "install.R", "apt.txt"}
    assert not others & {path.name for path in BINDER.iterdir()}


def test_binder_python_is_the_tested_python():
    runtime = (BINDER / "runtime.txt").read_text().strip()
    assert runtime == f"python-{sys.version_info.major}.{sys.version_info.minor}"
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert f">={sys.version_info.major}.{sys.version_info.minor}" in requires


def test_binder_requirements_resolve_to_what_is_installed_here():
    """pip, offline, finds every pin already satisfied in the environment the tests run in."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--no-index",
            "--disable-pip-version-check",
            "-r",
            "binder/requirements.txt",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Would install" not in result.stdout, result.stdout[-2000:]


def test_every_pin_is_exact():
    for line in meaningful_lines(ROOT / "requirements.txt"):
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.+\-]+", line), f"not an exact pin: {line}"


def test_direct_dependencies_are_pinned_at_the_same_versions():
    pins = {}
    for line in meaningful_lines(ROOT / "requirements.txt"):
        name, version = line.split("==")
        pins[name.lower().replace("_", "-")] = version
    for line in meaningful_lines(ROOT / "requirements.in"):
        name, version = line.split("==")
        assert pins.get(name.lower().replace("_", "-")) == version, f"{line} is not what requirements.txt pins"


def test_post_build_installs_the_project_without_other_packages_and_opens_the_index():
    post_build = (BINDER / "postBuild").read_text()
    installs = re.findall(r"^\s*pip install (.+)$", post_build, flags=re.MULTILINE)
    assert installs == ["--no-cache-dir --no-deps -e ."]
    assert f'default_url = "/lab/tree/{INDEX}"' in post_build
    assert (ROOT / INDEX).is_file()


def test_readme_badge_opens_the_index():
    readme = (ROOT / "README.md").read_text()
    badge = re.search(r"\(https://mybinder\.org/v2/gh/[^)]+\)", readme)
    assert badge, "the README has no Binder badge"
    assert f"urlpath=lab/tree/{INDEX}" in badge.group(0)
