"""A whole evening on the phone without a rough edge, in real Chromium.

Answers tapped offline wait on the phone and go when it is back; the home reloads offline
with the last cards; follow-ups come after "we met"; a decline closes with a word; the
iPhone's Home Screen hint never covers the form or the first card.
"""

from __future__ import annotations

from typing import Any

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_flow import create_event, join_by_form
from tests.browser.test_browser_pwa import CONTROLLED, PAGE_KEPT, WORKER_READY, join_event

RAW_ERRORS = ("Failed to fetch", "NetworkError", "Load failed", "TypeError")
PENDING = "You're offline — we'll send this when you're back."


def no_raw_errors(phone: Watched) -> None:
    text = phone.page.locator("body").inner_text()
    assert not [raw for raw in RAW_ERRORS if raw in text], text


def two_phones(live_url: str, browser: Browser, **device: Any) -> tuple[Watched, Watched]:
    """A giver and a seeker who were just introduced, each on a Pixel 7."""
    event = create_event(live_url)["event"]
    giver = Watched(browser.phone("Pixel 7", **device).new_page())
    seeker = Watched(browser.phone("Pixel 7", **device).new_page())
    join_by_form(
        giver.page, event["join_url"], "Grace Lead", "give", "hiring", "design", "g@example.com"
    )
    join_by_form(
        seeker.page, event["join_url"], "Sam Seeker", "seek", "design", "hiring", "s@example.com"
    )
    giver.page.locator("#intros li.intro", has_text="Sam Seeker").wait_for(timeout=10_000)
    seeker.page.locator("#intros li.intro", has_text="Grace Lead").wait_for(timeout=10_000)
    return giver, seeker


def wait_until_kept(page: Any) -> None:
    """The service worker holds this home, so a reload offline finds it."""
    page.wait_for_function(WORKER_READY, timeout=10_000)
    page.wait_for_function(PAGE_KEPT, arg=page.url, timeout=10_000)


