"""The attendee's home in real Chromium: decline, offline, profile, known people, presence."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_flow import create_event, join_by_form


def api_join(live_url: str, code: str, **body: Any) -> dict[str, Any]:
    data = json.dumps(body).encode()
    request = urllib.request.Request(
        f"{live_url}/api/v1/events/{code}/attendees",
        data=data,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def seeker_with_a_match(
    live_url: str, browser: Browser, **context: Any
) -> tuple[Watched, dict[str, Any]]:
    event = create_event(live_url)["event"]
    api_join(
        live_url,
        event["code"],
        name="Grace Lead",
        intent="give",
        offers=["hiring"],
        seeks=["design"],
    )
    phone = Watched(browser.phone("Pixel 7", **context).new_page())
    join_by_form(
        phone.page, event["join_url"], "Sam Seeker", "seek", "design", "hiring", "sam@example.com"
    )
    phone.page.locator("li.intro", has_text="Grace Lead").wait_for(timeout=10_000)
    return phone, event


def test_declined_card_goes_away_and_never_returns(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    phone, _ = seeker_with_a_match(live_url, browser)
    no_js_errors.append(phone)
    card = phone.page.locator("#intros li.intro", has_text="Grace Lead")
    card.get_by_role("button", name="Not now").click()
    card.wait_for(state="detached", timeout=10_000)
    assert phone.page.locator("#empty").is_visible()
    phone.page.reload()
    phone.page.wait_for_selector("#conn[data-state=live]")
    assert phone.page.locator("li.intro", has_text="Grace Lead").count() == 0


def test_offline_shows_the_last_known_introductions(live_url: str, browser: Browser) -> None:
    phone, _ = seeker_with_a_match(live_url, browser, service_workers="block")
    page = phone.page
    page.route("**/api/v1/me*", lambda route: route.abort("internetdisconnected"))
    page.route("**/socket.io/**", lambda route: route.abort("internetdisconnected"))
    page.reload()
    page.locator("#offline").wait_for(state="visible", timeout=10_000)
    assert page.locator("#intros li.intro", has_text="Grace Lead").is_visible()
    phone.shot("home-offline")


def test_profile_edit_saves_and_shows_field_errors(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    phone, _ = seeker_with_a_match(live_url, browser)
    no_js_errors.append(phone)
    page = phone.page
    page.get_by_text("Edit my profile").click()
    page.get_by_label("Role and organisation").fill("Designer at Ruby Labs")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved.").wait_for(timeout=10_000)
    page.get_by_label("Email").fill("not an email")
    page.get_by_role("button", name="Save").click()
    page.locator("#profile-form .field .error").first.wait_for(timeout=10_000)
    assert page.get_by_label("Email").get_attribute("aria-invalid") == "true"
    phone.shot("home-profile-error")
    page.reload()
    page.wait_for_selector("#conn[data-state=live]")
    assert page.get_by_label("Role and organisation").input_value() == "Designer at Ruby Labs"


def test_mark_someone_known_and_pause(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    phone, event = seeker_with_a_match(live_url, browser)
    no_js_errors.append(phone)
    api_join(
        live_url,
        event["code"],
        name="Kim Old Friend",
        intent="seek",
        offers=["python"],
        seeks=["cooking"],
    )
    page = phone.page
    page.get_by_text("People I already know here").click()
    page.get_by_label("Search by name or role").fill("Kim")
    row = page.locator("#people li", has_text="Kim Old Friend")
    row.get_by_role("button", name="I know them").click()
    row.get_by_text("✓ Known").wait_for(timeout=10_000)
    page.get_by_role("button", name="I'm in a conversation").click()
    page.get_by_text("You are in a conversation").wait_for(timeout=10_000)
    page.get_by_role("button", name="I'm free again").click()
    page.get_by_text("You are available for new introductions.").wait_for(timeout=10_000)
    phone.shot("home-people")


def test_forget_me_asks_first_then_returns_to_the_join_form(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    phone, _ = seeker_with_a_match(live_url, browser)
    no_js_errors.append(phone)
    page = phone.page
    page.get_by_role("button", name="Forget me…").click()
    page.get_by_role("button", name="Keep me").click()
    assert page.locator("#intros li.intro").count() == 1
    page.get_by_role("button", name="Forget me…").click()
    page.get_by_role("button", name="Yes, forget me").click()
    page.wait_for_selector("#join-form", timeout=10_000)
    # Nothing of the profile stays on the phone (a last resync must not have stored it again).
    page.wait_for_function(
        "Object.keys(localStorage).filter(k => k.startsWith('mixer:me:')).length === 0",
        timeout=5_000,
    )


def test_no_horizontal_scroll_at_360px(live_url: str, browser: Browser) -> None:
    phone, event = seeker_with_a_match(live_url, browser)
    page = phone.page
    narrow = browser.browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    for p in (page, narrow):
        p.set_viewport_size({"width": 360, "height": 740})
    narrow.goto(event["join_url"])
    for p in (narrow, page):
        assert p.evaluate("document.documentElement.scrollWidth") <= 360, p.url
    Watched(narrow).shot("join-360")


def test_a_one_word_name_wraps_instead_of_widening_the_phone(
    live_url: str, browser: Browser
) -> None:
    event = create_event(live_url, name="Careers" * 11, venue="Hall" * 20)["event"]
    page = browser.browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    page.goto(event["join_url"])
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    join_by_form(page, event["join_url"], "Grace" * 15, "seek", "design", "hiring", "g@x.org")
    page.locator("#intros-section").wait_for(timeout=10_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
