"""Topics on the phone in real Chromium: typeahead, wording per intent, readings, waiting."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_a11y import violations
from tests.browser.test_browser_flow import create_event, join_by_form
from tests.browser.test_browser_home import api_join

WAIT = 10_000


def join_page(
    live_url: str, browser: Browser, scheme: str = "light", **event: Any
) -> tuple[Watched, dict[str, Any]]:
    created = create_event(live_url, **event)["event"]
    phone = Watched(browser.phone("Pixel 7", color_scheme=scheme).new_page())
    phone.page.goto(created["join_url"])
    return phone, created


def options(page: Any, field: str) -> Any:
    return page.locator(f"#{field}-options [role=option]")


def top(locator: Any) -> float:
    """Where an element sits on the page (not the viewport, which scrolls)."""
    return locator.evaluate("(e) => e.getBoundingClientRect().top + window.scrollY")


def me(page: Any, live_url: str, code: str) -> dict[str, Any]:
    """GET /api/v1/me with the phone's own cookie."""
    response = page.context.request.get(f"{live_url}/api/v1/me?event={code}")
    assert response.status == 200, response.text()
    return response.json()["attendee"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_join_typeahead_suggests_from_the_vocabulary_and_enter_picks(
    live_url: str, browser: Browser, no_js_errors: list[Watched], scheme: str
) -> None:
    phone, _ = join_page(live_url, browser, scheme, topics=["python", "hiring"])
    no_js_errors.append(phone)
    page = phone.page
    page.get_by_label("I'm here to seek").check()
    seeks = page.get_by_label("What you are looking for")
    assert seeks.get_attribute("role") == "combobox"
    assert seeks.get_attribute("aria-controls") == "f-seeks-options"
    below = top(page.get_by_label("A note on what you offer"))
    seeks.fill("design, ")
    seeks.press_sequentially("mach")
    expect(options(page, "f-seeks").first.locator(".topic")).to_have_text("machine learning")
    expect(seeks).to_have_attribute("aria-expanded", "true")
    assert top(page.get_by_label("A note on what you offer")) == below  # overlaid, not pushed
    assert options(page, "f-seeks").first.bounding_box()["height"] >= 44  # a thumb's size
    phone.shot(f"join-typeahead-{scheme}")
    assert violations(page) == [], "join page with the typeahead open"
    seeks.press("Enter")
    expect(seeks).to_have_value("design, machine learning, ")
    expect(seeks).to_have_attribute("aria-expanded", "false")
    seeks.press_sequentially("pyth")
    options(page, "f-seeks").filter(has_text="python").first.tap()  # a thumb, not a key
    expect(seeks).to_have_value("design, machine learning, python, ")
    expect(seeks).to_be_focused()  # the phone's keyboard stays up for the next topic


def test_join_typeahead_works_with_the_keyboard(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    phone, _ = join_page(live_url, browser, topics=["python", "hiring"])
    no_js_errors.append(phone)
    page = phone.page
    offers = page.get_by_label("What you can offer")
    offers.press_sequentially("py")
    first, second = options(page, "f-offers").nth(0), options(page, "f-offers").nth(1)
    expect(first.locator(".topic")).to_have_text("python")  # the event's own topic first
    expect(first.locator(".detail")).to_have_text("this event")
    expect(offers).to_have_attribute("aria-activedescendant", "f-offers-options-0")
    offers.press("ArrowDown")
    expect(second).to_have_attribute("aria-selected", "true")
    expect(offers).to_have_attribute("aria-activedescendant", "f-offers-options-1")
    offers.press("ArrowUp")
    expect(first).to_have_attribute("aria-selected", "true")
    offers.press("Escape")
    expect(offers).to_have_attribute("aria-expanded", "false")
    expect(offers).to_have_value("py")  # Escape only closes the list
    offers.press("ArrowDown")  # opens it again
    expect(offers).to_have_attribute("aria-expanded", "true")
    offers.press("Tab")  # leaves the field with what was typed
    expect(offers).to_have_attribute("aria-expanded", "false")
    expect(offers).to_have_value("py")
    assert page.evaluate("document.activeElement.id") != "f-offers"
    offers.fill("py")
    offers.press("Enter")
    expect(offers).to_have_value("python, ")
    expect(page.locator("[data-chips=offers] [data-topic=python]")).to_have_attribute(
        "aria-pressed", "true"
    )


def test_join_typeahead_works_offline_once_loaded_and_fails_quietly(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    phone, created = join_page(live_url, browser)
    no_js_errors.append(phone)
    page = phone.page
    page.get_by_label("Your name").fill("Ola Offline")  # the form fetches the vocabulary
    page.context.set_offline(True)
    seeks = page.get_by_label("What you are looking for")
    seeks.press_sequentially("data eng")
    expect(options(page, "f-seeks").first.locator(".topic")).to_have_text("data engineering")
    page.context.set_offline(False)

    cut_off = Watched(browser.phone("Pixel 7").new_page())
    no_js_errors.append(cut_off)
    cut_off.page.route("**/vocabulary.json", lambda route: route.abort("internetdisconnected"))
    cut_off.page.goto(created["join_url"])
    field = cut_off.page.get_by_label("What you are looking for")
    field.press_sequentially("mach")
    cut_off.page.wait_for_timeout(300)
    expect(field).to_have_attribute("aria-expanded", "false")  # just no suggestions
    expect(field).to_have_value("mach")


def test_the_giver_wording_follows_the_intent(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    phone, created = join_page(live_url, browser)
    no_js_errors.append(phone)
    page = phone.page
    offers, seeks = page.locator("#f-offers"), page.locator("#f-seeks")
    expect(seeks).to_have_accessible_name("What you are looking for")
    page.get_by_label("I'm here to give").check()
    expect(seeks).to_have_accessible_name("Who would you like to meet? (optional)")
    expect(seeks).to_have_accessible_description(re.compile("leave it empty and Mixer"))
    page.get_by_label("I'm here to seek").check()
    expect(seeks).to_have_accessible_name("What you are looking for")
    expect(offers).to_have_accessible_name("What you can offer (optional)")
    page.get_by_label("Both").check()
    expect(offers).to_have_accessible_name("What you can offer")
    expect(seeks).to_have_accessible_name("What you are looking for")
    # A giver may leave it empty; an error page keeps the giver wording, from the server.
    page.get_by_label("I'm here to give").check()
    page.get_by_label("Your name").fill("Grace Lead")
    page.get_by_role("button", name="Join").click()
    expect(page.locator("#e-offers")).to_be_visible()
    phone.errors.remove(f"422 for {created['join_url']}")  # the form's answer: fix and retry
    expect(seeks).to_have_accessible_name("Who would you like to meet? (optional)")
    offers.fill("hiring")
    page.get_by_role("button", name="Join").click()
    page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
    assert me(page, live_url, created["code"])["seeks"] == []


def test_home_typeahead_shows_the_room_s_counts_other_side_first(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)["event"]
    for name, offers in [("Gia", ["JavaScript"]), ("Gus", ["javascript", "java"])]:
        api_join(live_url, created["code"], name=name, intent="give", offers=offers, seeks=[])
    api_join(live_url, created["code"], name="Sol", intent="seek", offers=[], seeks=["Java"])
    phone = Watched(browser.phone("Pixel 7").new_page())
    no_js_errors.append(phone)
    page = phone.page
    join_by_form(page, created["join_url"], "Sam Seeker", "seek", "sql", "go", "sam@example.com")
    page.get_by_text("Edit my profile").click()
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/topics?" in r.url else None)
    seeks = page.locator("#p-seeks")
    seeks.fill("go, ")
    expect(options(page, "p-seeks").first.locator(".topic")).to_have_text("javascript")
    seeks.press_sequentially("jav")
    first, second = options(page, "p-seeks").nth(0), options(page, "p-seeks").nth(1)
    expect(first.locator(".topic")).to_have_text("javascript")  # offered by two people here
    expect(first.locator(".detail")).to_have_text("2 here offer it")
    expect(second.locator(".topic")).to_have_text("java")
    expect(second.locator(".detail")).to_have_text("1 offer · 1 seek")
    phone.shot("home-typeahead")
    typed = [url for url in asked if "q=j" in url]
    assert len(typed) == 1 and "q=jav&" in typed[0], asked  # one request per pause in typing
    seeks.press("Enter")
    expect(seeks).to_have_value("go, javascript, ")
    offers = page.locator("#p-offers")
    offers.fill("")
    offers.press_sequentially("jav")
    first = options(page, "p-offers").first
    expect(first.locator(".topic")).to_have_text("java")  # sought here: first for an offer
    expect(first.locator(".detail")).to_have_text("1 offer · 1 seek")


def test_readings_show_after_joining_and_undo_keeps_own_words(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)["event"]
    phone = Watched(browser.phone("Pixel 7").new_page())
    no_js_errors.append(phone)
    page = phone.page
    join_by_form(
        page, created["join_url"], "Mo Learner", "seek", "sql", "ML, Pyhton", "mo@example.com"
    )
    box = page.locator("#understood-box")
    expect(box.get_by_text("ML → machine learning")).to_be_visible()
    expect(box.get_by_text("Pyhton → python")).to_be_visible()
    phone.shot("home-understood")
    assert violations(page) == [], "home with the readings"
    box.get_by_role("button", name="Undo: keep “ML” as your own words").click()
    expect(box.get_by_text("ML (your own words)")).to_be_visible()
    expect(box.get_by_role("status")).to_have_text("Kept “ML” as your own words.")
    attendee = me(page, live_url, created["code"])
    assert attendee["seeks"] == ['"ML"', "Pyhton"]
    assert {u["typed"]: u["as"] for u in attendee["understood"]["seeks"]}['"ML"'] == []
    page.reload()
    expect(box.get_by_text("ML (your own words)")).to_be_visible()
    expect(page.locator("#p-seeks")).to_have_value('"ML", Pyhton')


def test_a_waiting_seeker_sees_why_and_adds_a_close_topic(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)["event"]
    api_join(live_url, created["code"], name="Gia Lead", intent="give", offers=["Python"], seeks=[])
    phone = Watched(browser.phone("Pixel 7").new_page())
    no_js_errors.append(phone)
    page = phone.page
    join_by_form(page, created["join_url"], "Pat Seeker", "seek", "sql", "pyramids", "p@x.org")
    empty = page.locator("#empty")
    expect(empty).to_contain_text("Nobody here offers pyramid")
    chip = empty.get_by_role("button", name="python")
    expect(chip).to_be_visible()
    expect(empty).to_contain_text("Tap a topic to add it to what you seek")
    phone.shot("home-waiting")
    assert violations(page) == [], "home with a waiting reason"
    chip.click()
    expect(page.locator("#waiting-status")).to_have_text("Added “python” to what you seek.")
    page.locator("li.intro", has_text="Gia Lead").wait_for(timeout=WAIT)
    assert me(page, live_url, created["code"])["seeks"] == ["pyramids", "python"]
