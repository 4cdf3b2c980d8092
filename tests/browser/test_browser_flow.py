"""Two phones in real Chromium: join by form, see the introduction live, accept, see contact."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

from tests.browser.chromium import Browser, Watched


def create_event(live_url: str, **fields: Any) -> dict[str, Any]:
    body = json.dumps({"name": "Careers Night", "meeting_spots": ["Table 7"]} | fields).encode()
    request = urllib.request.Request(
        f"{live_url}/api/v1/events", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def join_by_form(
    page: Any, join_url: str, name: str, intent: str, offers: str, seeks: str, email: str
) -> None:
    page.goto(join_url)
    page.get_by_label("Your name").fill(name)
    page.get_by_label({"give": "I'm here to give", "seek": "I'm here to seek"}[intent]).check()
    page.get_by_label("What you can offer").fill(offers)
    looking_for = "Who would you like to meet?" if intent == "give" else "What you are looking for"
    page.get_by_label(looking_for).fill(seeks)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Share my contact with people I agree to meet").check()
    page.get_by_role("button", name="Join").click()
    page.wait_for_selector("#conn[data-state=live]", timeout=10_000)


def test_two_phones_meet_live(live_url: str, browser: Browser, no_js_errors: list[Watched]) -> None:
    event = create_event(live_url)["event"]
    giver = Watched(browser.phone("Pixel 7").new_page())
    seeker = Watched(browser.phone("iPhone 13").new_page())
    no_js_errors.extend([giver, seeker])

    join_by_form(
        giver.page,
        event["join_url"],
        "Grace Lead",
        "give",
        "hiring, leadership",
        "design systems",
        "grace@example.com",
    )
    assert giver.page.locator("#empty").is_visible()
    giver.shot("home-empty")
    join_by_form(
        seeker.page,
        event["join_url"],
        "Sam Seeker",
        "seek",
        "design systems",
        "hiring",
        "sam@example.com",
    )

    for phone, other, for_you, for_them in (
        (giver, "Sam Seeker", "design systems", "hiring"),
        (seeker, "Grace Lead", "hiring", "design systems"),
    ):
        card = phone.page.locator("li.intro", has_text=other)
        card.wait_for(timeout=10_000)  # pushed live: no reload
        assert f"What's in it for you: {for_you}" in card.inner_text()
        assert f"What's in it for them: {for_them}" in card.inner_text()
    seeker.shot("home-suggested")

    seeker.page.locator("li.intro", has_text="Grace Lead").get_by_role(
        "button", name="Accept"
    ).click()
    giver.page.locator("li.intro", has_text="Sam Seeker").get_by_text(
        "Sam Seeker accepted — your turn."
    ).wait_for(timeout=10_000)
    giver.page.locator("li.intro", has_text="Sam Seeker").get_by_role(
        "button", name="Accept"
    ).click()
    seeker.page.get_by_text("grace@example.com").wait_for(timeout=10_000)
    giver.page.get_by_text("sam@example.com").wait_for(timeout=10_000)
    assert "Table 7" in seeker.page.locator("li.intro").inner_text()
    seeker.shot("home-accepted")
