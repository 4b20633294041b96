"""The Makefile's set-up: the Python check, and installs with uv when it can be had, with pip otherwise.

Each test runs the real Makefile on a temporary .venv (VENV=...) with a stand-in Python that records what
it is asked to do instead of doing it: the install's choices are tested in well under a second each.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LEARNER_LOCK = "requirements-learner.txt"
FULL_LOCK = "requirements.txt"

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")

STAND_IN_PYTHON = """\
#!/bin/bash
# A Python that only records its arguments. STAND_IN_UV: "ok", "unavailable" (pip cannot install it), "fails".
echo "python $*" >> "$STAND_IN_LOG"
case "$1 $2" in
  "-c "*) echo "${STAND_IN_VERSION:-3.11}" ;;
  "-m venv") mkdir -p "$3/bin" && cp "$0" "$3/bin/python" ;;
  "-m pip")
    if [[ " $* " == *" uv=="* ]]; then
      [ "$STAND_IN_UV" = unavailable ] && exit 1
      printf '#!/bin/bash\\necho "uv $*" >> "$STAND_IN_LOG"\\n[ "$STAND_IN_UV" != fails ]\\n' > "$(dirname "$0")/uv"
      chmod +x "$(dirname "$0")/uv"
    fi ;;
esac
"""


def make(tmp_path: Path, target: str, *variables: str, uv: str = "ok", version: str = "3.11"):
    """Runs `make VENV=<tmp>/venv PYTHON=<stand-in> <target>`; returns the result and the recorded calls."""
    python = tmp_path / "python3"
    python.write_text(STAND_IN_PYTHON)
    python.chmod(0o755)
    log = tmp_path / "calls"
    log.touch()
    env = {**os.environ, "STAND_IN_LOG": str(log), "STAND_IN_UV": uv, "STAND_IN_VERSION": version}
    env.pop("MAKEFLAGS", None)
    venv = tmp_path / "venv"
    result = subprocess.run(
        ["make", "--no-print-directory", f"VENV={venv}", f"PYTHON={python}", *variables, target.format(venv=venv)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    calls = [line.replace(str(venv), "VENV").replace(str(python), "PYTHON") for line in log.read_text().splitlines()]
    return result, calls


def installs(calls: list[str]) -> list[str]:
    """The calls that install a lock file (`... -r <file>`), shortened to who installs what."""
    return [f"{call.split()[0]} {call.split()[-1]}" for call in calls if " -r " in call]


def test_learner_environment_is_installed_with_uv(tmp_path):
    result, calls = make(tmp_path, "{venv}/.installed")
    assert result.returncode == 0, result.stderr
    assert "python -m venv VENV" in [call.replace("PYTHON", "python") for call in calls]
    assert installs(calls) == [f"uv {LEARNER_LOCK}"]
    assert (tmp_path / "venv" / ".installed").exists()


def test_test_tools_come_on_top_of_the_learner_environment(tmp_path):
    result, calls = make(tmp_path, "{venv}/.installed-test")
    assert result.returncode == 0, result.stderr
    assert installs(calls) == [f"uv {LEARNER_LOCK}", f"uv {FULL_LOCK}"]


def test_pip_installs_when_uv_cannot_be_installed(tmp_path):
    result, calls = make(tmp_path, "{venv}/.installed", uv="unavailable")
    assert result.returncode == 0, result.stderr
    assert "uv could not be installed" in result.stderr
    assert installs(calls) == [f"python {LEARNER_LOCK}"]


def test_pip_installs_when_uv_fails(tmp_path):
    result, calls = make(tmp_path, "{venv}/.installed", uv="fails")
    assert result.returncode == 0, result.stderr
    assert f"uv could not install {LEARNER_LOCK}" in result.stderr
    assert installs(calls) == [f"uv {LEARNER_LOCK}", f"python {LEARNER_LOCK}"]


def test_use_uv_0_installs_with_pip_alone(tmp_path):
    result, calls = make(tmp_path, "{venv}/.installed-test", "USE_UV=0")
    assert result.returncode == 0, result.stderr
    assert not [call for call in calls if "uv" in call], calls
    assert installs(calls) == [f"python {LEARNER_LOCK}", f"python {FULL_LOCK}"]


def test_another_python_stops_make_before_anything_is_created(tmp_path):
    result, calls = make(tmp_path, "lab", version="3.12")
    assert result.returncode != 0
    assert f"Python 3.11 is needed; {tmp_path / 'python3'} is 3.12." in result.stderr
    assert "make PYTHON=python3.11 lab" in result.stderr
    assert not (tmp_path / "venv").exists()
    assert not installs(calls)


def test_a_missing_python_stops_make_before_anything_is_created(tmp_path):
    missing = tmp_path / "no-such-python"
    result, _ = make(tmp_path, "test", f"PYTHON={missing}")
    assert result.returncode != 0
    assert f"Python 3.11 is needed; {missing} was not found." in result.stderr
    assert "make PYTHON=python3.11 test" in result.stderr
    assert not (tmp_path / "venv").exists()


def test_a_venv_made_by_another_python_is_made_again(tmp_path):
    result, _ = make(tmp_path, "{venv}/.installed")
    assert result.returncode == 0, result.stderr
    venv_python = tmp_path / "venv" / "bin" / "python"
    venv_python.write_text(venv_python.read_text().replace("${STAND_IN_VERSION:-3.11}", "3.12"))
    result, calls = make(tmp_path, "{venv}/.installed")
    assert result.returncode == 0, result.stderr
    assert "Removing " in result.stdout and "it was made by Python 3.12, and the course needs 3.11." in result.stdout
    assert installs(calls)[-1] == f"uv {LEARNER_LOCK}"
    assert "3.12" not in venv_python.read_text(), "the venv was not made again"
