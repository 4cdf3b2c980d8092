"""Hostile text in real Chromium: whatever people type is shown as text, never run as markup.

Names, headlines, notes, tags, spots, event names and announcements come from anyone in
the room, so each one here carries HTML or script, and one evening is followed from the
front page to the contacts after closing: every page that shows them, and every live
push (an introduction, an announcement, an `event` change) that draws them while the
page is open.

The pages run with the Content-Security-Policy bypassed. The policy is the second wall
(no inline script would run even if markup slipped through); what is tested here is the
first: the templates escape and the scripts set text. With the policy on, a hole would
still build the injected elements (the checks look for those too), but no handler would
run, so `window.__xss` and the alerts would say nothing.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.browser.chromium import Browser, Watched
from tests.scale.workers import call

WAIT = 10_000
LAPTOP = {"width": 1440, "height": 900}

# Tags are case-folded by the server, so every payload is lower case to compare as typed.
IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=1</script>"
SVG = '"><svg onload=window.__xss=1>'
ALERT = "<img src=x onerror=alert(1)>"

EVENT_NAME = f'Night </title>{SCRIPT}"><svg onload=alert(1)>'
VENUE = f"{IMG} Hall & Co"
GIVES = IMG  # a topic the giver offers and the seeker seeks
SEEKS = SVG  # a topic the seeker offers and the giver seeks
SPOT = '"><b class=pwn>Table 7</b>'
RENAMED = f"Renamed {IMG}"
RENAMED_VENUE = '"><svg onload=alert(1)> Hall 2'
ANNOUNCEMENT = f"{SCRIPT} Pizza at {ALERT} the bar & more"

SAM = {  # joins through the real form
    "name": f"<b class=pwn>Sam</b> {IMG}",
    "headline": f"{SVG} Designer",
    "offers_note": f"</textarea><b class=pwn>note</b>{SCRIPT}",
    "seeks_note": ALERT,
    "profile_url": "https://sam.example.com/?q='><img/src/onerror=alert(1)>",  # no spaces: a URL
}
GIA = {  # joins through the API, in a phone of her own
    "name": f"<i class=pwn>Gia</i> {SCRIPT}",
    "intent": "give",
    "headline": f'{IMG} CTO at "Acme" & Co',
    "offers": [GIVES],
    "seeks": [SEEKS],
    "offers_note": SCRIPT,
    "seeks_note": IMG,
    "capacity": 1,
    "email": "gia@example.com",
    "profile_url": 'https://gia.example.com/"><svg/onload=alert(1)>',
    "share_contact": True,
}
WES = {  # joins through the API with a bearer token only; nobody offers what he seeks
    "name": f"<u class=pwn>Wes</u> {ALERT}",
    "intent": "seek",
    "headline": SVG,
    "offers": [],
    "seeks": ["<marquee class=pwn>cooking"],
}
JAVASCRIPT_URLS = [
    "javascript:window.__xss=1",
    "JavaScript:alert(1)",
    "  javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript://example.com/%0aalert(1)",
]

# Anything here was built from a payload: Mixer's own pages hold none of these.
INJECTED = """() => ({
  xss: typeof window.__xss,
  elements: [...document.querySelectorAll(
    'img[src="x"], svg, [onerror], [onload], .pwn, script:not([src]), marquee, iframe'
  )].map((e) => e.outerHTML.slice(0, 80)),
  links: [...document.querySelectorAll("a[href]")]
    .map((a) => a.href)
    .filter((href) => !/^(https?|mailto|tel):/i.test(href)),
})"""


class Guarded(Watched):
    """A watched page that also fails on any alert, confirm or prompt a payload opens."""

    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.dialogs: list[str] = []
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def clean(self, where: str) -> None:
        """No payload ran, opened a dialog, became an element or became a link."""
        found = self.page.evaluate(INJECTED)
        assert found == {"xss": "undefined", "elements": [], "links": []}, where
        assert self.dialogs == [], where

    def expect_form_refused(self) -> None:
        """A 422 form page is the expected answer to bad input, not a broken asset."""
        self.errors = [e for e in self.errors if not e.startswith("422 for")]


def guarded(browser: Browser, phone: bool = True) -> Guarded:
    options: dict[str, Any] = {"bypass_csp": True}
    if phone:
        return Guarded(browser.phone("Pixel 7", **options).new_page())
    return Guarded(browser.browser.new_context(viewport=LAPTOP, **options).new_page())


def shows(locator: Any, text: str) -> None:
    """The literal text, tags and all, is on screen (a parsed payload would lose its tags)."""
    expect(locator).to_be_visible(timeout=WAIT)
    expect(locator).to_contain_text(text, timeout=WAIT)


def create_by_form(laptop: Guarded, live_url: str) -> tuple[str, str]:
    """The front page's form, refused once (re-shown with what was typed), then accepted."""
    page = laptop.page
    page.goto(live_url)
    laptop.clean("front page")
    page.get_by_label("Event name").fill(EVENT_NAME)
    page.get_by_label("Venue").fill(VENUE)
    page.get_by_label("Suggested topics").fill(f"{GIVES}, {SEEKS}")
    page.get_by_label("Meeting spots").fill(SPOT)
    page.get_by_label("How many people can each leader meet at once?").fill("0")
    page.get_by_role("button", name="Create event").click()
    page.locator(".field.invalid").first.wait_for(timeout=WAIT)
    laptop.expect_form_refused()
    assert page.get_by_label("Event name").input_value() == EVENT_NAME
    assert page.get_by_label("Venue").input_value() == VENUE
    assert page.get_by_label("Meeting spots").input_value() == SPOT
    laptop.clean("front page, refused")

    page.get_by_label("How many people can each leader meet at once?").fill("3")
    page.get_by_role("button", name="Create event").click()
    shows(page.locator("h1"), f"{EVENT_NAME} is ready")
    assert page.title() == f"{EVENT_NAME} · created · Mixer"
    assert page.locator("img.qr").get_attribute("alt") == f"QR code to join {EVENT_NAME}"
    laptop.clean("created page")
    console_url = page.locator(".linkbox a").first.get_attribute("href")
    join_url = page.locator(".linkbox a").nth(1).get_attribute("href")
    assert console_url and join_url
    return parse_qs(urlsplit(console_url).query)["token"][0], join_url


