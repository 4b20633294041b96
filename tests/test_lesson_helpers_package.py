"""`lesson_helpers` offers each name from its module, importing the module only when the name is asked for."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import lesson_helpers


def test_every_name_comes_from_the_module_it_is_listed_under():
    for name, module in lesson_helpers.MODULE_OF.items():
        assert getattr(lesson_helpers, name) is getattr(importlib.import_module(f"lesson_helpers.{module}"), name)


def test_every_module_offers_something():
    modules = {info.name for info in pkgutil.iter_modules(lesson_helpers.__path__)}
    assert modules == set(lesson_helpers.MODULE_OF.values())


def test_an_unknown_name_is_an_attribute_error():
    try:
        lesson_helpers.plot_everything  # noqa: B018
    except AttributeError as exc:
        assert "plot_everything" in str(exc)
    else:
        raise AssertionError("an unknown name was found")


def test_a_certificate_helper_does_not_load_matplotlib_or_ipywidgets():
    """What keeps a kernel's first `from lesson_helpers import ...` quick (matplotlib alone takes ~0.7 s)."""
    code = (
        "import sys\nfrom lesson_helpers import describe_certificate\n"
        "print(sorted(m for m in ('matplotlib', 'ipywidgets', 'jupyter_client') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"
