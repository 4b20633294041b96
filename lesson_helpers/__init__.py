"""Machinery the lessons use but a learner need not read: plots, throw-away kernels, measurements.

Each notebook cell then shows the idea it is about (``plot_timeline(...)``), not the plumbing behind it.
One module per kind of helper; import from the package: ``from lesson_helpers import plot_timeline``.
"""

from .explorer import RequestExplorer
from .files import write_random_file
from .json_api import serving_json_api
from .kernels import run_cells_in_new_kernel
from .lookups import LookupCounter
from .memory import MemoryTrace, plot_memory, trace_memory
from .plots import plot_attempts, plot_timeline
from .proxies import proxy_environment, show_proxy_log
from .server_process import ServerProcess
from .sessions import ConnectionCounter, fail_on_unclosed, unclosed_reports

__all__ = [
    "ConnectionCounter",
    "LookupCounter",
    "MemoryTrace",
    "RequestExplorer",
    "ServerProcess",
    "fail_on_unclosed",
    "plot_attempts",
    "plot_memory",
    "plot_timeline",
    "proxy_environment",
    "run_cells_in_new_kernel",
    "show_proxy_log",
    "serving_json_api",
    "trace_memory",
    "unclosed_reports",
    "write_random_file",
]
