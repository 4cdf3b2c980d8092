"""Replacing the console link in real Chromium: the old link dies, this laptop carries on."""

from __future__ import annotations

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_a11y import violations
from tests.browser.test_browser_console import LAPTOP, WAIT, open_console
from tests.browser.test_browser_flow import create_event
from tests.browser.test_browser_home import api_join
from tests.scale.workers import call


def stats_status(live_url: str, code: str, token: str) -> int:
    return call("GET", f"{live_url}/api/v1/events/{code}/stats", token=token)[0]


def test_the_organizer_replaces_the_console_link(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    code, old_link = created["event"]["code"], created["console_url"]
    clipboard = ["clipboard-read", "clipboard-write"]
    console = open_console(browser, old_link, permissions=clipboard)
    leaked = open_console(browser, old_link)  # the same link, opened on another laptop
    no_js_errors.append(console)
    page = console.page

    page.get_by_role("button", name="Replace the console link…").click()
    confirm = page.locator("#link-confirm")
    assert confirm.is_visible() and "stops working at once" in confirm.inner_text()
    assert page.get_by_text("Anyone holding the old console link loses access.").is_visible()
    page.get_by_role("button", name="Keep the current link").click()
    assert confirm.is_hidden()
    assert stats_status(live_url, code, created["organizer_token"]) == 200  # nothing changed

    page.get_by_role("button", name="Replace the console link…").click()
    page.get_by_role("button", name="Replace the link", exact=True).click()
    field = page.get_by_label("New console link")
    field.wait_for(timeout=WAIT)
    new_link = field.input_value()
    assert new_link.startswith(f"{live_url}/console/{code}?token=") and new_link != old_link
    assert "the old link no longer works" in page.locator("#link-done").inner_text()
    assert "Keep it safe" in page.locator("#link-keep").inner_text()
    page.get_by_role("button", name="Copy the link").click()
    page.locator("#link-copied", has_text="Copied.").wait_for(timeout=WAIT)
    assert page.evaluate("navigator.clipboard.readText()") == new_link
    assert violations(page) == [], "console with the new link"
    console.shot("console-link-replaced")
    assert stats_status(live_url, code, created["organizer_token"]) == 403

    # This laptop stays signed in and live; the other one is told, and hears nothing more.
    page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
    api_join(live_url, code, name="Sam Seeker", intent="seek", offers=[], seeks=["design"])
    page.locator("#people tr", has_text="Sam Seeker").wait_for(timeout=WAIT)
    leaked.page.locator("#control-error", has_text="replaced by a newer one").wait_for(timeout=WAIT)
    assert leaked.page.locator("#people tr", has_text="Sam Seeker").count() == 0
    # Refused, the Socket.IO client drops its session mid-upgrade; Chromium reports the
    # transport's failed requests. Anything else would be an error of the console's own.
    assert [e for e in leaked.errors if "/socket.io/" not in e] == []

    stranger = browser.browser.new_context(viewport=LAPTOP).new_page()
    refused = stranger.goto(old_link)
    assert refused is not None and refused.status == 403
    assert "Organizers only" in stranger.locator("h1").inner_text()
    assert "replaced by a newer one" in stranger.locator("main").inner_text()
    stranger.context.close()

    helper = open_console(browser, new_link)
    no_js_errors.append(helper)
    helper.page.locator("#people tr", has_text="Sam Seeker").wait_for(timeout=WAIT)
    assert helper.page.url.endswith(f"/console/{code}")
