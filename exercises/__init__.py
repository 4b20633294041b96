"""Exercises for the lessons: ``await check("01.1", my_function)``, ``hint("01.1")``, ``solution("01.1")``."""

from . import lesson00, lesson01, lesson02  # noqa: F401  (each module registers its exercises)
from .core import REGISTRY, CheckResult, Exercise, NotYet, check, hint, solution

__all__ = ["REGISTRY", "CheckResult", "Exercise", "NotYet", "check", "hint", "solution"]