def test_accept_offline_waits_on_the_phone_and_goes_when_back(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    giver, seeker = two_phones(live_url, browser)
    no_js_errors.extend([giver, seeker])
    giver.page.locator("#intros li.intro", has_text="Sam Seeker").get_by_role(
        "button", name="Accept"
    ).click()
    card = seeker.page.locator("#intros li.intro", has_text="Grace Lead")
    card.get_by_text("Grace Lead accepted — your turn.").wait_for(timeout=10_000)
    wait_until_kept(seeker.page)

    seeker.page.context.set_offline(True)
    card.get_by_role("button", name="Accept").click()
    card.get_by_text(PENDING).wait_for(timeout=10_000)
    assert card.get_by_role("button", name="Accept · waiting to send").is_disabled()
    no_raw_errors(seeker)
    seeker.shot("evening-offline-answer-pending")

    # The queue outlives a reload: the page comes from the worker, the answer from storage.
    seeker.page.reload()
    card.get_by_text(PENDING).wait_for(timeout=10_000)
    assert seeker.page.locator("#offline").is_visible()
    no_raw_errors(seeker)

    seeker.page.context.set_offline(False)
    card.get_by_text("You both accepted — go and meet").wait_for(timeout=15_000)
    assert card.get_by_text(PENDING).count() == 0
    giver.page.locator("#intros li.intro", has_text="Sam Seeker").get_by_text(
        "You both accepted — go and meet"
    ).wait_for(timeout=10_000)
    seeker.page.wait_for_function(
        "Object.keys(localStorage).every((k) => !k.startsWith('mixer:outbox:'))", timeout=10_000
    )
    for phone in (giver, seeker):
        no_raw_errors(phone)


def test_an_answer_refused_after_reconnecting_says_why_in_plain_words(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    giver, seeker = two_phones(live_url, browser)
    no_js_errors.extend([giver, seeker])
    card = seeker.page.locator("li.intro", has_text="Grace Lead")
    seeker.page.context.set_offline(True)
    card.get_by_role("button", name="Accept").click()
    card.get_by_text(PENDING).wait_for(timeout=10_000)
    # Meanwhile the other side says no: the queued accept can no longer apply.
    giver.page.locator("#intros li.intro", has_text="Sam Seeker").get_by_role(
        "button", name="Not now"
    ).click()
    giver.page.locator("li.intro", has_text="Sam Seeker").get_by_text(
        "Not this time"
    ).first.wait_for(timeout=10_000)

    seeker.page.context.set_offline(False)
    card.get_by_text("Your “Accept” could not be sent").wait_for(timeout=15_000)
    assert "declined" not in card.inner_text().lower()  # a graceful no, even here
    card.get_by_text("Not this time").wait_for(timeout=10_000)  # the resync that follows
    seeker.shot("evening-offline-answer-refused")
    # Refused answers leave the phone's queue: nothing is sent again on the next reconnect.
    assert seeker.page.evaluate(
        "Object.keys(localStorage).every((k) => !k.startsWith('mixer:outbox:'))"
    )
    no_raw_errors(seeker)


def test_a_failed_request_never_shows_the_browsers_words(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    """The network drops without the phone knowing it is offline (navigator.onLine true)."""
    _, seeker = two_phones(live_url, browser)
    no_js_errors.append(seeker)
    page = seeker.page
    page.route("**/api/v1/introductions/**", lambda route: route.abort("connectionreset"))
    card = page.locator("#intros li.intro", has_text="Grace Lead")
    card.get_by_role("button", name="Accept").click()
    card.get_by_text(PENDING).wait_for(timeout=10_000)
    no_raw_errors(seeker)
    page.unroute("**/api/v1/introductions/**")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    card.get_by_text("You accepted. Waiting for Grace Lead…").wait_for(timeout=10_000)
    no_raw_errors(seeker)


def test_forget_me_leaves_no_unsent_answer_on_the_phone(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    _, seeker = two_phones(live_url, browser)
    no_js_errors.append(seeker)
    page = seeker.page
    page.route("**/api/v1/introductions/**", lambda route: route.abort("internetdisconnected"))
    card = page.locator("#intros li.intro", has_text="Grace Lead")
    card.get_by_role("button", name="Accept").click()
    card.get_by_text(PENDING).wait_for(timeout=10_000)
    page.get_by_role("button", name="Forget me…").click()
    page.get_by_role("button", name="Yes, forget me").click()
    page.wait_for_selector("#join-form", timeout=10_000)
    assert page.evaluate("Object.keys(localStorage).every((k) => !k.startsWith('mixer:outbox:'))")


def test_the_home_reloads_offline_with_the_last_cards_after_a_first_visit(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    context = browser.phone("Pixel 7")
    event = join_event(context, live_url)
    other = browser.phone("Pixel 7")
    giver = {"name": "Grace Lead", "intent": "give", "offers": ["hiring"], "seeks": []}
    joined = other.request.post(
        f"{live_url}/api/v1/events/{event['code']}/attendees", data=giver | {"mentor": True}
    )
    assert joined.ok
    other.close()
    phone = Watched(context.new_page())
    no_js_errors.append(phone)
    page = phone.page

    page.goto(f"{live_url}/e/{event['code']}")  # the first visit: no worker controls it yet
    page.locator("#intros li.intro", has_text="Grace Lead").wait_for(timeout=10_000)
    wait_until_kept(page)
    context.set_offline(True)
    page.reload()
    page.get_by_role("heading", name="Hi Ana Seeker").wait_for(timeout=10_000)
    banner = page.locator("#offline")
    banner.wait_for(state="visible", timeout=10_000)
    assert banner.inner_text().startswith("Offline — showing what you had at ")
    assert page.locator("#intros li.intro", has_text="Grace Lead").is_visible()
    assert page.get_by_text("was not opened here before").count() == 0
    assert page.evaluate(CONTROLLED)
    phone.shot("evening-offline-home")
    context.close()


def test_follow_up_waits_for_we_met_and_the_empty_list_never_says_none_yet(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    giver, seeker = two_phones(live_url, browser)
    no_js_errors.extend([giver, seeker])
    for phone, other in ((giver, "Sam Seeker"), (seeker, "Grace Lead")):
        phone.page.locator("#intros li.intro", has_text=other).get_by_role(
            "button", name="Accept"
        ).click()
    for phone, other in ((giver, "Sam Seeker"), (seeker, "Grace Lead")):
        card = phone.page.locator("#intros li.intro", has_text=other)
        card.get_by_text("You both accepted — go and meet").wait_for(timeout=10_000)
        card.get_by_role("button", name="We met").wait_for()
        assert card.get_by_role("button", name="I followed up").count() == 0
        assert card.get_by_text("A first message").count() == 0

    seeker.page.locator("#intros li.intro", has_text="Grace Lead").get_by_role(
        "button", name="We met"
    ).click()
    for phone, other in ((giver, "Sam Seeker"), (seeker, "Grace Lead")):
        page = phone.page
        connection = page.locator("#connections li.intro", has_text=other)
        connection.get_by_role("button", name="I followed up").wait_for(timeout=10_000)
        page.locator("#empty").wait_for(state="visible", timeout=10_000)
        assert page.get_by_text("No introductions yet").count() == 0
    seeker.shot("evening-after-we-met")


def test_a_decline_closes_with_not_this_time_on_both_phones(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    giver, seeker = two_phones(live_url, browser)
    no_js_errors.extend([giver, seeker])
    mine = seeker.page.locator("#intros li.intro", has_text="Grace Lead")
    mine.get_by_role("button", name="Not now").click()
    mine.get_by_text("Not this time").wait_for(timeout=10_000)
    assert mine.get_by_text("You passed. Mixer won't suggest Grace Lead again.").is_visible()
    seeker.shot("evening-declined-card")

    theirs = giver.page.locator("li.intro", has_text="Sam Seeker")
    theirs.get_by_text("Not this time").wait_for(timeout=10_000)
    assert "declin" not in theirs.inner_text().lower()
    assert "passed" not in theirs.inner_text().lower()
    giver.shot("evening-declined-other-side")

    # After its moment, the card leaves the open list; nobody reads "No introductions yet".
    mine.wait_for(state="detached", timeout=15_000)
    giver.page.locator("#past li.intro", has_text="Sam Seeker").wait_for(
        state="attached", timeout=15_000
    )
    for phone in (giver, seeker):
        phone.page.locator("#empty").wait_for(state="visible", timeout=10_000)
        assert phone.page.get_by_text("No introductions yet").count() == 0


def boxes_overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


UNCOVERED = """(el) => {
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
  return hit !== null && (hit === el || el.contains(hit));
}"""


def assert_hint_clear_of(page: Any, target: Any) -> None:
    hint = page.locator("#pwa-hint")
    target.scroll_into_view_if_needed()
    assert not boxes_overlap(hint.bounding_box(), target.bounding_box())
    assert target.evaluate(UNCOVERED)
    hint.scroll_into_view_if_needed()
    assert not boxes_overlap(hint.bounding_box(), target.bounding_box())


def test_the_iphone_hint_never_covers_the_form_or_the_first_card(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    event = create_event(live_url)["event"]
    code = event["code"]
    giver = {"name": "Grace Lead", "intent": "give", "offers": ["hiring"], "seeks": ["design"]}
    other = browser.phone("Pixel 7")
    assert other.request.post(f"{live_url}/api/v1/events/{code}/attendees", data=giver).ok
    other.close()
    for device, name in (("iPhone 13", "portrait"), ("iPhone 13 landscape", "landscape")):
        phone = Watched(browser.phone(device).new_page())
        no_js_errors.append(phone)
        page = phone.page
        height = page.viewport_size["height"]
        page.goto(event["join_url"])
        page.get_by_text("Add Mixer to your Home Screen").wait_for(timeout=10_000)
        assert_hint_clear_of(page, page.get_by_role("button", name="Join"))
        assert page.locator("#pwa-hint").bounding_box()["height"] < height / 3
        page.evaluate("window.scrollTo(0, 0)")
        phone.shot(f"evening-ios-hint-join-{name}")

        seeker = {"name": "Sam Seeker", "intent": "seek", "offers": ["design"], "seeks": ["hiring"]}
        joined = page.context.request.post(
            f"{live_url}/api/v1/events/{code}/attendees", data=seeker
        )
        assert joined.ok  # this phone's cookie now signs it in
        page.goto(event["join_url"])
        first = page.locator("#intros li.intro").first
        first.wait_for(timeout=10_000)
        page.get_by_text("Add Mixer to your Home Screen").wait_for(timeout=10_000)
        assert_hint_clear_of(page, first)
        assert page.locator("#pwa-hint").bounding_box()["height"] < height / 3
        page.evaluate("window.scrollTo(0, 0)")
        phone.shot(f"evening-ios-hint-home-{name}")

    # "Got it" is remembered on this phone.
    page.get_by_role("button", name="Got it").click()
    assert page.locator("#pwa-hint").is_hidden()
    page.reload()
    first.wait_for(timeout=10_000)
    page.wait_for_selector("#conn[data-state=live]", timeout=10_000)
    assert page.locator("#pwa-hint").is_hidden()
