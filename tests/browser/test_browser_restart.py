"""A phone in real Chromium while the server is killed (SIGKILL) and started again.

Delivery is at most once: whatever happened while a phone was cut off is never pushed to
it, so the page must resync by itself once its socket is back. The server is a real
`mixer serve` process on SQLite, restarted on the same port so the open page reconnects
to the address it already has.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_flow import join_by_form
from tests.scale.test_restart import start
from tests.scale.workers import Worker, call

WAIT = 10_000
RECONNECT = 20_000  # the page's own back-off reaches 5 s (plus jitter) between attempts


def announce(base: str, organizer: str, message: str) -> int:
    """The organizer's message to every phone; returns the HTTP status."""
    return call("POST", f"{base}/announcements", {"message": message}, organizer)[0]


def test_phone_reconnects_and_resyncs_after_sigkill(tmp_path: Path, browser: Browser) -> None:
    database = tmp_path / "mixer.sqlite"
    migrate = Worker.migrate({"MIXER_DATABASE_URL": f"sqlite:///{database}"})
    assert migrate.returncode == 0, migrate.stderr
    server = start(database, tmp_path / "first.log")
    again: Worker | None = None
    # Service workers are blocked so that page.route sees the page's socket requests; the
    # worker leaves /socket.io/ to the network anyway.
    phone = Watched(browser.phone("Pixel 7", service_workers="block").new_page())
    page: Any = phone.page
    try:
        status, created = call("POST", f"{server.url}/api/v1/events", {"name": "Kill me"})
        assert status == 201, created
        event, organizer = created["event"], created["organizer_token"]
        base = f"{server.url}/api/v1/events/{event['code']}"
        gia_body = {
            "name": "Gia Lead", "intent": "give", "offers": ["hiring"], "seeks": ["design"],
            "email": "gia@example.com", "share_contact": True,
        }  # fmt: skip
        status, gia = call("POST", f"{base}/attendees", gia_body)
        assert status == 201, gia
        join_by_form(
            page, event["join_url"], "Sam Seeker", "seek", "design", "hiring", "sam@example.com"
        )
        card = page.locator("#intros li.intro", has_text="Gia Lead")
        expect(card.get_by_role("button", name="Accept")).to_be_visible(timeout=WAIT)
        intro_id = card.get_attribute("data-intro")
        conn = page.locator("#conn")
        expect(conn).to_have_text("Live")
        page.evaluate("window.__samePage = true")  # gone if anything reloads the page

        # Keep the phone cut off until the test lets it back, so that what happens after
        # the restart happens while it is away (its own retries would race the test).
        page.route("**/socket.io/**", lambda route: route.abort("internetdisconnected"))
        server.process.kill()  # SIGKILL: no shutdown, nothing flushed
        server.process.wait()
        server.stop()
        expect(conn).to_have_attribute("data-state", "offline", timeout=WAIT)
        expect(conn).to_have_text(re.compile(r"^(Reconnecting…|Offline — retrying…)$"))

        again = start(database, tmp_path / "second.log", port=server.port)
        status, _ = call(
            "POST", f"{again.url}/api/v1/introductions/{intro_id}/accept", {}, gia["token"]
        )
        assert status == 200  # Gia's token outlived the crash
        assert announce(base, organizer, "Back in business") == 201
        assert conn.get_attribute("data-state") == "offline"  # it missed both pushes
        assert card.get_by_text("Gia Lead accepted — your turn.").count() == 0

        page.unroute("**/socket.io/**")
        expect(conn).to_have_attribute("data-state", "live", timeout=RECONNECT)
        expect(conn).to_have_text("Live")
        expect(card.get_by_text("Gia Lead accepted — your turn.")).to_be_visible(timeout=WAIT)
        expect(page.locator("#announcement-text")).to_have_text("Back in business")

        # The new server's pushes reach the page too, and its answers work.
        assert announce(base, organizer, "Pizza by the bar") == 201
        expect(page.locator("#announcement-text")).to_have_text("Pizza by the bar", timeout=WAIT)
        card.get_by_role("button", name="Accept").click()
        expect(card.get_by_text("gia@example.com")).to_be_visible(timeout=WAIT)
        expect(page.locator("#offline")).to_be_hidden()
        assert page.evaluate("window.__samePage") is True
        assert phone.errors == []
        assert again.errors() == []
    finally:
        page.context.close()
        if again is not None:
            again.stop()
