"""One lock, two environments: requirements.txt pins everything, requirements-learner.txt is its learner's part.

The learner's environment (`make lab`, Binder) holds what the lessons, exercises, local_server and
lesson_helpers import; `make test` adds the test tools. Every learner pin is the lock's own line, the
learner's set needs nothing outside itself, and every import in the course's code is in it.
"""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import itertools
import json
import re
import subprocess
import sys
import sysconfig
import textwrap
import tomllib
from pathlib import Path

import pytest
from IPython.core.inputtransformer2 import TransformerManager
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
FULL_LOCK = ROOT / "requirements.txt"
LEARNER_LOCK = ROOT / "requirements-learner.txt"
LEARNER_INPUT = ROOT / "requirements-learner.in"
TEST_INPUT = ROOT / "requirements-test.in"
PROJECT_LINE = "-e ."
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]

LEARNER_CODE = ["notebooks", "exercises", "local_server", "lesson_helpers"]
"""The folders whose imports the learner's environment must satisfy (solutions included)."""
COURSE_PACKAGES = {"exercises", "lesson_helpers", "local_server"}
LESSON_MODULES = {"fake_api"}  # exercise 22.3 writes fake_api.py (22.1's solution) beside the test it runs
"""Modules a lesson writes itself, other than with %%writefile, and then imports: not packages to install."""


def load_tool():
    spec = importlib.util.spec_from_file_location("learner_lock", ROOT / "tools" / "learner_lock.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


learner_lock = load_tool()
normalized = learner_lock.normalized
meaningful_lines = learner_lock.meaningful_lines


def pins(path: Path) -> dict[str, str]:
    """{normalized name: pinned version} of a lock file."""
    return {name: line.split("==", 1)[1] for name, line in learner_lock.pins(path).items()}


@pytest.mark.parametrize("lock", [FULL_LOCK, LEARNER_LOCK], ids=lambda path: path.name)
def test_every_pin_is_exact(lock):
    for line in meaningful_lines(lock):
        if line != PROJECT_LINE:
            assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.\-]*==[A-Za-z0-9_.+\-]+", line), f"not an exact pin: {line}"


@pytest.mark.parametrize("lock", [FULL_LOCK, LEARNER_LOCK], ids=lambda path: path.name)
def test_lock_ends_with_the_course_itself(lock):
    """`pip install -r <lock>` from the root also installs local_server, exercises and lesson_helpers."""
    lines = meaningful_lines(lock)
    assert lines[-1] == PROJECT_LINE, f"{lock.name} must end with {PROJECT_LINE!r}, not {lines[-1]!r}"
    assert lines.count(PROJECT_LINE) == 1
    assert "repository's root" in lock.read_text(), "say where to run pip from"


@pytest.mark.parametrize("source", [LEARNER_INPUT, TEST_INPUT], ids=lambda path: path.name)
def test_direct_dependencies_are_pinned_at_the_same_versions(source):
    locked = pins(FULL_LOCK)
    for line in meaningful_lines(source):
        name, version = line.split("==")
        assert locked.get(normalized(name)) == version, f"{line} is not what requirements.txt pins"


def test_learner_and_test_inputs_name_different_packages():
    learner = {normalized(line.split("==")[0]) for line in meaningful_lines(LEARNER_INPUT)}
    tools = {normalized(line.split("==")[0]) for line in meaningful_lines(TEST_INPUT)}
    assert not learner & tools


def test_every_learner_pin_is_the_locks_own_line():
    full = learner_lock.pins(FULL_LOCK)
    for name, line in learner_lock.pins(LEARNER_LOCK).items():
        assert full.get(name) == line, f"requirements-learner.txt has {line}, requirements.txt {full.get(name)}"


def test_no_test_tool_is_in_the_learner_lock():
    learner = pins(LEARNER_LOCK)
    for line in meaningful_lines(TEST_INPUT):
        assert normalized(line.split("==")[0]) not in learner, f"{line} is a test tool: keep it out of the learner's"


def test_the_course_itself_needs_nothing_beyond_the_learner_pins():
    learner = pins(LEARNER_LOCK)
    for requirement in PROJECT["dependencies"]:
        name = Requirement(requirement).name
        assert normalized(name) in learner, f"pyproject.toml needs {requirement}: add it to requirements-learner.in"


