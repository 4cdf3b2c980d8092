"""Every screen in every shipped language, in real Chromium: the phone's home with an
introduction card, the front page, the console, the projector screen and the poster. Each
has `lang`/`dir` right, passes axe-core's WCAG AA rules, fits its screen, and shows no
sentence left in English (the same screen is read in English first, and any sentence of
two words or more that comes back unchanged in another language is a word nobody
translated; people's names, the event's name and topics typed by people are theirs)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_a11y import violations
from tests.browser.test_browser_flow import create_event
from tests.browser.test_browser_home import api_join

SHOTS = Path("/tmp")
WAIT = 10_000
PHONE = {"width": 360, "height": 780}
LAPTOP = {"width": 1280, "height": 900}
LOCALES = {"en": "en-GB", "de": "de-DE", "fr": "fr-FR", "es": "es-ES", "ar": "ar-EG"}
DIRECTION = {"ar": "rtl"}
# What people typed: the same in every language (names, the event, spots, their topics).
THEIRS = ("Karrierenetzwerk Rhein-Main", "Grace Lead", "Sam Seeker", "Table 7")
TYPED_TOPICS = {"design", "hiring", "design,", "hiring,"}
# Sentences a language writes as English does.
SAME_IN = {"fr": {"Impact (CSV)"}}
A_CODE = re.compile(r"^[A-Z0-9]{3} [A-Z0-9]{3}$")  # a person's "My code"

VISIBLE_TEXTS = """() => {
  const seen = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const box = node.parentElement;
    if (!box || box.closest("script, style, [hidden], .languages")) continue;
    const style = getComputedStyle(box);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    if (text) seen.push(text);
  }
  for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], img[alt]")) {
    if (el.closest("[hidden]")) continue;
    for (const name of ["aria-label", "title", "placeholder", "alt"]) {
      const value = el.getAttribute(name);
      if (value) seen.push(value.replace(/\\s+/g, " ").trim());
    }
  }
  return seen;
}"""


def _sentences(texts: list[str]) -> set[str]:
    """Texts of two words or more, without what people typed."""
    found = set()
    for text in texts:
        for theirs in THEIRS:
            text = text.replace(theirs, "")
        words = [w for w in text.split() if any(c.isalpha() for c in w)]
        if A_CODE.match(text.strip()) or set(words) <= TYPED_TOPICS:
            continue
        if len(words) >= 2:
            found.add(text.strip())
    return found


def _check(page: Any, lang: str, where: str, width: int) -> None:
    html = page.locator("html")
    expect(html).to_have_attribute("lang", lang)
    expect(html).to_have_attribute("dir", DIRECTION.get(lang, "ltr"))
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{where} in {lang} is {scroll} px wide at {width} px"
    assert violations(page) == [], f"{where} in {lang}"
    page.screenshot(path=str(SHOTS / f"every-language-{where}-{lang}.png"), full_page=True)


def _screens(live_url: str, browser: Browser, lang: str, watched: list[Watched]) -> dict[str, set]:
    """Walk every screen in `lang` (checked as it goes); what each showed, as sentences."""
    created = create_event(
        live_url,
        name="Karrierenetzwerk Rhein-Main",
        meeting_spots=["Table 7"],
        topics=["hiring", "design"],
        language=lang,
    )
    event = created["event"]
    giver = {"name": "Grace Lead", "intent": "give", "offers": ["hiring"], "seeks": ["design"]}
    api_join(live_url, event["code"], **giver)
    shown: dict[str, set] = {}

    phone_context = browser.phone("Pixel 7", locale=LOCALES[lang], viewport=PHONE)
    seeker = {"name": "Sam Seeker", "intent": "seek", "offers": ["design"], "seeks": ["hiring"]}
    joined = phone_context.request.post(
        f"{live_url}/api/v1/events/{event['code']}/attendees", data=seeker
    )
    assert joined.ok, joined.text()
    phone = Watched(phone_context.new_page())
    watched.append(phone)
    page = phone.page
    page.goto(f"{live_url}/e/{event['code']}")
    page.locator("#conn[data-state=live]").wait_for(timeout=WAIT)
    page.locator("li.intro", has_text="Grace Lead").wait_for(timeout=WAIT)
    _check(page, lang, "home", PHONE["width"])
    shown["home"] = _sentences(page.evaluate(VISIBLE_TEXTS))

    page.goto(f"{live_url}/")
    _check(page, lang, "front", PHONE["width"])
    shown["front"] = _sentences(page.evaluate(VISIBLE_TEXTS))
    phone_context.close()

    laptop_context = browser.browser.new_context(viewport=LAPTOP, locale=LOCALES[lang])
    laptop = Watched(laptop_context.new_page())
    watched.append(laptop)
    page = laptop.page
    page.goto(created["console_url"])
    page.locator("#conn[data-state=live]").wait_for(timeout=WAIT)
    page.locator("#people tr", has_text="Sam Seeker").first.wait_for(timeout=WAIT)
    _check(page, lang, "console", LAPTOP["width"])
    shown["console"] = _sentences(page.evaluate(VISIBLE_TEXTS))

    for room_page in ("screen", "poster"):
        page.goto(f"{live_url}/console/{event['code']}/{room_page}")
        if room_page == "screen":
            page.locator("#conn[data-state=live]").wait_for(timeout=WAIT)
        _check(page, lang, room_page, LAPTOP["width"])
        shown[room_page] = _sentences(page.evaluate(VISIBLE_TEXTS))
    laptop_context.close()
    return shown


@pytest.mark.parametrize("lang", ["de", "fr", "es", "ar"])
def test_every_screen_speaks_the_language(
    live_url: str, browser: Browser, no_js_errors: list[Watched], lang: str
) -> None:
    english = _screens(live_url, browser, "en", no_js_errors)  # axe-checked in English too
    shown = _screens(live_url, browser, lang, no_js_errors)
    same = SAME_IN.get(lang, set())
    left = {where: sorted((shown[where] & english[where]) - same) for where in shown}
    assert all(not same for same in left.values()), f"still in English in {lang}: {left}"
