"""Machinery the lessons use but a learner need not read: plots, throw-away kernels, measurements.

Each notebook cell then shows the idea it is about (``plot_timeline(...)``), not the plumbing behind it.
One module per kind of helper; import from the package: ``from lesson_helpers import plot_timeline``.
"""

from .kernels import run_cells_in_new_kernel
from .plots import plot_timeline

__all__ = ["plot_timeline", "run_cells_in_new_kernel"]
