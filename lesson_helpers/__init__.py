"""Machinery the lessons use but a learner need not read: plots, throw-away kernels, measurements.

Each notebook cell then shows the idea it is about (``plot_timeline(...)``), not the plumbing behind it.
One module per kind of helper; import from the package: ``from lesson_helpers import plot_timeline``.
"""

from .certificates import certificate_issuer, certificate_names, describe_certificate
from .dashboard import CrawlDashboard
from .explorer import RequestExplorer
from .files import write_random_file
from .json_api import serving_json_api
from .kernels import run_cells_in_new_kernel
from .lookups import LookupCounter
from .memory import MemoryTrace, plot_memory, trace_memory
from .plots import assign_lanes, plot_attempts, plot_lanes, plot_phases, plot_timeline
from .proxies import proxy_environment, show_proxy_log
from .pytest_runs import PytestCase, PytestRun, module_for, run_pytest, run_tests
from .server_process import ServerProcess
from .sessions import ConnectionCounter, fail_on_unclosed, unclosed_reports
from .tracing import SIGNALS, RequestTrace, TraceRecorder, fastest_connect, plot_request_phases

__all__ = [
    "ConnectionCounter",
    "CrawlDashboard",
    "LookupCounter",
    "MemoryTrace",
    "PytestCase",
    "PytestRun",
    "RequestExplorer",
    "RequestTrace",
    "SIGNALS",
    "ServerProcess",
    "TraceRecorder",
    "assign_lanes",
    "certificate_issuer",
    "certificate_names",
    "describe_certificate",
    "fail_on_unclosed",
    "module_for",
    "fastest_connect",
    "plot_attempts",
    "plot_lanes",
    "plot_memory",
    "plot_phases",
    "plot_request_phases",
    "plot_timeline",
    "proxy_environment",
    "run_cells_in_new_kernel",
    "run_pytest",
    "run_tests",
    "show_proxy_log",
    "serving_json_api",
    "trace_memory",
    "unclosed_reports",
    "write_random_file",
]