def submit(page: Any) -> None:
    """Send the join form from the keyboard.

    The hostile event name is one long word that the join page's heading does not wrap,
    so the phone's layout is wider than its screen and the emulated tap on Join lands
    on the field above it; Enter on the focused button sends the form all the same.
    """
    page.get_by_role("button", name="Join").press("Enter")


def join_by_form(phone: Guarded, join_url: str) -> None:
    """The join page shows the event as text; a refused join re-shows every field intact."""
    page = phone.page
    page.goto(join_url)
    shows(page.locator("h1"), EVENT_NAME)
    shows(page.locator(".card > p.muted").first, VENUE)
    chips = page.locator("[data-chips=offers] button[data-topic]")
    assert chips.all_inner_texts() == [GIVES, SEEKS]
    assert [chips.nth(i).get_attribute("data-topic") for i in range(2)] == [GIVES, SEEKS]
    phone.clean("join page")

    page.get_by_label("Your name").fill(SAM["name"])
    page.get_by_label("Role and organisation").fill(SAM["headline"])
    page.get_by_label("I'm here to seek").check()
    page.get_by_label("What you can offer").fill(SEEKS)
    page.get_by_label("What you are looking for").fill(f"{GIVES} and a few words more")
    page.get_by_label("A note on what you offer").fill(SAM["offers_note"])
    page.get_by_label("A note on what you seek").fill(SAM["seeks_note"])
    page.get_by_label("Email").fill("sam@example.com")
    page.get_by_label("Profile link").fill(JAVASCRIPT_URLS[0])
    page.get_by_label("Share my contact with people I agree to meet").check()
    submit(page)
    page.locator("#e-profile_url").wait_for(timeout=WAIT)
    phone.expect_form_refused()
    shows(page.locator("#e-seeks"), '<img src=x onerror="')  # the message quotes the tag
    for label, value in [
        ("Your name", SAM["name"]),
        ("Role and organisation", SAM["headline"]),
        ("A note on what you offer", SAM["offers_note"]),
        ("A note on what you seek", SAM["seeks_note"]),
        ("Profile link", JAVASCRIPT_URLS[0]),
    ]:
        assert page.get_by_label(label).input_value() == value, label
    phone.clean("join form, refused")

    page.get_by_label("What you are looking for").fill(GIVES)
    page.get_by_label("Profile link").fill(SAM["profile_url"])
    submit(page)
    page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)