def test_learner_lock_needs_nothing_outside_itself():
    """Each learner package's own requirements (markers evaluated here, with the extras asked for) are
    learner pins whose versions they accept: the learner's set is closed under dependencies."""
    learner = pins(LEARNER_LOCK)
    installed = learner_lock.installed_distributions()
    extras_of = {name: set() for name in learner}
    for line in meaningful_lines(LEARNER_INPUT):
        extras_of[normalized(Requirement(line).name)] |= Requirement(line).extras
    changed = True
    while changed:  # an extra asked for can bring requirements that ask for further extras
        changed = False
        for name in learner:
            assert installed[name].version == learner[name], f"{name} here is not the pinned {learner[name]}"
            for text in installed[name].requires or []:
                requirement = Requirement(text)
                if requirement.marker and not any(
                    requirement.marker.evaluate({"extra": extra}) for extra in ["", *extras_of[name]]
                ):
                    continue
                needed = normalized(requirement.name)
                assert needed in learner, f"{name} requires {requirement}, which requirements-learner.txt lacks"
                assert requirement.specifier.contains(Version(learner[needed]), prereleases=True), (
                    f"{name} requires {requirement}, and requirements-learner.txt pins {needed} {learner[needed]}"
                )
                if not requirement.extras <= extras_of[needed]:
                    extras_of[needed] |= requirement.extras
                    changed = True


def test_learner_files_are_what_make_pins_writes():
    """requirements-learner.txt and binder/requirements.txt are exactly what tools/learner_lock.py makes of
    requirements.txt and requirements-learner.in (so nothing a learner package does not need is in them)."""
    for path, text in learner_lock.learner_files().items():
        assert path.read_text() == text, f"{path.relative_to(ROOT)} is stale: run make pins"


def imports_in(source: str) -> set[str]:
    """Top-level names of the modules a piece of Python imports, or runs with `-m`, including in string
    literals that are code themselves (cells sent to another kernel, `python -c` scripts)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.List | ast.Tuple):
            texts = [element.value if isinstance(element, ast.Constant) else None for element in node.elts]
            found |= {module.split(".")[0] for flag, module in itertools.pairwise(texts) if flag == "-m" and module}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "import" in node.value:
            try:
                found |= imports_in(textwrap.dedent(node.value))
            except SyntaxError:
                pass  # prose or a template, not code
    return found


def modules_the_notebooks_write() -> set[str]:
    """The modules `%%writefile something.py` cells create (lesson 02's downloads/fetch_script.py...)."""
    written = set()
    for path in (ROOT / "notebooks").rglob("*.ipynb"):
        for cell in json.loads(path.read_text())["cells"]:
            first_line = "".join(cell["source"]).split("\n", 1)[0].split()
            if cell["cell_type"] == "code" and first_line[:1] == ["%%writefile"] and first_line[-1].endswith(".py"):
                written.add(Path(first_line[-1]).stem)
    return written


def learner_code_imports() -> dict[str, set[str]]:
    """{top-level module: the files importing it} over LEARNER_CODE, notebooks' code cells included."""
    to_python = TransformerManager().transform_cell  # turns %magics and !commands into Python
    found: dict[str, set[str]] = {}
    for folder in LEARNER_CODE:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix == ".py":
                sources = [path.read_text()]
            elif path.suffix == ".ipynb" and ".ipynb_checkpoints" not in path.parts:
                cells = json.loads(path.read_text())["cells"]
                sources = [to_python("".join(cell["source"])) for cell in cells if cell["cell_type"] == "code"]
            else:
                continue
            for source in sources:
                for module in imports_in(source):
                    found.setdefault(module, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_import_of_the_course_is_a_learner_package():
    learner = pins(LEARNER_LOCK)
    distributions = importlib.metadata.packages_distributions()
    imports = learner_code_imports()
    assert {"aiohttp", "matplotlib", "ipywidgets", "tqdm"} <= imports.keys(), "the scan found too little"
    ours = COURSE_PACKAGES | LESSON_MODULES | modules_the_notebooks_write()
    for module, files in sorted(imports.items()):
        if module in sys.stdlib_module_names or module in ours:
            continue
        providers = {normalized(name) for name in distributions.get(module, [])}
        where = ", ".join(sorted(files)[:3])
        assert providers, f"{module} (imported in {where}) is neither standard library nor installed"
        assert providers & learner.keys(), (
            f"{module} (imported in {where}) comes from {', '.join(sorted(providers))}, not in the learner's "
            "environment: add it to requirements-learner.in and run make pins"
        )


def test_pip_check_is_clean():
    result = subprocess.run(
        [sys.executable, "-m", "pip", "check", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


def test_notebook_accepts_the_pinned_jupyterlab():
    """Binder's base environment has notebook 7.4 (jupyterlab<4.5): the learner's pins replace it with one
    that accepts the pinned jupyterlab, so `pip check` stays clean there too."""
    learner = pins(LEARNER_LOCK)
    assert "notebook" in learner, "pin notebook in requirements-learner.in (Binder's own is too old)"
    (wanted,) = [
        Requirement(text)
        for text in importlib.metadata.requires("notebook")
        if normalized(Requirement(text).name) == "jupyterlab" and not Requirement(text).marker
    ]
    assert wanted.specifier.contains(learner["jupyterlab"]), f"notebook {learner['notebook']} needs {wanted}"


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
