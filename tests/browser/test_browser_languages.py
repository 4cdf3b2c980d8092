"""The join form in the phone's language: the page, its scripts' words, right to left for
Arabic, long German words within a 360-pixel screen, and the accessibility checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_a11y import violations
from tests.browser.test_browser_flow import create_event
from tests.browser.test_browser_pwa import CACHED_URLS, CONTROLLED, PAGE_KEPT, WORKER_READY

SHOTS = Path("/tmp")
WAIT = 10_000
SPOKEN = {
    # locale: (html lang, dir, the Join button, the name's check on the phone, how the
    # typeahead says to choose)
    "de-DE": ("de", "ltr", "Beitreten", "Geben Sie Ihren Namen ein.", "Pfeiltasten"),
    "fr-FR": ("fr", "ltr", "Rejoindre", "Saisissez votre nom.", "flèches haut et bas"),
    "es-ES": ("es", "ltr", "Unirme", "Escribe tu nombre.", "flechas arriba y abajo"),
    "ar-EG": ("ar", "rtl", "انضم", "اكتب اسمك.", "للأعلى والأسفل"),
}


@pytest.mark.parametrize("locale", sorted(SPOKEN))
def test_the_join_form_speaks_the_phones_language(
    live_url: str, browser: Browser, no_js_errors: list[Watched], locale: str
) -> None:
    lang, direction, join, name_check, choose = SPOKEN[locale]
    event = create_event(live_url, name="Karrierenetzwerk Rhein-Main", topics=["kubernetes"])
    phone = Watched(
        browser.phone("Pixel 7", locale=locale, viewport={"width": 360, "height": 780}).new_page()
    )
    no_js_errors.append(phone)
    page = phone.page
    page.goto(event["event"]["join_url"])
    html = page.locator("html")
    expect(html).to_have_attribute("lang", lang)
    expect(html).to_have_attribute("dir", direction)

    page.get_by_role("button", name=join, exact=True).click()  # nothing filled in
    expect(page.locator("#e-name, .field .error").first).to_have_text(name_check, timeout=WAIT)

    # The typeahead says how many suggestions, and how to choose, in the language (its
    # plural form chosen by the language's rules).
    page.locator("#f-offers").fill("kuber")
    status = page.locator("[role=status]", has_text=choose).first
    expect(status).to_be_attached(timeout=WAIT)
    assert "arrows to choose" not in status.inner_text()

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide at 360 px: something overflows"
    page.screenshot(path=str(SHOTS / f"languages-join-{lang}.png"), full_page=True)
    assert violations(page) == [], f"join form in {lang}"


def test_an_offline_phone_keeps_speaking_its_language(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    """The scripts' words come in a file the service worker keeps: offline, the kept join
    page still checks the form in German."""
    event = create_event(live_url, name="Karriereabend", topics=["kubernetes"])
    context = browser.phone("Pixel 7", locale="de-DE", viewport={"width": 360, "height": 780})
    phone = Watched(context.new_page())
    no_js_errors.append(phone)
    page = phone.page
    join = event["event"]["join_url"]
    page.goto(join)
    page.wait_for_function(WORKER_READY, timeout=WAIT)
    page.reload()  # now through the worker, which keeps the page and every language's words
    page.wait_for_function(CONTROLLED, timeout=WAIT)
    page.wait_for_function(PAGE_KEPT, arg=join, timeout=WAIT)
    cached = page.evaluate(CACHED_URLS)
    assert [u for u in cached if "/i18n/de.json?v=" in u], cached
    assert [u for u in cached if "/i18n/ar.json?v=" in u], cached

    context.set_offline(True)
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    page.get_by_role("button", name="Beitreten", exact=True).click()
    expect(page.locator("#e-name, .field .error").first).to_have_text(
        "Geben Sie Ihren Namen ein.", timeout=WAIT
    )
    context.set_offline(False)
    context.close()