def card_of(phone: Guarded, first_name: str) -> Any:
    return phone.page.locator("#intros li.intro", has_text=first_name)


def check_card(card: Any, other: dict[str, Any], for_you: str, for_them: str) -> None:
    """Both sides' reasons, the opener and the homework, all as text."""
    shows(card.locator("h3"), other["name"])
    shows(card.locator("h3 + p.muted"), other["headline"])
    shows(card.locator("p.wifm").first, f"What's in it for you: {for_you}")
    shows(card.locator("p.wifm").nth(1), f"What's in it for them: {for_them}")
    first_name = other["name"].split()[0]
    shows(card.locator("p.opener"), f"Try: “Hi {first_name}! I'd love to hear how you think")
    shows(card.locator("p.opener"), for_you)
    card.locator("summary", has_text="Do your homework").click()
    homework = card.locator("details.homework")
    shows(homework, f"They offer: {for_you}")
    shows(homework, f"They seek: {for_them}")
    shows(homework.locator("li").first, for_you)


def test_hostile_text_is_shown_as_text_on_every_page_and_push(
    live_url: str, browser: Browser
) -> None:
    laptop = guarded(browser, phone=False)
    token, join_url = create_by_form(laptop, live_url)
    code = urlsplit(join_url).path.rsplit("/", 1)[1]
    api = f"{live_url}/api/v1/events/{code}"
    pages = [laptop]

    # The organizer's three views, all open for the rest of the evening.
    console = laptop
    console.page.get_by_role("link", name="Open the console").click()
    console.page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
    shows(console.page.locator("#event-name"), EVENT_NAME)
    shows(console.page.locator("#event-venue"), VENUE)
    assert console.page.get_by_label("Event name").input_value() == EVENT_NAME
    assert console.page.get_by_label("Meeting spots").input_value() == SPOT
    screen = Guarded(console.page.context.new_page())
    poster = Guarded(console.page.context.new_page())
    pages += [screen, poster]
    screen.page.goto(f"{live_url}/console/{code}/screen")
    screen.page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
    shows(screen.page.locator("#screen-name"), EVENT_NAME)
    shows(screen.page.locator("#screen-venue"), VENUE)
    poster.page.goto(f"{live_url}/console/{code}/poster")
    shows(poster.page.locator("h1"), EVENT_NAME)
    shows(poster.page.locator(".poster-venue"), VENUE)
    assert poster.page.title() == f"{EVENT_NAME} · Poster · Mixer"
    poster.clean("poster")

    # Sam joins by the form; Gia and Wes by the API. A javascript: link is refused.
    sam = guarded(browser)
    pages.append(sam)
    join_by_form(sam, join_url)
    shows(sam.page.locator("#me-name"), SAM["name"])
    shows(sam.page.locator(".me p.muted").first, f"{EVENT_NAME} · {VENUE}")
    assert sam.page.locator("#empty").is_visible()
    expect(sam.page.locator("#p-name")).to_have_value(SAM["name"])  # the profile form
    sam.clean("home, before any introduction")
    for url in JAVASCRIPT_URLS:
        status, body = call("POST", f"{api}/attendees", WES | {"profile_url": url})
        assert status == 422 and "profile_url" in body["error"]["fields"], url
    status, _ = call("POST", f"{api}/attendees", WES)
    assert status == 201
    gia = guarded(browser)
    pages.append(gia)
    joined = gia.page.context.request.post(f"{api}/attendees", data=GIA)
    assert joined.status == 201, joined.text()

    # The introduction is pushed to Sam's open page; Gia's page draws it on load.
    sam_card = card_of(sam, "Gia")
    check_card(sam_card, GIA, for_you=GIVES, for_them=SEEKS)
    sam.clean("home, introduction pushed")
    gia.page.goto(join_url)
    gia.page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
    gia_card = card_of(gia, "Sam")
    check_card(gia_card, SAM, for_you=SEEKS, for_them=GIVES)
    gia.clean("home, introduction drawn")

    # The console's people, seekers waiting and givers at capacity arrive by `stats` pushes.
    page = console.page
    expect(page.locator("#people tr")).to_have_count(3)  # the refused joins stored nobody
    for short, person in (("Sam", SAM), ("Gia", GIA), ("Wes", WES)):
        row = page.locator("#people tr", has_text=short)
        shows(row.locator("strong"), person["name"])
        shows(row.locator(".sub"), person["headline"])
    shows(page.locator("#waiting li").first, WES["name"])
    shows(page.locator("#full li").first, GIA["name"])
    wes = page.locator("#people tr", has_text="Wes")
    wes.locator("button.person-link").click()  # opening the person
    shows(page.locator("#person-title"), WES["name"])
    shows(page.locator("#person-body p").first, WES["headline"])
    page.locator("#person-close").click()
    wes.locator("button[data-id]").click()  # removing them asks first
    shows(page.locator("#remove-name"), WES["name"])
    page.get_by_role("button", name="Keep them").click()
    shows(screen.page.locator("#n-here"), "3")  # the screen has its numbers too
    console.clean("console, people and numbers")
    screen.clean("screen")

    # The people Sam may already know.
    sam.page.get_by_text("People I already know here").click()
    for short, person in (("Gia", GIA), ("Wes", WES)):
        item = sam.page.locator("#people li", has_text=short)
        shows(item.locator("strong"), person["name"])
        shows(item.locator(".muted"), f" · {person['headline']}")
    sam.clean("home, people list")

    # An announcement, sent from the console, pushed to both phones.
    page.get_by_label("Message to every phone").fill(ANNOUNCEMENT)
    page.get_by_role("button", name="Send to everyone").click()
    page.get_by_text("Sent to every phone at").wait_for(timeout=WAIT)
    for phone in (sam, gia):
        shows(phone.page.locator("#announcement-text"), ANNOUNCEMENT)
        phone.clean("home, announcement pushed")

    # Both accept: the waiting line names the other; contacts carry the hostile links.
    sam_card.get_by_role("button", name="Accept").click()
    shows(sam_card.locator("p.muted", has_text="Waiting for"), f"Waiting for {GIA['name']}…")
    shows(gia_card.locator("p.nudge"), f"{SAM['name']} accepted — your turn.")
    gia_card.get_by_role("button", name="Accept").click()
    for phone, card, other in ((sam, sam_card, GIA), (gia, gia_card, SAM)):
        shows(card.locator("p.spot"), f"Meet at: {SPOT}")
        link = card.locator(".contact a", has_text=other["profile_url"])
        shows(link, other["profile_url"])
        assert link.get_attribute("href") == other["profile_url"]
        phone.clean("home, contact shared")

    # An `event` change pushed to the open console and screen.
    status, _ = call("PATCH", api, {"name": RENAMED, "venue": RENAMED_VENUE}, token)
    assert status == 200
    for view, name_id, venue_id in (
        (console, "#event-name", "#event-venue"),
        (screen, "#screen-name", "#screen-venue"),
    ):
        shows(view.page.locator(name_id), RENAMED)
        shows(view.page.locator(venue_id), RENAMED_VENUE)
        assert RENAMED in view.page.title()
        view.clean(f"{view.page.url}, event renamed")
    expect(page.get_by_label("Event name")).to_have_value(RENAMED)

    # Closing (an `event` push) turns both introductions into connections with a first
    # message naming the other person and the renamed event.
    page.get_by_role("button", name="Close the event…").click()
    page.locator("#close-dialog").get_by_role("button", name="Close the event").click()
    for phone, other in ((sam, GIA), (gia, SAM)):
        connection = phone.page.locator("#connections li.intro")
        first_name = other["name"].split()[0]
        shows(connection.locator("blockquote"), f"Hi {first_name}, great to meet you at {RENAMED}!")
        shows(connection.locator("h3"), other["name"])
        phone.clean("home, after the event")
    shows(screen.page.locator("#screen-status"), "This event has ended")

    # Pages drawn by the server again, with the renamed event.
    sam.page.reload()
    sam.page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
    shows(sam.page.locator(".me p.muted").first, f"{RENAMED} · {RENAMED_VENUE}")
    shows(sam.page.locator("#connections li.intro h3"), GIA["name"])
    assert sam.page.title() == f"{RENAMED} · Mixer"
    sam.clean("home, reloaded after the event")
    page.reload()
    page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
    shows(page.locator("#event-name"), RENAMED)
    console.clean("console, reloaded")
    late = guarded(browser)
    pages.append(late)
    late.page.goto(join_url)
    shows(late.page.locator("main p").first, f"{RENAMED} has ended")
    late.clean("closed event, new phone")

    errors = [e for p in pages for e in p.errors]
    assert errors == [], errors


