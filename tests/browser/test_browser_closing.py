"""Closing the event in the middle of a round, as the console and the projector see it."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_console_topics import WAIT, open_console
from tests.browser.test_browser_flow import create_event
from tests.browser.test_browser_home import api_join


def test_closing_ends_the_round_on_the_console_and_the_projector(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url, mode="both")
    code = created["event"]["code"]
    for name, intent in (("Gia", "give"), ("Sam", "seek"), ("Ana", "seek"), ("Ben", "give")):
        api_join(live_url, code, name=name, intent=intent, offers=["hiring"], seeks=["design"])
    console = open_console(browser, created["console_url"])
    no_js_errors.append(console)
    page = console.page
    screen = Watched(page.context.new_page())
    no_js_errors.append(screen)
    screen.page.goto(f"{live_url}/console/{code}/screen")
    screen.page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)

    page.get_by_role("button", name="Start a round").click()
    expect(page.locator("#round-end")).to_be_visible(timeout=WAIT)
    expect(screen.page.locator("#screen-round")).to_be_visible(timeout=WAIT)
    expect(page.locator("#rebalance")).to_be_enabled()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Close the event…").click()
    confirm = page.get_by_role("button", name="Close the event", exact=True)
    if confirm.count():  # the console asks in a dialog of its own
        confirm.click()
    expect(page.locator("#status")).to_have_text("Closed", timeout=WAIT)
    expect(page.locator("#round-end")).to_be_hidden(timeout=WAIT)
    expect(page.locator("#rebalance")).to_be_disabled()
    expect(screen.page.locator("#screen-status")).to_have_text(
        "This event has ended. Thank you for coming!", timeout=WAIT
    )
    expect(screen.page.locator("#round-clock")).to_have_text("00:00", timeout=WAIT)
    expect(screen.page.locator(".screen-qr")).to_be_hidden()  # nobody new can join
    screen.shot("screen-closed")

    for view in (page, screen.page):  # and after a reload
        view.reload()
        view.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
    expect(page.locator("#round-end")).to_be_hidden()
    expect(page.locator("#rebalance")).to_be_disabled()
    expect(screen.page.locator("#screen-round")).to_be_hidden()
    expect(screen.page.locator(".screen-qr")).to_be_hidden()
