"""Rounds in real Chromium: the partner card on the phones, the organizer's round controls."""

from __future__ import annotations

import json
import re
import urllib.request
from typing import Any

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_flow import create_event, join_by_form
from tests.browser.test_browser_home import api_join

WAIT = 10_000
CONSOLE = {"width": 1280, "height": 800}


def organizer_post(live_url: str, created: dict[str, Any], path: str, body: object) -> Any:
    """The organizer's API, with the token the event was created with."""
    code = created["event"]["code"]
    request = urllib.request.Request(
        f"{live_url}/api/v1/events/{code}/rounds{path}",
        data=json.dumps(body).encode(),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {created['organizer_token']}",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def phone(browser: Browser, no_js_errors: list[Watched], created: dict[str, Any], *who: str) -> Any:
    """A Pixel 7 that joined by the form as (name, intent, offers, seeks)."""
    watched = Watched(browser.phone("Pixel 7").new_page())
    no_js_errors.append(watched)
    name, intent, offers, seeks = who
    email = f"{name.split()[0].lower()}@example.com"
    join_by_form(watched.page, created["event"]["join_url"], name, intent, offers, seeks, email)
    return watched


def test_the_round_partner_is_a_card_on_top_of_both_phones(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url, mode="rounds", meeting_spots=["Table 4"])
    ana = phone(browser, no_js_errors, created, "Ana Lopez", "seek", "sql", "design")
    ben = phone(browser, no_js_errors, created, "Ben Okafor", "give", "design", "sql")
    organizer_post(live_url, created, "", {"minutes": 5})

    for me, other in ((ana, "Ben"), (ben, "Ana")):
        page = me.page
        card = page.locator("#round-card")
        card.get_by_role("heading", name=re.compile(other)).wait_for(timeout=WAIT)
        assert card.get_by_text("Meet at Table 4").is_visible()
        assert card.get_by_text("Try: “Hi").is_visible()
        card.locator("#round-clock", has_text=re.compile(r"0[45]:\d\d left")).wait_for(timeout=WAIT)
        banner = page.locator("#round")
        banner.get_by_text(re.compile(rf"Round 1 · meet {other} at Table 4 · 0[45]:\d\d left"))
        assert page.locator("#intros li").count() == 0  # not an ordinary suggestion
        assert card.get_by_role("button", name="Accept").count() == 0  # no accept to meet
    assert ana.page.locator("#round-card").get_by_text("For you: design").is_visible()
    assert ana.page.locator("#round-card").get_by_text("For them: sql").is_visible()
    ana.shot("round-card-pixel7")

    ana.page.locator("#round-card").get_by_role("button", name="We met").click()
    ana.page.locator("#round-card").get_by_text("✓ You met").wait_for(timeout=WAIT)
    ben.page.locator("#round-card").get_by_role("button", name="Keep in touch").click()
    ben.page.locator("#round-card").get_by_text("You'd like to keep in touch").wait_for(
        timeout=WAIT
    )

    organizer_post(live_url, created, "/current/end", {})
    for me in (ana, ben):
        me.page.locator("#round-card", has_text="This round is over").wait_for(timeout=WAIT)
        me.page.locator("#round").get_by_text("Round 1 has ended").wait_for(timeout=WAIT)
    # ... and then the card moves away; the introduction lives on in the ordinary lists.
    ben.page.locator("#round-card").wait_for(state="hidden", timeout=20_000)
    assert ben.page.locator("#past li", has_text="Ana Lopez").count() == 1  # met: earlier


def test_a_trio_shows_both_partners_and_a_wildcard_says_so(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url, mode="rounds", meeting_spots=["Table 2"])
    code = created["event"]["code"]
    ana = phone(browser, no_js_errors, created, "Ana Lopez", "seek", "sql", "design")
    api_join(live_url, code, name="Ben Okafor", intent="give", offers=["design"], seeks=["sql"])
    api_join(live_url, code, name="Cleo Park", intent="give", offers=["design"], seeks=["sql"])
    organizer_post(live_url, created, "", {"minutes": 5})
    card = ana.page.locator("#round-card")
    card.get_by_text("Round 1 · your partners").wait_for(timeout=WAIT)
    for name in ("Ben Okafor", "Cleo Park"):
        assert card.get_by_role("heading", name=name).is_visible()
    ana.page.locator("#round").get_by_text(re.compile(r"meet (Ben and Cleo|Cleo and Ben) at"))
    ana.shot("round-card-trio-pixel7")

    other = create_event(live_url, mode="rounds", meeting_spots=["Table 9"])
    dan = phone(browser, no_js_errors, other, "Dan Weber", "seek", "cooking", "chess")
    api_join(
        live_url, other["event"]["code"], name="Eve", intent="seek", offers=["golf"], seeks=["art"]
    )
    organizer_post(live_url, other, "", {"minutes": 5})
    card = dan.page.locator("#round-card")
    card.get_by_text("A wildcard round: no shared topics this time — say hello anyway.").wait_for(
        timeout=WAIT
    )
    assert "pay it forward" not in card.inner_text()
    dan.shot("round-card-wildcard-pixel7")


def test_console_undo_swap_pause_and_extend_reach_the_phones(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url, mode="rounds", meeting_spots=["Table 1", "Table 2"])
    code = created["event"]["code"]
    ana = phone(browser, no_js_errors, created, "Ana Lopez", "seek", "sql", "design")
    api_join(live_url, code, name="Ben Okafor", intent="give", offers=["design"], seeks=["sql"])
    api_join(live_url, code, name="Cleo Park", intent="seek", offers=["ml"], seeks=["python"])
    api_join(live_url, code, name="Dev Rao", intent="give", offers=["python"], seeks=["ml"])
    console = Watched(browser.browser.new_context(viewport=CONSOLE).new_page())
    console.page.goto(created["console_url"])
    console.page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
    no_js_errors.append(console)
    page = console.page
    page.locator("#people tr", has_text="Dev Rao").wait_for(timeout=WAIT)
    projector = Watched(console.page.context.new_page())  # same browser: signed in
    no_js_errors.append(projector)
    projector.page.goto(f"{live_url}/console/{code}/screen")
    projector.page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)

    page.get_by_label("Minutes per round").fill("5")
    page.get_by_role("button", name="Start a round").click()
    now = page.locator("#round-now")
    now.get_by_text(re.compile(r"Round 1 · 0[45]:\d\d left · 2 groups")).wait_for(timeout=WAIT)
    assert page.get_by_role("button", name="Start a round").is_hidden()  # no second start
    card = ana.page.locator("#round-card")
    card.get_by_role("heading", name="Ben Okafor").wait_for(timeout=WAIT)

    page.get_by_role("button", name="Pause timer").click()
    now.get_by_text(re.compile(r"Round 1 · paused at 0[45]:\d\d")).wait_for(timeout=WAIT)
    ana.page.locator("#round", has_text="paused at").wait_for(timeout=WAIT)
    card.locator("#round-clock", has_text="Paused").wait_for(timeout=WAIT)
    ana.shot("round-card-paused-pixel7")
    projector.page.locator("#round-label", has_text="Round 1 · paused").wait_for(timeout=WAIT)
    frozen = projector.page.locator("#round-clock").inner_text()
    assert re.fullmatch(r"0[45]:\d\d", frozen)
    page.get_by_role("button", name="+2 min").click()
    now.get_by_text(re.compile(r"Round 1 · paused at 0[67]:\d\d")).wait_for(timeout=WAIT)
    page.get_by_role("button", name="Resume timer").click()
    now.get_by_text(re.compile(r"Round 1 · 0[67]:\d\d left")).wait_for(timeout=WAIT)
    projector.page.locator("#round-label", has_text=re.compile(r"^Round 1$")).wait_for(timeout=WAIT)
    projector.page.locator("#round-clock", has_text=re.compile(r"0[67]:\d\d")).wait_for(
        timeout=WAIT
    )
    ana.page.locator("#round", has_text=re.compile(r"0[67]:\d\d left")).wait_for(timeout=WAIT)

    page.locator("#round-swap-box summary").click()
    page.get_by_label("First person").select_option(label="Ana Lopez")
    page.get_by_label("Second person").select_option(label="Cleo Park")
    page.get_by_role("button", name="Swap partners").click()
    page.get_by_text("Ana Lopez and Cleo Park swapped partners.").wait_for(timeout=WAIT)
    card.get_by_role("heading", name="Dev Rao").wait_for(timeout=WAIT)  # live, no reload
    card.get_by_role("heading", name="Ben Okafor").wait_for(state="detached", timeout=WAIT)
    assert card.get_by_text("Round 1 · your partner").is_visible()
    console.shot("console-round-controls-1280")

    page.get_by_label("Second person").select_option(label="Dev Rao")
    page.get_by_role("button", name="Swap partners").click()
    page.locator("#round-error", has_text="already together").wait_for(timeout=WAIT)

    ana.page.reload()  # the round survives a reload
    card.get_by_role("heading", name="Dev Rao").wait_for(timeout=WAIT)
    ana.page.locator("#round", has_text="meet Dev at Table").wait_for(timeout=WAIT)

    page.get_by_role("button", name="Undo this round").click()
    now.get_by_text("Round 1 was undone: nobody was introduced.").wait_for(timeout=WAIT)
    card.wait_for(state="hidden", timeout=WAIT)
    ana.page.locator("#round", has_text="Round 1 was called off by the organizer").wait_for(
        timeout=WAIT
    )
    assert ana.page.locator("#intros li").count() == 0
    page.get_by_role("button", name="Start a round").click()
    now.get_by_text(re.compile(r"Round 1 · 0[45]:\d\d left")).wait_for(timeout=WAIT)


