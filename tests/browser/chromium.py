"""Real headless Chromium for tests, driven by Playwright (Debian's browser, not a download)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parents[1] / "artifacts"


class Browser:
    """A launched Chromium plus Playwright's device descriptors."""

    def __init__(self, playwright: Any, browser: Any) -> None:
        self.playwright = playwright
        self.browser = browser

    def phone(self, device: str = "Pixel 7", **options: Any) -> Any:
        """A fresh phone: its own cookies, an emulated screen and touch."""
        descriptor = dict(self.playwright.devices[device])
        descriptor.pop("default_browser_type", None)
        return self.browser.new_context(**(descriptor | options))

    def persistent_phone(
        self, user_data_dir: Path, device: str = "Pixel 7", args: tuple[str, ...] = ()
    ) -> Any:
        """A phone with a profile on disk, in a browser of its own; close it when done.

        Unlike a fresh context it is not incognito, so Chromium gives its real verdict on
        installing Mixer, and extra command-line switches can be passed.
        """
        descriptor = dict(self.playwright.devices[device])
        descriptor.pop("default_browser_type", None)  # launch_persistent_context rejects it
        return self.playwright.chromium.launch_persistent_context(
            str(user_data_dir),
            executable_path=CHROMIUM,
            args=[*CHROMIUM_ARGS, *args],
            **descriptor,
        )


def launch(unavailable: Any) -> Iterator[Browser]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        unavailable("Playwright", exc)
    if not Path(CHROMIUM).exists():
        unavailable("Chromium", f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield Browser(playwright, browser)
        browser.close()


class Watched:
    """A page whose JavaScript errors and failed asset loads are collected for assertions.

    API answers of 4xx are expected behaviour (a form error, say): Chromium logs them as
    "Failed to load resource", so those console lines are left out and asset loads are
    checked by their responses instead. A socket the server closes on purpose (a replaced
    console link, a removed person) may have a frame in flight: Chromium logs "Data frame
    received after close" for its own network layer, not an error of the page.
    """

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("console", self._console)
        page.on("response", self._response)

    def _console(self, msg: Any) -> None:
        network = msg.text.startswith("Failed to load resource") or msg.text.endswith(
            "failed: Data frame received after close"
        )
        if msg.type == "error" and not network:
            self.errors.append(f"console.error: {msg.text}")

    def _response(self, response: Any) -> None:
        if response.status >= 400 and "/api/" not in response.url:
            self.errors.append(f"{response.status} for {response.url}")

    def shot(self, name: str) -> Path:
        """Keep a screenshot as a test artefact (git-ignored) for people to look at."""
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path
