"""After the event, in real Chromium: connections stay, with a first message and one tick."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_flow import create_event, join_by_form
from tests.browser.test_browser_home import api_join


def call(live_url: str, method: str, path: str, token: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(
        f"{live_url}{path}",
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method=method,
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"{}")


def test_after_closing_people_keep_their_connections(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    event, organizer = created["event"], created["organizer_token"]
    giver = api_join(
        live_url, event["code"], name="Grace Lead", intent="give", offers=["hiring"],
        seeks=["design"], email="grace@example.com", share_contact=True,
    )  # fmt: skip
    phone = Watched(browser.phone("Pixel 7", accept_downloads=True).new_page())
    no_js_errors.append(phone)
    page = phone.page
    join_by_form(
        page, event["join_url"], "Sam Seeker", "seek", "design", "hiring", "sam@example.com"
    )
    card = page.locator("#intros li.intro", has_text="Grace Lead")
    card.get_by_role("button", name="Accept").click()
    card.get_by_text("You accepted. Waiting for Grace Lead").wait_for(timeout=10_000)
    intro_id = int(card.get_attribute("data-intro"))
    call(live_url, "POST", f"/api/v1/introductions/{intro_id}/accept", giver["token"])
    page.get_by_text("grace@example.com").wait_for(timeout=10_000)

    call(live_url, "PATCH", f"/api/v1/events/{event['code']}", organizer, {"status": "closed"})
    page.get_by_text("This event has ended").wait_for(timeout=10_000)
    connection = page.locator("#connections li.intro", has_text="Grace Lead")
    connection.wait_for(timeout=10_000)
    assert "great to meet you at Careers Night" in connection.inner_text()
    connection.get_by_role("button", name="I followed up").click()
    connection.get_by_text("✓ Followed up").wait_for(timeout=10_000)

    with page.expect_download() as download:
        page.get_by_role("link", name="Save contacts (vCard)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "BEGIN:VCARD" in text and "grace@example.com" in text

    page.get_by_role("button", name="I landed a job").click()
    page.get_by_text("Congratulations! Next time, come back as a giver").wait_for(timeout=10_000)
    phone.shot("home-after-event")
