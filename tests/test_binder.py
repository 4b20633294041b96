"""Binder (repo2docker) builds exactly the environment the tests run in, and opens at the index."""

from __future__ import annotations

import importlib.metadata
import json
import re
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
INDEX = "notebooks/00-index.ipynb"
# requirements.txt's last line: the course's own packages, editable, from the folder pip runs in (the root).
PROJECT_LINE = "-e ."
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def meaningful_lines(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def pins() -> list[str]:
    """requirements.txt without its last line, the course itself."""
    return [line for line in meaningful_lines(ROOT / "requirements.txt") if line != PROJECT_LINE]


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


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


def test_binder_requirements_resolve_to_what_is_installed_here(tmp_path):
    """pip, offline, finds every pin already satisfied in the environment the tests run in.

    The `-e .` line is left out here: preparing an editable install offline would need setuptools and
    wheel in this environment (pip's build isolation downloads them, as Binder and `make lab` do). What
    that line installs is checked by the tests below.
    """
    only_pins = tmp_path / "pins.txt"
    only_pins.write_text("\n".join(pins()) + "\n")
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
            str(only_pins),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Would install" not in result.stdout, result.stdout[-2000:]


def test_requirements_end_with_the_course_itself():
    """`pip install -r requirements.txt` from the root also installs local_server, exercises, lesson_helpers.

    Binder runs pip from the repository's root too, so `.` is the repository there as well.
    """
    lines = meaningful_lines(ROOT / "requirements.txt")
    assert lines[-1] == PROJECT_LINE, f"requirements.txt must end with {PROJECT_LINE!r}, not {lines[-1]!r}"
    assert lines.count(PROJECT_LINE) == 1
    assert "repository's root" in (ROOT / "requirements.txt").read_text(), "say where to run pip from"


def test_the_course_itself_needs_nothing_beyond_the_pins():
    pinned = {normalized(line.split("==")[0]) for line in pins()}
    for requirement in PROJECT["dependencies"]:
        name = re.match(r"[A-Za-z0-9_.\-]+", requirement).group(0)
        assert normalized(name) in pinned, f"pyproject.toml needs {requirement}, which requirements.txt does not pin"


def test_the_course_is_installed_editable_from_this_repository():
    """What `-e .` installed here: this checkout, editable (so a lesson's edit to the packages shows at once)."""
    # Looked up in site-packages: the checkout's own folder (on sys.path here) holds the build's
    # aiohttp_client_course.egg-info, which has no direct_url.json.
    site_packages = sysconfig.get_paths()["purelib"]
    (installed,) = importlib.metadata.distributions(name=PROJECT["name"], path=[site_packages])
    direct_url = json.loads(installed.read_text("direct_url.json"))
    assert direct_url == {"dir_info": {"editable": True}, "url": ROOT.as_uri()}


def test_the_lessons_kernels_find_the_course_packages():
    """A kernel runs in notebooks/, where the packages at the root are not on sys.path by themselves."""
    code = "import exercises, lesson_helpers, local_server; print(local_server.__file__, lesson_helpers.__file__)"
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], cwd=ROOT / "notebooks", capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    for path in result.stdout.split():
        assert Path(path).is_relative_to(ROOT), f"{path} is not this repository's"


def test_every_pin_is_exact():
    for line in pins():
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.+\-]+", line), f"not an exact pin: {line}"


def test_direct_dependencies_are_pinned_at_the_same_versions():
    pinned = {}
    for line in pins():
        name, version = line.split("==")
        pinned[normalized(name)] = version
    for line in meaningful_lines(ROOT / "requirements.in"):
        name, version = line.split("==")
        assert pinned.get(normalized(name)) == version, f"{line} is not what requirements.txt pins"


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
