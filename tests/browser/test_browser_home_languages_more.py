"""The phone's home in German and in Arabic (right to left) at 360 px: "My code" says how
long the code works, "People I already know here" offers its button, and after the night
the question of what came of a meeting asks, answers and is told in the page's language,
within the screen and with the accessibility checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_a11y import violations
from tests.browser.test_browser_after_event import call
from tests.browser.test_browser_flow import create_event, join_by_form

SHOTS = Path("/tmp")
WAIT = 10_000
PHONE = {"viewport": {"width": 360, "height": 780}}
SPOKEN = {
    # lang: (dir, how long the code works, "I know them", the question, an answer, what came of it)
    "de": (
        "ltr",
        "Gilt einmal, bis",
        "Kenne ich",
        "Was ist aus dem Treffen mit Ben geworden?",
        "Ein Vorstellungsgespräch",
        "Was daraus wurde: Ein Vorstellungsgespräch",
    ),
    "ar": (
        "rtl",
        "صالح لمرة واحدة، حتى",
        "أعرف هذا الشخص",
        "ماذا نتج عن لقائك مع Ben؟",
        "مقابلة عمل",
        "النتيجة: مقابلة عمل",
    ),
}


def within_the_screen(page: Any, what: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{what} is {width} px wide at 360 px: something overflows"


def in_english(url: str) -> str:
    return url + ("&" if "?" in url else "?") + "lang=en"


@pytest.mark.parametrize("lang", sorted(SPOKEN))
def test_my_code_and_the_outcome_question_speak_the_pages_language(
    live_url: str, browser: Browser, no_js_errors: list[Watched], lang: str
) -> None:
    direction, works, known, question, answer, told = SPOKEN[lang]
    created = create_event(live_url)
    event, organizer = created["event"], created["organizer_token"]
    ben = Watched(browser.phone("Pixel 7", **PHONE).new_page())
    sam = Watched(browser.phone("Pixel 7", **PHONE).new_page())
    no_js_errors.extend([ben, sam])
    # They meet in English (the home's own words are not what this test is about) ...
    join_by_form(
        ben.page, in_english(event["join_url"]), "Ben Giver", "give", "hiring", "design", "b@x.org"
    )
    join_by_form(
        sam.page, in_english(event["join_url"]), "Sam Seeker", "seek", "design", "hiring", "s@x.org"
    )
    page = sam.page
    card = page.locator("#intros li.intro", has_text="Ben Giver")
    card.get_by_role("button", name="Accept").click()
    ben.page.locator("li.intro", has_text="Sam Seeker").get_by_role("button", name="Accept").click()
    card.get_by_role("button", name="We met").click()
    page.locator("#connections li.intro", has_text="Ben Giver").wait_for(timeout=WAIT)

    # ... then Sam's phone switches to the language.
    page.goto(page.url.split("?")[0] + f"?lang={lang}")
    page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
    html = page.locator("html")
    expect(html).to_have_attribute("lang", lang)
    expect(html).to_have_attribute("dir", direction)

    page.locator("#code-box summary").click()
    expiry = page.locator("#code-expiry")
    expect(expiry).to_contain_text(works, timeout=WAIT)
    assert "Works once" not in expiry.inner_text()
    page.locator("#people-box summary").click()
    person = page.locator("#people li", has_text="Ben Giver")
    expect(person.get_by_role("button", name=known)).to_be_visible(timeout=WAIT)
    within_the_screen(page, f"the home with my code open in {lang}")
    page.locator("#code-box").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"home2-code-{lang}.png"))
    assert violations(page) == [], f"my code and the people I know in {lang}"

    call(live_url, "PATCH", f"/api/v1/events/{event['code']}", organizer, {"status": "closed"})
    ben_card = page.locator("#connections li.intro", has_text="Ben Giver")
    expect(ben_card.get_by_text(question)).to_be_visible(timeout=WAIT)
    assert "What came of" not in ben_card.inner_text()
    ben_card.scroll_into_view_if_needed()
    within_the_screen(page, f"the outcome question in {lang}")
    page.screenshot(path=str(SHOTS / f"home2-outcome-{lang}.png"))
    assert violations(page) == [], f"the outcome question in {lang}"

    ben_card.get_by_role("button", name=answer, exact=True).click()
    expect(ben_card.locator(".outcome-told")).to_contain_text(told, timeout=WAIT)
    within_the_screen(page, f"the outcome told in {lang}")
    ben_card.screenshot(path=str(SHOTS / f"home2-outcome-told-{lang}.png"))
