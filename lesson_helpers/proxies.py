"""Proxies in a lesson: what the course's proxy saw, and the proxy variables of the environment for a block."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any


def show_proxy_log(proxy: Any) -> None:
    """Print what `proxy` (a `local_server.LocalProxy`) saw since the last call, one line a request, and forget it."""
    entries = proxy.log.take()
    if not entries:
        print("the proxy saw: nothing")
    for entry in entries:
        print("the proxy saw:", entry)


def _is_proxy_variable(name: str) -> bool:
    return name.lower().endswith("_proxy")


@contextlib.contextmanager
def proxy_environment(**variables: str) -> Iterator[None]:
    """Set proxy variables for the block, ``with proxy_environment(HTTP_PROXY=url, NO_PROXY="localhost"):``.

    Inside the block the process has exactly these proxy variables: any other ``*_proxy`` variable it had
    (``http_proxy``, ``HTTPS_PROXY``, ``no_proxy``… in either case: Python reads both) is hidden. Afterwards
    the environment is as it was before, even when the block raised.
    """
    saved = {name: value for name, value in os.environ.items() if _is_proxy_variable(name)}
    try:
        for name in saved:
            del os.environ[name]
        os.environ.update(variables)
        yield
    finally:
        for name in [name for name in os.environ if _is_proxy_variable(name)]:
            del os.environ[name]
        os.environ.update(saved)
