"""The phone's home in German and in Arabic, with an introduction card on it: the page and its
scripts' words in the language, right to left for Arabic, nothing wider than a 360-pixel
screen, and the accessibility checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_a11y import violations
from tests.browser.test_browser_flow import create_event, join_by_form
from tests.browser.test_browser_home import api_join

SHOTS = Path("/tmp")
WAIT = 10_000
SPOKEN = {
    # lang: (phone's locale, dir, page title, card's status line, its buttons, the
    # presence line, a script-drawn label on the card)
    "de": (
        "de-DE",
        "ltr",
        "Ihre Vorstellungen",
        "Vorschlag für Sie",
        ("Annehmen", "Nicht jetzt"),
        "Sie sind für neue Vorstellungen verfügbar.",
        "Ihr Gewinn:",
    ),
    "ar": (
        "ar-EG",
        "rtl",
        "تعارفاتك",
        "مقترح لك",
        ("قبول", "ليس الآن"),
        "أنت متاح لتعارفات جديدة.",
        "ما تكسبه:",
    ),
}


@pytest.mark.parametrize("lang", sorted(SPOKEN))
def test_the_home_and_its_card_speak_the_phones_language(
    live_url: str, browser: Browser, no_js_errors: list[Watched], lang: str
) -> None:
    locale, direction, title, status, buttons, presence, for_you = SPOKEN[lang]
    event = create_event(
        live_url, name="Karrierenetzwerk Rhein-Main", venue="Kongresszentrum Frankfurt"
    )["event"]
    api_join(
        live_url,
        event["code"],
        name="Grace Lead",
        headline="Leiterin Personalentwicklung",
        intent="give",
        offers=["hiring"],
        seeks=["design"],
    )
    context = browser.phone("Pixel 7", locale=locale, viewport={"width": 360, "height": 780})
    phone = Watched(context.new_page())
    no_js_errors.append(phone)
    page = phone.page
    # Joined through the English form (its labels are what join_by_form fills)...
    join_by_form(
        page, event["join_url"] + "?lang=en", "Sam Seeker", "seek", "design", "hiring", "s@x.org"
    )
    home = page.url.split("?")[0]
    if lang == "de":
        # ...then the phone's own language: the English choice forgotten, Accept-Language speaks.
        context.clear_cookies(name="mixer_lang")
        page.goto(home)
    else:
        page.goto(home + "?lang=" + lang)  # ...then a link that switches
    html = page.locator("html")
    expect(html).to_have_attribute("lang", lang)
    expect(html).to_have_attribute("dir", direction)
    expect(page.locator("#intros-title")).to_have_text(title)

    card = page.locator("#intros li.intro", has_text="Grace Lead")
    expect(card).to_be_visible(timeout=WAIT)
    expect(card.locator(".status")).to_have_text(status)
    expect(card.locator(".wifm strong").first).to_have_text(for_you)
    for name in buttons:
        expect(card.get_by_role("button", name=name, exact=True)).to_be_visible()
    assert card.get_by_role("button", name="Accept").count() == 0
    expect(page.locator("#presence-line")).to_have_text(presence)
    card.locator("details.homework summary").click()  # its words too, open
    assert "They offer" not in card.inner_text()

    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    assert width <= inner, f"the home is {width} px wide at {inner} px: something overflows"
    page.screenshot(path=str(SHOTS / f"home1-{lang}.png"), full_page=True)
    assert violations(page) == [], f"home in {lang}"
