"""The organizer's pages in their language, in real Chromium: the front page and the page
that shows the new event on a 360-pixel phone in German (long words) and Arabic, the impact
page on a laptop in Arabic (right to left, its charts mirrored), each within the screen's
width and clean for axe (WCAG AA)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_a11y import violations
from tests.browser.test_browser_console_topics import open_console
from tests.browser.test_browser_flow import create_event
from tests.browser.test_browser_home import api_join
from tests.browser.test_browser_impact import laptop, small_evening

SHOTS = Path("/tmp")
WAIT = 10_000


FRONT = {
    # locale: (html lang, dir, the heading, the name's label, the button, the created page's
    # heading for the event's name)
    "de-DE": (
        "de", "ltr", "Networking, das in beide Richtungen wirkt", "Name der Veranstaltung",
        "Anlegen", "{} ist bereit",
    ),
    "ar-EG": ("ar", "rtl", "تواصل مهني يفيد الطرفين", "اسم الفعالية", "إنشاء الفعالية", "{} جاهزة"),
}  # fmt: skip


@pytest.mark.parametrize("locale", sorted(FRONT))
def test_the_front_page_in_the_phones_language(
    live_url: str, browser: Browser, no_js_errors: list[Watched], locale: str
) -> None:
    lang, direction, title, label, button, ready = FRONT[locale]
    phone = Watched(
        browser.phone("Pixel 7", locale=locale, viewport={"width": 360, "height": 780}).new_page()
    )
    no_js_errors.append(phone)
    page = phone.page
    page.goto(live_url)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("html")).to_have_attribute("dir", direction)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_label(label)).to_be_visible()
    expect(page.get_by_role("button", name=button, exact=True)).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide at 360 px: something overflows"
    page.screenshot(path=str(SHOTS / f"console2-index-{lang}.png"), full_page=True)
    assert violations(page) == [], f"front page in {lang}"

    # The created page (with its warning about this computer's own address) speaks it too.
    page.get_by_label(label).fill("Karrierenetzwerk Rhein-Main")
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        ready.format("Karrierenetzwerk Rhein-Main"), timeout=WAIT
    )
    expect(page.locator("#local-warning code").first).to_have_attribute("dir", "ltr")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the created page is {width} px wide at 360 px"
    page.screenshot(path=str(SHOTS / f"console2-created-{lang}.png"), full_page=True)
    assert violations(page) == [], f"created page in {lang}"


def test_the_impact_page_in_arabic_on_a_laptop(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    event, organizer = small_evening(live_url, name="أمسية المهن")
    watched = laptop(browser, live_url, event["code"], organizer, "light")
    no_js_errors.append(watched)
    page = watched.page
    page.goto(f"{live_url}/console/{event['code']}/impact?lang=ar")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("ما الذي نتج عن أمسية المهن")
    expect(page.get_by_role("img", name="النتائج المُبلغ عنها")).to_be_visible()
    assert page.locator("svg#funnel .bar-value").all_text_contents() == ["2", "2", "2", "0", "2"]

    # Mirrored: each label on the right of its bar, each value on the left of it.
    for row in page.locator("svg#funnel .bar-row").all():
        label = row.locator(".bar-label").bounding_box()
        bar = row.locator(".bar-fill").bounding_box()
        value = row.locator(".bar-value").bounding_box()
        assert label and bar and value
        assert label["x"] >= bar["x"] + bar["width"] - 1, (label, bar)
        assert value["x"] + value["width"] <= bar["x"] + 1, (value, bar)
        assert label["x"] + label["width"] <= page.viewport_size["width"]

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"the page is {width} px wide at 1280 px: something overflows"
    page.screenshot(path=str(SHOTS / "console2-impact-ar.png"), full_page=True)
    assert violations(page) == [], "impact page in Arabic"


CONSOLE = {
    # lang: (status, the "here" tile, the intent and presence of a seeker here, no round,
    # the title for the event's name, a topic that nobody offers)
    "de": ("Offen", "Hier", "Suchen", "Keine Runde läuft.", "Konsole · {} · Mixer",
           "niemand bietet das an"),
    "ar": ("مفتوحة", "هنا", "يبحث", "لا جولة جارية.", "لوحة التحكم · {} · Mixer", "لا أحد يقدّمه"),
}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(CONSOLE))
def test_the_consoles_scripts_speak_the_organizers_language(
    live_url: str, browser: Browser, no_js_errors: list[Watched], lang: str
) -> None:
    status, here, seek, no_round, title, nobody = CONSOLE[lang]
    created = create_event(live_url, name="Karrierenetzwerk")
    api_join(live_url, created["event"]["code"], name="Sam Seeker", intent="seek",
             offers=["design"], seeks=["kubernetes"])  # fmt: skip
    watched = open_console(browser, f"{created['console_url']}&lang={lang}")
    no_js_errors.append(watched)
    page = watched.page
    expect(page.locator("#status")).to_have_text(status, timeout=WAIT)
    expect(page.locator("#counts .label").first).to_have_text(here)
    person = page.locator("#people tr", has_text="Sam Seeker")
    expect(person.locator("td").nth(2)).to_have_text(seek, timeout=WAIT)
    expect(person.locator("td").nth(3)).to_have_text(here)
    expect(page.locator("#round-now")).to_have_text(no_round)
    expect(page).to_have_title(title.format("Karrierenetzwerk"))
    expect(page.locator("#topics .flag").first).to_have_text(nobody, timeout=WAIT)
    page.screenshot(path=str(SHOTS / f"console2-console-{lang}.png"), full_page=True)