KIM = {
    "name": f"Kim <b class=pwn>O</b> {IMG}",
    "intent": "give",
    "offers": ["baking"],
    "seeks": ["gardening"],
}
ASKER = {"name": f"Sam {SVG}", "intent": "seek", "offers": ["design"], "seeks": ["hiring"]}
TARGET = {"name": f"Gia {SCRIPT}", "intent": "give", "offers": ["hiring"], "seeks": ["design"]}
ASK_NOTE = f"Please? {IMG}{SCRIPT}"
INTRO_NOTE = f'You two: {ALERT} "talk" & {SVG}'


def test_hostile_warm_notes_and_names_are_shown_as_text(live_url: str, browser: Browser) -> None:
    status, created = call("POST", f"{live_url}/api/v1/events", {"name": "Warm night"})
    assert status == 201
    join_url = created["event"]["join_url"]
    api = f"{live_url}/api/v1/events/{created['event']['code']}"
    phones = {}
    for key, person in (("kim", KIM), ("gia", TARGET), ("sam", ASKER)):
        phone = guarded(browser)
        joined = phone.page.context.request.post(f"{api}/attendees", data=person)
        assert joined.status == 201, joined.text()
        phone.page.goto(join_url)
        phone.page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
        phones[key] = (phone, joined.json()["attendee"]["id"])
    kim, sam, gia = phones["kim"][0], phones["sam"][0], phones["gia"][0]
    for other in ("sam", "gia"):
        marked = kim.page.request.post(
            f"{live_url}/api/v1/me/known?event={created['event']['code']}",
            data={"attendee_id": phones[other][1]},
        )
        assert marked.ok, marked.text()
    sam.page.reload()
    card = card_of(sam, "Gia")
    shows(card.locator(".warm-known"), f"You both know {KIM['name']}")
    card.get_by_role("button", name="Ask Kim to introduce you").click()
    card.get_by_label("A line for Kim (optional)").fill(ASK_NOTE)
    card.get_by_role("button", name="Send").click()
    shows(card.locator(".warm-state"), "Asked Kim")
    sam.clean("home, warm request sent")

    ask = kim.page.locator("#warm-asks li.warm-request")
    shows(ask.locator("h3"), f"{ASKER['name']} would like to meet {TARGET['name']} — through you")
    shows(ask.locator(".warm-note q"), ASK_NOTE)
    kim.clean("home, warm request asked of me")
    ask.get_by_role("button", name="Introduce", exact=True).click()
    ask.get_by_label("A line to Sam and Gia (optional)").fill(INTRO_NOTE)
    ask.get_by_role("button", name="Introduce them").click()
    shows(kim.page.locator("#warm-asks .warm-done"), "Introduced")
    kim.clean("home, introduced")
    for phone, other in ((sam, "Gia"), (gia, "Sam")):
        by = card_of(phone, other).locator(".warm-by")
        shows(by, f"Introduced by {KIM['name']}")
        shows(by.locator("blockquote"), INTRO_NOTE)
        phone.clean("home, introduced by a hostile name")
    errors = [e for p in (kim, sam, gia) for e in p.errors]
    assert errors == [], errors
