"""End-to-end fixtures: the app served on a loopback port in a thread, and Debian's Chromium
driven headless by Playwright (launched by its executable path: no browser is downloaded).

Without /usr/bin/chromium the browser tests are skipped, unless BORDERCASE_REQUIRE_BROWSER is
set (CI sets it), when they fail. BORDERCASE_SCREENSHOTS=DIR keeps a screenshot of each page.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("BORDERCASE_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    # the machine has no network: no component updates, sync or QUIC attempts
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("BORDERCASE_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium chromium-driver")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium chromium-driver)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    context = browser.new_context(
        base_url=live_server, viewport={"width": 1360, "height": 900}, accept_downloads=True, locale="en-GB"
    )
    context.set_default_timeout(15000)
    tab = context.new_page()
    yield tab
    context.close()


class Shots:
    """Full-page screenshots into BORDERCASE_SCREENSHOTS, when it is set."""

    def __init__(self) -> None:
        folder = os.environ.get("BORDERCASE_SCREENSHOTS")
        self.folder = Path(folder) if folder else None
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, page: Any, name: str, selector: str | None = None) -> None:
        """The whole page, or the one element `selector` names."""
        if not self.folder:
            return
        path = str(self.folder / f"{name}.png")
        if selector:
            page.locator(selector).screenshot(path=path)
        else:
            page.screenshot(path=path, full_page=True)


@pytest.fixture(scope="session")
def shot() -> Shots:
    return Shots()
