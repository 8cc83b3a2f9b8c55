"""Take the README's screenshot of the view from the real page in headless Chromium
(run by ``make screenshot``; needs Debian's ``chromium`` and pip ``playwright``).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from graph import build, project
from graph.view.page import write_view

OUT = Path(__file__).resolve().parent.parent / "docs" / "chains-view.png"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def main() -> None:
    """Draw the founding case's chains, let the layout settle, and save the picture."""
    executable = shutil.which("chromium")
    if executable is None:
        sys.exit("error: chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_file = write_view(
            project(build()), Path(folder) / "chains.html", chains=("us-government", "russia")
        )
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        page.route(
            "**/*",
            lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
        )
        page.goto(page_file.as_uri())
        page.wait_for_selector("body[data-ready='true']", state="attached")
        page.wait_for_timeout(4000)  # the force layout settles, then physics stops
        OUT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(OUT))
        browser.close()
    print(f"wrote {OUT.name}")


if __name__ == "__main__":
    main()
