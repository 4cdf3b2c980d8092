"""Accessibility in real Chromium: axe-core's WCAG 2 A/AA rules, light and dark, plus keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.chromium import Browser
from tests.browser.test_browser_flow import create_event, join_by_form
from tests.browser.test_browser_home import api_join

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(page: Any) -> list[str]:
    results = Axe().run(page, options=WCAG)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} places, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_join_and_home_pass_wcag_aa(live_url: str, browser: Browser, scheme: str) -> None:
    event = create_event(live_url, topics=["python", "hiring"])["event"]
    api_join(
        live_url,
        event["code"],
        name="Grace Lead",
        intent="give",
        offers=["hiring"],
        seeks=["design"],
    )
    page = browser.phone("Pixel 7", color_scheme=scheme).new_page()
    page.goto(event["join_url"])
    assert violations(page) == [], "join page"
    page.get_by_role("button", name="Join").click()  # an empty form: the errors page too
    page.wait_for_selector(".error")
    assert violations(page) == [], "join page with errors"
    join_by_form(
        page, event["join_url"], "Sam Seeker", "seek", "design", "hiring", "sam@example.com"
    )
    page.locator("li.intro").wait_for()
    page.get_by_text("Do your homework").click()
    assert violations(page) == [], "attendee home"


def test_join_form_works_with_the_keyboard_alone(live_url: str, browser: Browser) -> None:
    event = create_event(live_url)["event"]
    page = browser.phone("Pixel 7", has_touch=False, is_mobile=False).new_page()
    page.goto(event["join_url"])
    page.get_by_label("Your name").focus()
    page.keyboard.type("Kay Board")
    page.keyboard.press("Tab")  # role and organisation
    page.keyboard.press("Tab")  # the intent radios
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # "to seek"
    assert page.get_by_label("I'm here to seek").is_checked()
    page.get_by_label("What you are looking for").focus()
    page.keyboard.type("python")
    page.get_by_role("button", name="Join").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#intros-title")
    assert page.locator("#me-name").inner_text() == "Kay Board"