def test_a_double_click_on_start_round_sends_one_request_and_starts_one_round(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url, mode="rounds")
    code = created["event"]["code"]
    for name, offers, seeks in (("Ana", "sql", "design"), ("Ben", "design", "sql")):
        api_join(live_url, code, name=name, intent="both", offers=[offers], seeks=[seeks])
    console = Watched(browser.browser.new_context(viewport=CONSOLE).new_page())
    no_js_errors.append(console)
    page = console.page
    starts: list[str] = []
    page.on(
        "request",
        lambda r: r.method == "POST" and r.url.endswith("/rounds") and starts.append(r.url),
    )
    page.goto(created["console_url"])
    page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)

    page.locator("#round-start").dblclick()
    page.locator("#round-now", has_text=re.compile(r"Round 1 · ")).wait_for(timeout=WAIT)
    page.locator("#round-start").wait_for(state="hidden", timeout=WAIT)
    assert len(starts) == 1  # the second click met a disabled button
    assert page.locator("#round-error").is_hidden()  # no "still running" for the organizer
    stats = urllib.request.Request(
        f"{live_url}/api/v1/events/{code}/stats",
        headers={"Authorization": f"Bearer {created['organizer_token']}"},
    )
    with urllib.request.urlopen(stats, timeout=10) as response:
        assert json.loads(response.read())["round"]["number"] == 1
