"""The organizer's console in the laptop's language: the page and the words its scripts
draw (balance, advice, arrivals, a person opened), right to left for Arabic, within a
laptop's width, and the accessibility checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_a11y import violations
from tests.browser.test_browser_console_topics import open_console
from tests.browser.test_browser_flow import create_event
from tests.browser.test_browser_home import api_join

SHOTS = Path("/tmp")
WAIT = 10_000
LAPTOP = {"width": 1280, "height": 800}
SPOKEN = {
    # locale: (html lang, dir, the room's heading, the pause button, how the balance says
    # two seekers wait, how the advice begins, a person's "what they wait for", the
    # arrivals' tile, the language's own name in the switcher)
    "de-DE": (
        "de",
        "ltr",
        "Der Raum",
        "Vermittlung pausieren",
        "2 Suchende warten",
        "2 Suchende warten auf ein Thema, das hier niemand anbietet",
        "Worauf die Person wartet",
        "An der Tür",
        "Deutsch",
    ),
    "ar-EG": (
        "ar",
        "rtl",
        "القاعة",
        "إيقاف التوفيق مؤقتًا",
        "باحثان ينتظران",
        "ينتظر باحثان موضوعًا لا يقدّمه أحد هنا",
        "ما ينتظره",
        "عند الباب",
        "العربية",
    ),
}


@pytest.mark.parametrize("locale", sorted(SPOKEN))
def test_the_console_speaks_the_laptops_language(
    live_url: str, browser: Browser, no_js_errors: list[Watched], locale: str
) -> None:
    lang, direction, room, pause, balance, advice, waits_for, door, own_name = SPOKEN[locale]
    created = create_event(live_url, name="Karrierenetzwerk Rhein-Main")
    code = created["event"]["code"]
    for name in ("Sam Suchende", "Lea Lernende"):
        api_join(live_url, code, name=name, intent="seek", offers=["hiring"], seeks=["zorbing"])
    api_join(live_url, code, name="Grace Lead", intent="give", offers=["design"], seeks=[])

    console = open_console(browser, created["console_url"], viewport=LAPTOP, locale=locale)
    no_js_errors.append(console)
    page = console.page
    html = page.locator("html")
    expect(html).to_have_attribute("lang", lang)
    expect(html).to_have_attribute("dir", direction)

    expect(page.locator("#room-title")).to_have_text(room)
    expect(page.get_by_role("button", name=pause, exact=True)).to_be_visible()
    expect(page.locator("#balance")).to_contain_text(balance, timeout=WAIT)
    unoffered = page.locator("#advice li[data-kind=unoffered]")
    expect(unoffered).to_contain_text(advice, timeout=WAIT)
    assert "Ask the room" not in unoffered.inner_text()  # what to do, in the language too
    expect(page.locator("#arrival-counts")).to_contain_text(door)
    # The switcher at the foot of the page: the console speaks the language it offers.
    switcher = page.locator("nav.languages")
    expect(switcher.locator("[aria-current]")).to_have_text(own_name)
    expect(switcher.get_by_role("link", name="English")).to_be_visible()

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= LAPTOP["width"], f"the console is {width} px wide: something overflows"
    page.screenshot(path=str(SHOTS / f"console1-{lang}.png"), full_page=True)
    assert violations(page) == [], f"console in {lang}"

    # A waiting seeker opened: what they wait for, in the laptop's language.
    page.locator("#waiting").get_by_role("button", name="Sam Suchende").click()
    dialog = page.locator("#person-dialog")
    expect(dialog.get_by_role("heading", name=waits_for)).to_be_visible(timeout=WAIT)
