"""Warm introductions on three phones in real Chromium: Sam asks Kim, whom he and Gia both
know, to introduce them; Kim's phone shows the request live; Kim introduces (or says "Not
me"); the introduction arrives "Introduced by Kim" on both phones, live."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.browser.chromium import ARTIFACTS, Browser, Watched
from tests.browser.test_browser_a11y import violations
from tests.browser.test_browser_flow import create_event, join_by_form
from tests.browser.test_browser_home import api_join
from tests.scale.workers import call

WAIT = 10_000
SAM_LINE = "Gia's team is hiring designers — I'd love 5 minutes, if you think it fits!"
KIM_LINE = "Sam built our design system & Gia hires: you two should talk."


def phone(browser: Browser, device: str, watched: list[Watched]) -> Watched:
    page = Watched(browser.phone(device).new_page())
    watched.append(page)
    return page


def me_id(page: Any) -> int:
    return int(page.locator("#home").get_attribute("data-me"))


def know(page: Any, code: str, *ids: int) -> None:
    """Marks people as known from this phone, as its own "I know them" button does."""
    for attendee_id in ids:
        status = page.evaluate(
            """([code, id]) => fetch(`/api/v1/me/known?event=${code}`, {method: "POST",
                 headers: {"Content-Type": "application/json", Accept: "application/json"},
                 body: JSON.stringify({attendee_id: id})}).then((r) => r.status)""",
            [code, attendee_id],
        )
        assert status in (200, 201), status


def narrow(phone: Watched, part: Any, name: str) -> None:
    """At 360 px wide (the narrowest phones) nothing scrolls sideways; `part` is kept."""
    phone.page.set_viewport_size({"width": 360, "height": 740})
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 360
    part.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def join_kim(kim: Watched, event: dict[str, Any]) -> None:
    join_by_form(
        kim.page,
        event["join_url"],
        "Kim Okafor",
        "give",
        "sourdough baking",
        "gardening",
        "kim@example.com",
    )


def test_sam_asks_kim_who_introduces_him_to_gia_live(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    event, organizer = created["event"], created["organizer_token"]
    kim = phone(browser, "Pixel 7", no_js_errors)
    gia = phone(browser, "iPhone 13", no_js_errors)
    sam = phone(browser, "Pixel 7", no_js_errors)
    join_kim(kim, event)
    join_by_form(
        gia.page,
        event["join_url"],
        "Gia Lindqvist",
        "give",
        "hiring",
        "design systems",
        "gia@example.com",
    )
    join_by_form(
        sam.page,
        event["join_url"],
        "Sam Seeker",
        "seek",
        "design systems",
        "hiring",
        "sam@example.com",
    )
    know(kim.page, event["code"], me_id(gia.page), me_id(sam.page))
    sam.page.reload()
    sam.page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)

    # Sam's suggestion names Kim, whom both know, and offers to ask her.
    card = sam.page.locator("#intros li.intro", has_text="Gia Lindqvist")
    expect(card.locator(".warm-known")).to_have_text("You both know Kim Okafor", timeout=WAIT)
    sam.shot("warm-sam-card-both-know")
    card.get_by_role("button", name="Ask Kim to introduce you").click()
    card.get_by_label("A line for Kim (optional)").fill(SAM_LINE)
    expect(card.get_by_text(f"{len(SAM_LINE)}/200")).to_be_visible()
    narrow(sam, card, "warm-sam-ask-form-360")
    send = card.get_by_role("button", name="Send")
    send.dblclick()  # a double tap sends one request
    expect(card.locator(".warm-state")).to_have_text(
        "Asked Kim — we'll tell you when they answer", timeout=WAIT
    )
    card.screenshot(path=str(ARTIFACTS / "warm-sam-asked.png"))

    # Kim's phone shows the request without a reload: who, why both gain, Sam's line.
    ask = kim.page.locator("#warm-asks li.warm-request")
    expect(ask).to_have_count(1, timeout=WAIT)
    expect(ask.locator("h3")).to_have_text(
        "Sam Seeker would like to meet Gia Lindqvist — through you"
    )
    expect(ask).to_contain_text("For Sam: hiring")
    expect(ask).to_contain_text("For Gia: design systems")
    expect(ask.locator(".warm-note")).to_contain_text(SAM_LINE)
    kim.shot("warm-kim-request")
    assert violations(kim.page) == [], "home with a request asked of me"
    ask.get_by_role("button", name="Introduce", exact=True).click()
    ask.get_by_label("A line to Sam and Gia (optional)").fill(KIM_LINE)
    narrow(kim, ask, "warm-kim-introduce-form-360")
    ask.get_by_role("button", name="Introduce them").click()
    expect(kim.page.locator("#warm-asks .warm-done")).to_have_text(
        "Introduced — they'll both see it's from you.", timeout=WAIT
    )
    expect(kim.page.locator("#introduced-line")).to_contain_text("thank you", timeout=WAIT)

    # Both phones show the introduction as Kim's, with her line, live.
    for who, other in ((gia, "Sam Seeker"), (sam, "Gia Lindqvist")):
        mine = who.page.locator("#intros li.intro", has_text=other)
        expect(mine.locator(".warm-by")).to_contain_text("Introduced by Kim Okafor", timeout=WAIT)
        expect(mine.locator(".warm-by blockquote")).to_have_text(f"“{KIM_LINE}”")
        expect(mine.locator(".warm-known")).to_have_count(0)  # no asking again
    gia.shot("warm-gia-introduced-by-kim")
    assert violations(gia.page) == [], "home with an introduction made by Kim"

    # Both accept: the contact shows, and the card still says who introduced them.
    for who, other in ((sam, "Gia Lindqvist"), (gia, "Sam Seeker")):
        who.page.locator("#intros li.intro", has_text=other).get_by_role(
            "button", name="Accept"
        ).click()
    for who, other, email in ((sam, "Gia Lindqvist", "gia@"), (gia, "Sam Seeker", "sam@")):
        mine = who.page.locator("li.intro", has_text=other)
        expect(mine.locator(".contact")).to_contain_text(email, timeout=WAIT)
        expect(mine.locator(".warm-by")).to_contain_text("Introduced by Kim Okafor")
    sam.page.reload()
    expect(sam.page.locator("li.intro .warm-by")).to_contain_text("Introduced by Kim", timeout=WAIT)

    # After the event: the connection still says who introduced them; Kim is thanked.
    closed = call(
        "PATCH", f"{live_url}/api/v1/events/{event['code']}", {"status": "closed"}, organizer
    )
    assert closed[0] == 200, closed
    connection = sam.page.locator("#connections li.intro", has_text="Gia Lindqvist")
    expect(connection.locator(".warm-by")).to_contain_text("Introduced by Kim Okafor", timeout=WAIT)
    expect(connection.locator(".warm-by blockquote")).to_have_text(f"“{KIM_LINE}”")
    expect(kim.page.locator("#introduced-line")).to_have_text(
        "You introduced 2 people tonight — thank you", timeout=WAIT
    )
    expect(kim.page.locator("#warm-box")).to_be_hidden()


def full_giver(live_url: str, code: str, name: str, seeker: str) -> dict[str, Any]:
    """A giver whose one place `seeker` takes: no suggestion for anyone else, a path only."""
    giver = api_join(
        live_url, code, name=name, intent="give", headline="Head of Design, Acme",
        offers=["hiring"], seeks=["design systems"], capacity=1,
    )  # fmt: skip
    api_join(
        live_url, code, name=seeker, intent="seek", offers=["design systems"], seeks=["hiring"]
    )
    return giver


def test_paths_through_kim_her_not_me_and_an_introduction_waiting_for_a_place(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    event = create_event(live_url)["event"]
    code = event["code"]
    kim = phone(browser, "Pixel 7", no_js_errors)
    sam = phone(browser, "iPhone 13", no_js_errors)
    join_kim(kim, event)
    gia = full_giver(live_url, code, "Gia Lindqvist", "Dan Decoy")
    lee = full_giver(live_url, code, "Lee Ortiz", "Eve Decoy")
    join_by_form(
        sam.page,
        event["join_url"],
        "Sam Seeker",
        "seek",
        "design systems",
        "hiring",
        "s@example.com",
    )
    know(kim.page, code, gia["attendee"]["id"], lee["attendee"]["id"], me_id(sam.page))
    sam.page.reload()
    sam.page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)

    box = sam.page.locator("#warm-box")
    expect(box.locator("h2")).to_have_text("Through people you know", timeout=WAIT)
    expect(box.locator("li.warm-path")).to_have_count(2)
    path = box.locator("li.warm-path", has_text="Gia Lindqvist")
    expect(path).to_contain_text("Head of Design, Acme")
    expect(path).to_contain_text("For you: hiring")
    expect(path).to_contain_text("For them: design systems")
    expect(path.locator(".warm-known")).to_have_text("You both know Kim Okafor")
    sam.shot("warm-sam-through-people-you-know")
    assert violations(sam.page) == [], "home with paths through Kim"

    # Offline, a tap says so plainly and keeps the form; back online, it goes.
    path.get_by_role("button", name="Ask Kim", exact=True).click()
    sam.page.context.set_offline(True)
    path.get_by_role("button", name="Send").click()
    expect(path.locator(".error")).to_have_text(
        "You're offline — nothing was sent. Try again when you're back."
    )
    sam.page.context.set_offline(False)
    sam.page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
    path.get_by_role("button", name="Send").click()
    expect(path.locator(".warm-state")).to_have_text("Asked Kim", timeout=WAIT)
    other = box.locator("li.warm-path", has_text="Lee Ortiz")
    other.get_by_role("button", name="Ask Kim", exact=True).click()
    other.get_by_role("button", name="Send").click()
    expect(other.locator(".warm-state")).to_have_text("Asked Kim", timeout=WAIT)

    # Kim says "Not me" to one, and introduces the other.
    asks = kim.page.locator("#warm-asks li.warm-request")
    expect(asks).to_have_count(2, timeout=WAIT)
    ask = asks.filter(has_text="Gia Lindqvist")
    expect(ask.locator(".warm-note")).to_have_count(0)  # Sam wrote no line
    ask.get_by_role("button", name="Not me").click()
    expect(kim.page.locator("#warm-asks .warm-done")).to_have_text(
        "Done — Sam will read “not this time”.", timeout=WAIT
    )
    expect(asks).to_have_count(1)
    expect(kim.page.locator("#introduced-line")).to_be_hidden()
    asks.get_by_role("button", name="Introduce", exact=True).click()
    asks.get_by_role("button", name="Introduce them").click()
    expect(asks).to_have_count(0, timeout=WAIT)

    # Sam reads "Not this time", never "declined", and Kim is not asked again; Lee's
    # introduction waits for a free place on her side.
    expect(path.locator(".warm-state")).to_have_text("Not this time", timeout=WAIT)
    expect(box).not_to_contain_text("declined")
    expect(path.get_by_role("button", name="Ask Kim", exact=True)).to_have_count(0)
    expect(other.locator(".warm-state")).to_have_text(
        "Kim introduced you — it will appear as soon as you both have a free place", timeout=WAIT
    )
    narrow(sam, box, "warm-sam-not-this-time-360")
    expect(kim.page.locator("#warm-asks-box")).to_be_hidden(timeout=WAIT)

    # Lee's place frees (she passes on the one she has): Kim's introduction arrives, live.
    status, mine = call("GET", f"{live_url}/api/v1/me", token=lee["token"])
    assert status == 200, mine
    (taken,) = mine["introductions"]  # her one place
    status, _ = call(
        "POST", f"{live_url}/api/v1/introductions/{taken['id']}/decline", token=lee["token"]
    )
    assert status == 200
    card = sam.page.locator("#intros li.intro", has_text="Lee Ortiz")
    expect(card.locator(".warm-by")).to_have_text("Introduced by Kim Okafor", timeout=WAIT)
    expect(other).to_have_count(0)
