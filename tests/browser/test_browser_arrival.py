"""At the door, in real Chromium at phone size: Ana opens her personal link at home, finds
the form filled in, joins, and sees whom to look for tonight; at the venue she opens the
event's QR, confirms she is there, and her first introduction comes. Bo, who joined from
his link too, is checked in by the organizer at the door: his phone follows live."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_a11y import violations
from tests.browser.test_browser_console_topics import open_console
from tests.browser.test_browser_flow import create_event
from tests.browser.test_browser_home import api_join
from tests.registrations import register_in_file

WAIT = 15_000
SHOTS = Path("/tmp")


def phone(browser: Browser, watched: list[Watched]) -> Watched:
    page = Watched(browser.phone("iPhone 13").new_page())  # 390 px wide
    watched.append(page)
    return page


def join_from_link(page: Any, link: str, offers: str, seeks: str) -> None:
    page.goto(link)
    page.get_by_label("Both").check()
    page.get_by_label("What you can offer").fill(offers)
    page.get_by_label("What you are looking for").fill(seeks)
    page.get_by_role("button", name="Join").click()
    page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)


def test_from_the_personal_link_to_the_first_introduction(
    live_url: str, tmp_path: Path, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url, venue="The Old Library")
    event = created["event"]
    code = event["code"]
    api_join(
        live_url, code, name="Grace Lead", intent="both", offers=["python"], seeks=["design"],
        headline="CTO at Acme", email="grace@example.com", share_contact=True,
    )  # fmt: skip
    live_db = tmp_path / "live.sqlite"
    ana_token = register_in_file(live_db, code, "Ana Link", "ana@example.com", "Designer")
    bo_token = register_in_file(live_db, code, "Bo Invited", "bo@example.com")

    ana = phone(browser, no_js_errors)
    page = ana.page
    page.goto(f"{live_url}/r/{ana_token}")
    expect(page.get_by_label("Your name")).to_have_value("Ana Link")
    expect(page.get_by_label("Email")).to_have_value("ana@example.com")
    expect(page.get_by_label("Role and organisation")).to_have_value("Designer")
    assert page.get_by_label("Door code").count() == 0
    assert violations(page) == [], "the join form from a personal link"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SHOTS / "arrival-1-link-form.png"), full_page=True)

    join_from_link(page, f"{live_url}/r/{ana_token}", "design", "python")
    homework = page.locator("#homework-box")
    expect(homework).to_be_visible()
    expect(homework.locator(".lookout", has_text="Grace Lead")).to_be_visible(timeout=WAIT)
    assert "For you: python" in homework.inner_text() and "grace@" not in homework.inner_text()
    expect(page.locator("#empty-text")).to_contain_text("Check in when you arrive")
    expect(page.locator("#arrival-box")).to_contain_text("You're at Careers Night? Check in")
    expect(page.locator("#presence-line")).to_have_text(
        "Introductions start once you check in at the venue."
    )
    assert page.locator("#intros li").count() == 0
    page.screenshot(path=str(SHOTS / "arrival-2-homework.png"), full_page=True)
    assert violations(page) == [], "home before arriving: check-in and homework"

    # At the venue: the poster's QR opens the event's page, which asks before checking in.
    page.goto(event["join_url"])
    page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
    expect(page.locator("#arrival-box")).to_be_visible()
    page.get_by_role("button", name="Yes, I'm here: check me in").click()
    expect(page.locator("#arrival-box")).to_be_hidden(timeout=WAIT)
    expect(page.locator("#homework-box")).to_be_hidden()
    expect(page.locator("#intros li", has_text="Grace Lead")).to_be_visible(timeout=WAIT)
    expect(page.locator("#presence-line")).to_have_text("You are available for new introductions.")
    assert page.url.endswith(f"/e/{code}")  # checked in through the API, in place
    page.screenshot(path=str(SHOTS / "arrival-3-checked-in.png"), full_page=True)

    # Bo joins from his link; the organizer checks him in at the door; his phone follows.
    bo = phone(browser, no_js_errors)
    join_from_link(bo.page, f"{live_url}/r/{bo_token}", "python", "design")
    expect(bo.page.locator("#arrival-box")).to_be_visible()
    console = open_console(browser, created["console_url"], viewport={"width": 1280, "height": 900})
    no_js_errors.append(console)
    card = console.page.locator("#arrivals-box")
    expect(card.locator("#arrival-counts li", has_text="Registered")).to_contain_text("2")
    expect(card.locator("#arrivals li", has_text="Bo Invited")).to_be_visible(timeout=WAIT)
    console.page.get_by_label("Joined from their link, not checked in yet: search by name").fill(
        "bo"
    )
    card.screenshot(path=str(SHOTS / "arrival-4-console.png"))
    assert violations(console.page) == [], "console with someone to check in"
    card.get_by_role("button", name="Check in Bo Invited").click()
    expect(card.locator("#arrivals-empty")).to_be_visible(timeout=WAIT)
    expect(card.locator("#arrival-counts li", has_text="Arrived")).to_contain_text("2")
    expect(card.locator("#arrival-counts li", has_text="At the door")).to_contain_text("1")
    expect(bo.page.locator("#arrival-box")).to_be_hidden(timeout=WAIT)
    bo.page.screenshot(path=str(SHOTS / "arrival-5-bo-checked-in.png"), full_page=True)
    console.page.screenshot(path=str(SHOTS / "arrival-6-console.png"), full_page=True)


def test_the_link_on_a_second_phone_says_it_is_in_use(
    live_url: str, tmp_path: Path, browser: Browser, no_js_errors: list[Watched]
) -> None:
    code = create_event(live_url)["event"]["code"]
    token = register_in_file(tmp_path / "live.sqlite", code, "Ana Link", "ana@example.com")
    first = phone(browser, no_js_errors)
    join_from_link(first.page, f"{live_url}/r/{token}", "design", "python")
    second = Watched(browser.phone("Pixel 7").new_page())
    answer = second.page.goto(f"{live_url}/r/{token}")
    assert answer is not None and answer.status == 409
    expect(second.page.get_by_text("already in use on another phone")).to_be_visible()
    second.page.screenshot(path=str(SHOTS / "arrival-7-in-use.png"), full_page=True)
    again = first.page.goto(f"{live_url}/r/{token}")
    assert again is not None and first.page.url.endswith(f"/e/{code}")
