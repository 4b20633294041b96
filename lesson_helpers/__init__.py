"""Machinery the lessons use but a learner need not read: plots, throw-away kernels, measurements.

Each notebook cell then shows the idea it is about (``plot_timeline(...)``), not the plumbing behind it.
One module per kind of helper; import from the package: ``from lesson_helpers import plot_timeline``.

A name is imported from its module when it is first asked for (PEP 562), so that a lesson using only
`describe_certificate` does not wait for matplotlib, ipywidgets and jupyter_client to load.
"""

from __future__ import annotations

import importlib
from typing import Any

MODULE_OF = {
    "certificate_issuer": "certificates",
    "certificate_names": "certificates",
    "describe_certificate": "certificates",
    "CrawlDashboard": "dashboard",
    "RequestExplorer": "explorer",
    "write_random_file": "files",
    "serving_json_api": "json_api",
    "run_cells_in_new_kernel": "kernels",
    "LookupCounter": "lookups",
    "MemoryTrace": "memory",
    "plot_memory": "memory",
    "trace_memory": "memory",
    "assign_lanes": "plots",
    "plot_attempts": "plots",
    "plot_lanes": "plots",
    "plot_phases": "plots",
    "plot_timeline": "plots",
    "proxy_environment": "proxies",
    "show_proxy_log": "proxies",
    "PytestCase": "pytest_runs",
    "PytestRun": "pytest_runs",
    "module_for": "pytest_runs",
    "run_pytest": "pytest_runs",
    "run_tests": "pytest_runs",
    "ServerProcess": "server_process",
    "ConnectionCounter": "sessions",
    "fail_on_unclosed": "sessions",
    "unclosed_reports": "sessions",
    "SIGNALS": "tracing",
    "RequestTrace": "tracing",
    "TraceRecorder": "tracing",
    "fastest_connect": "tracing",
    "plot_request_phases": "tracing",
}
"""Each name the package offers, and the module (in this package) it comes from."""

__all__ = sorted(MODULE_OF)


def __getattr__(name: str) -> Any:
    if name not in MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{MODULE_OF[name]}", __name__), name)
    globals()[name] = value  # asked once: next time it is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *MODULE_OF})
