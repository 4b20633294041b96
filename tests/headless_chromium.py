"""Debian's Chromium, headless, driven by Playwright's sync API: shared by the browser tests.

tests/browser/test_jupyterlab_ui.py runs the notebooks through JupyterLab with it, tests/test_site.py opens
pages of the course website. Playwright's own browser download (`playwright install`) is never used: it needs
the internet. Without the playwright package or a Chromium, `require_browser()` skips the test, unless
CI=true, where it fails. BROWSER_TEST_CHROMIUM points to another Chromium binary.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("BROWSER_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def missing_browser() -> str | None:
    """Why a browser test cannot run here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing (`.venv/bin/pip install -r requirements.txt`)"
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM}"
    return None


def require_browser() -> None:
    """Skip the calling test (fail it under CI=true) when there is no browser to run it in."""
    reason = missing_browser()
    if reason is None:
        return
    message = (
        f"{reason}. The browser tests need the playwright package and Debian's Chromium: `apt-get install chromium`"
        " (or set BROWSER_TEST_CHROMIUM to another Chromium); Playwright's own browser download"
        " (`playwright install`) is not used"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and the browser test cannot run: {message}", pytrace=False)
    pytest.skip(message)


class Lane:
    """One headless Chromium driven by Playwright's sync API on a thread of its own.

    The sync API leaves an event loop marked as running on the thread that started it; on the main
    thread that would break every asyncio test run later in the same pytest process (`pytest tests`).
    """

    def __init__(self, number: int) -> None:
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"playwright-{number}")
        self.playwright: Any = None  # only ever touched on `thread`, like `chromium`
        self.chromium: Any = None

    def call(self, function, *args):
        return self.thread.submit(function, *args).result()

    def start(self) -> None:
        from playwright.sync_api import sync_playwright

        self.playwright = self.call(lambda: sync_playwright().start())
        self.chromium = self.call(
            lambda: self.playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        )

    def stop(self) -> None:
        try:
            if self.chromium is not None:
                self.call(self.chromium.close)
            if self.playwright is not None:
                self.call(self.playwright.stop)
        finally:
            self.thread.shutdown(wait=True)
