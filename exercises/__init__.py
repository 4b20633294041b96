"""Exercises for the lessons: ``await check("01.1", my_function)``, ``hint("01.1")``, ``solution("01.1")``.

Every ``exercises/lessonNN.py`` module registers its exercises when it is imported; they are all imported
here, in lesson order, so a new lesson's module needs no line in this file.
"""

import importlib
import pkgutil

from .core import REGISTRY, CheckResult, Exercise, NotYet, check, hint, solution

for _module in sorted(info.name for info in pkgutil.iter_modules(__path__) if info.name.startswith("lesson")):
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["REGISTRY", "CheckResult", "Exercise", "NotYet", "check", "hint", "solution"]
