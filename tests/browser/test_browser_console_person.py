"""Opening a person from the console: a waiting seeker's topics and what they wait for."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_a11y import violations
from tests.browser.test_browser_console_topics import open_console
from tests.browser.test_browser_flow import create_event
from tests.browser.test_browser_home import api_join


def test_a_waiting_seekers_name_opens_what_they_seek_and_wait_for(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    code = created["event"]["code"]
    api_join(live_url, code, name="Gia Lead", intent="give", offers=["hiring"], seeks=["design"])
    api_join(
        live_url,
        code,
        name="Sam Seeker",
        intent="seek",
        headline="Junior analyst",
        offers=["design"],
        seeks=["k8s", "knitting circles"],
        seeks_note="A first job in platform teams",
    )
    console = open_console(browser, created["console_url"])
    no_js_errors.append(console)
    page = console.page

    page.locator("#waiting").get_by_role("button", name="Sam Seeker").click()
    dialog = page.get_by_role("dialog", name="Sam Seeker")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Junior analyst")
    expect(dialog).to_contain_text("k8s → kubernetes")
    expect(dialog).to_contain_text("knitting circles (their own words)")
    expect(dialog).to_contain_text("A first job in platform teams")
    expect(dialog).to_contain_text("They offer")  # seekers offer too: it is two-way
    expect(dialog.locator(".person-waiting")).to_have_attribute("data-reason", "no_topic_match")
    expect(dialog.locator(".person-waiting")).not_to_be_empty()
    assert violations(page) == []
    console.shot("console-person")
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()

    # The same from the people list: a giver waits too, for someone who seeks what they offer.
    page.locator("#people").get_by_role("button", name="Gia Lead", exact=True).click()
    gia = page.get_by_role("dialog", name="Gia Lead")
    expect(gia).to_contain_text("Here to give")
    expect(gia).to_contain_text("hiring")
    waits = page.locator(".person-waiting")
    expect(waits).to_have_attribute("data-reason", "nobody_seeks_yours")
    expect(waits).to_contain_text("Nobody here is looking for hiring")
