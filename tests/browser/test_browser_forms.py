"""Forms in Chromium: the ready page (shown once, copy buttons, a warning for local links)
and the join form (a double tap is one person, errors get the cursor, a reload keeps what
was typed)."""

from __future__ import annotations

import json
import sqlite3
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_a11y import violations
from tests.browser.test_browser_flow import create_event

WAIT = 10_000
LAPTOP = {"width": 1440, "height": 900}


def events_stored(tmp_path: Path) -> int:
    """Counted in the live server's own database file (conftest's live_url)."""
    with sqlite3.connect(tmp_path / "live.sqlite") as db:
        return int(db.execute("select count(*) from events").fetchone()[0])


def attendees_of(live_url: str, made: dict[str, Any]) -> list[dict[str, Any]]:
    request = urllib.request.Request(
        f"{live_url}/api/v1/events/{made['event']['code']}/attendees",
        headers={"Authorization": f"Bearer {made['organizer_token']}"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["attendees"]


def fill_join(page: Any, name: str = "Sam Seeker") -> None:
    page.get_by_label("Your name").fill(name)
    page.get_by_label("I'm here to seek").check()
    page.get_by_label("What you are looking for").fill("hiring")


def test_the_ready_page_shows_the_link_once_and_a_reload_makes_no_second_event(
    live_url: str, browser: Browser, tmp_path: Path, no_js_errors: list[Watched]
) -> None:
    laptop = Watched(browser.browser.new_page(viewport=LAPTOP))
    no_js_errors.append(laptop)
    page = laptop.page
    page.goto(live_url)
    page.get_by_label("Event name").fill("Careers Night")
    page.get_by_role("button", name="Create event").click()
    expect(page.locator("h1")).to_have_text("Careers Night is ready", timeout=WAIT)
    link = page.locator("#console-link a")
    assert "?token=" in (link.get_attribute("href") or "")
    assert "/created/" in page.url and "token" not in page.url
    laptop.shot("ready-laptop")

    page.reload()
    expect(page.locator("h1")).to_have_text("Careers Night is ready", timeout=WAIT)
    expect(page.locator("#link-shown")).to_contain_text("stays signed in to the console")
    assert page.locator("#console-link").count() == 0
    assert "?token=" not in page.content()
    laptop.shot("ready-laptop-reloaded")
    assert events_stored(tmp_path) == 1

    page.go_back()  # to the form, and send it once more: the same event, no link
    expect(page.get_by_role("button", name="Create event")).to_be_visible(timeout=WAIT)
    page.get_by_role("button", name="Create event").click()
    expect(page.locator("#sent-again")).to_be_visible(timeout=WAIT)
    assert "?token=" not in page.content()
    assert events_stored(tmp_path) == 1

    page.get_by_role("link", name="Open the console").click()
    page.wait_for_url("**/console/**", timeout=WAIT)
    assert "Careers Night" in page.title()


def test_copy_buttons_and_the_warning_for_a_link_phones_cannot_open(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    context = browser.phone("Pixel 7", permissions=["clipboard-read", "clipboard-write"])
    phone = Watched(context.new_page())
    no_js_errors.append(phone)
    page = phone.page
    page.goto(live_url)
    page.get_by_label("Event name").fill("Careers Night")
    page.get_by_role("button", name="Create event").click()
    warning = page.locator("#local-warning")
    expect(warning).to_be_visible(timeout=WAIT)  # the test server's address is 127.0.0.1
    page.wait_for_load_state("load")  # the copy buttons' script has run (a busy CI is slow)
    assert "mixer serve --host 0.0.0.0" in warning.inner_text()
    assert "MIXER_PUBLIC_URL" in warning.inner_text()
    join_url = page.locator("#join-link a").get_attribute("href")
    page.get_by_role("button", name="Copy the join link").click()
    expect(page.locator("[data-copied=join-link]")).to_have_text("Copied", timeout=WAIT)
    assert page.evaluate("navigator.clipboard.readText()") == join_url
    console_url = page.locator("#console-link a").get_attribute("href")
    page.get_by_role("button", name="Copy the organizer link").click()
    expect(page.locator("[data-copied=console-link]")).to_have_text("Copied", timeout=WAIT)
    assert page.evaluate("navigator.clipboard.readText()") == console_url
    phone.shot("ready-phone")


def test_without_a_clipboard_the_link_is_selected_to_copy(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    """Plain http on a venue's network has no clipboard API: the text is selected instead."""
    phone = Watched(browser.phone("iPhone 13").new_page())
    no_js_errors.append(phone)
    page = phone.page
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(live_url)
    page.get_by_label("Event name").fill("Careers Night")
    page.get_by_role("button", name="Create event").click()
    page.wait_for_url("**/created/**")
    page.wait_for_load_state("load")
    page.get_by_role("button", name="Copy the join link").click()
    said = page.locator("[data-copied=join-link]")
    expect(said).not_to_be_empty(timeout=WAIT)
    assert said.inner_text() in (
        "Copied",
        "Selected: press Ctrl+C (⌘C on a Mac), or hold it to copy.",
    )
    join_url = page.locator("#join-link a").get_attribute("href")
    assert page.evaluate("window.getSelection().toString().trim()") == join_url


def test_a_double_tap_on_join_makes_one_attendee(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    made = create_event(live_url)
    phone = Watched(browser.phone("Pixel 7").new_page())
    no_js_errors.append(phone)
    page = phone.page
    page.goto(made["event"]["join_url"])
    fill_join(page)
    button = page.get_by_role("button", name="Join")
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.touchscreen.tap(x, y)
    page.touchscreen.tap(x, y)
    page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
    assert [p["name"] for p in attendees_of(live_url, made)] == ["Sam Seeker"]


def test_the_same_join_form_sent_twice_at_once_makes_one_attendee(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    """What a phone does that sends a tap twice: the server, not the button, decides."""
    made = create_event(live_url)
    phone = Watched(browser.phone("iPhone 13").new_page())
    no_js_errors.append(phone)
    page = phone.page
    page.goto(made["event"]["join_url"])
    fill_join(page)
    statuses = page.evaluate(
        """async () => {
          const form = document.getElementById("join-form");
          const send = () => fetch(form.action, {method: "POST", body: new FormData(form),
                                                 redirect: "manual"});
          const answers = await Promise.all([send(), send(), send()]);
          return answers.map((a) => a.type);
        }"""
    )
    assert statuses == ["opaqueredirect"] * 3  # each one a 303 to the phone's home
    assert [p["name"] for p in attendees_of(live_url, made)] == ["Sam Seeker"]
    page.goto(made["event"]["join_url"])
    page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)  # signed in as that one


def test_a_join_error_brings_the_field_into_view_with_the_cursor_in_it(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    made = create_event(live_url)
    phone = Watched(browser.phone("Pixel 7").new_page())
    no_js_errors.append(phone)
    page = phone.page
    page.goto(made["event"]["join_url"])

    # Checked on the phone: nothing is sent, the first field in error gets the cursor.
    page.get_by_label("What you are looking for").fill("hiring")
    page.get_by_role("button", name="Join").click()
    expect(page.locator("#e-name")).to_have_text("Enter your name.")
    expect(page.locator("#e-intent")).to_have_text("Choose give, seek or both.")
    assert page.evaluate("document.activeElement.id") == "f-name"

    # Checked by the server, far down the form: the page comes back there.
    fill_join(page)
    page.get_by_label("Email").fill("not an email")
    page.get_by_role("button", name="Join").click()
    page.locator(".field.invalid").first.wait_for(timeout=WAIT)
    phone.errors = [e for e in phone.errors if not e.startswith("422 for")]
    expect(page.locator("#f-email")).to_be_focused(timeout=WAIT)
    expect(page.locator("#f-email")).to_be_in_viewport()
    assert page.get_by_label("Your name").input_value() == "Sam Seeker"
    phone.shot("join-error-phone")


def test_a_half_filled_join_form_survives_a_reload_on_the_phone_only(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    made = create_event(live_url)
    phone = Watched(browser.phone("Pixel 7").new_page())
    no_js_errors.append(phone)
    page = phone.page
    sent: list[str] = []
    page.on("request", lambda r: sent.append(f"{r.url} {r.post_data or ''}"))
    page.goto(made["event"]["join_url"])
    fill_join(page, "Ada Half")
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Share my contact with people I agree to meet").check()
    nonce = page.locator("input[name=nonce]").input_value()

    for again in (page.reload, lambda: page.goto(made["event"]["join_url"])):
        again()
        expect(page.get_by_label("Your name")).to_have_value("Ada Half", timeout=WAIT)
        expect(page.get_by_label("What you are looking for")).to_have_value("hiring")
        expect(page.get_by_label("Email")).to_have_value("ada@example.com")
        assert page.get_by_label("I'm here to seek").is_checked()
        assert page.get_by_label("Share my contact with people I agree to meet").is_checked()
        assert page.locator("input[name=nonce]").input_value() == nonce  # the same join
    assert not any("ada@example.com" in s or "ada%40example.com" in s for s in sent)

    page.get_by_role("button", name="Join").click()
    page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
    assert (
        page.evaluate(f"sessionStorage.getItem('mixer:join-draft:{made['event']['code']}')") is None
    )
    assert [p["name"] for p in attendees_of(live_url, made)] == ["Ada Half"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_ready_page_passes_wcag_aa(live_url: str, browser: Browser, scheme: str) -> None:
    page = browser.phone("Pixel 7", color_scheme=scheme).new_page()
    page.goto(live_url)
    page.get_by_label("Event name").fill("Careers Night")
    page.get_by_role("button", name="Create event").click()
    page.locator("#local-warning").wait_for(timeout=WAIT)
    assert violations(page) == [], "ready page, link shown"
    page.reload()
    page.locator("#link-shown").wait_for(timeout=WAIT)
    assert violations(page) == [], "ready page, link shown before"
