"""A real headless Chromium (Debian's ``chromium``) driven by Playwright, with the network blocked.

``Page`` opens a file, records every dialog (``alert``), console error, page error and request
that left the file, and waits until vis-network has drawn.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.servers import need

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", "test-artifacts"))


@dataclass
class Opened:
    """A page and what happened in it."""

    page: Any
    frame: Any = None  # the frame that holds the view, when it is shown inline
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def value(self, script: str) -> Any:
        """The value of a JavaScript expression in the view's document."""
        return (self.frame or self.page).evaluate(script)

    def screenshot(self, name: str) -> Path:
        """Save a screenshot under the artifacts folder, to be looked at."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path))
        return path

    def quiet(self) -> None:
        """Nothing fired an alert, logged an error or reached for the network."""
        assert self.dialogs == []
        assert self.errors == []
        assert self.requests == []


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium for the whole session (a failure in CI if missing, a skip elsewhere)."""
    executable = need("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - installed with the dev extra
        pytest.skip("playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def opened(
    browser: Any, path: Path, *, width: int = 1400, height: int = 900, inline: bool = False
) -> Iterator[Opened]:
    """Open ``path`` with every request but the file itself blocked; wait until it has drawn.

    With ``inline`` the view is in the page's one frame (as a notebook shows it); ``value``
    then evaluates in that frame.
    """
    page = browser.new_page(viewport={"width": width, "height": height})
    seen = Opened(page)

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith("file:"):
            request_route.continue_()
        else:
            seen.requests.append(request_route.request.url)
            request_route.abort()

    def dialog(box: Any) -> None:
        seen.dialogs.append(box.message)
        box.dismiss()

    page.route("**/*", route)
    page.on("dialog", dialog)

    def console(message: Any) -> None:
        if message.type == "error":
            seen.errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    try:
        page.goto(path.resolve().as_uri())
        if inline:
            page.wait_for_selector("iframe", state="attached", timeout=60_000)
            seen.frame = page.frames[1]
        (seen.frame or page).wait_for_selector("body[data-ready='true']", state="attached", timeout=60_000)
        yield seen
    finally:
        page.close()
