"""The organizer's console, projector screen and poster in real Chromium, updating live."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

import pytest

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_a11y import violations
from tests.browser.test_browser_console_topics import open_console as laptop_console
from tests.browser.test_browser_flow import create_event, join_by_form
from tests.browser.test_browser_home import api_join
from tests.scale.workers import call

LAPTOP = {"width": 1440, "height": 900}
PROJECTOR = {"width": 1920, "height": 1080}
WAIT = 10_000


# A laptop that follows the organizer link (the token becomes a cookie), at this size.
open_console = partial(laptop_console, viewport=LAPTOP)


def second_tab(first: Watched) -> Watched:
    """Another console in the same browser: same cookie, its own live connection."""
    page = first.page.context.new_page()
    watched = Watched(page)
    page.goto(first.page.url)
    page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
    return watched


def wait_count(page: Any, label: str, value: int) -> None:
    page.locator("#counts li", has_text=label).locator(
        ".num", has_text=re.compile(rf"^{value}$")
    ).wait_for(timeout=WAIT)


def test_console_follows_the_room_live(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    code = created["event"]["code"]
    console = open_console(browser, created["console_url"])
    no_js_errors.append(console)
    page = console.page
    assert page.url.endswith(f"/console/{code}")  # the token left the address bar
    page.locator("#room-empty").wait_for(timeout=WAIT)  # drawn once the first numbers arrive
    assert page.get_by_text("Nobody has joined yet — put the QR on the screen").first.is_visible()

    api_join(live_url, code, name="Sam Seeker", intent="seek", offers=["hiring"], seeks=["design"])
    page.locator("#waiting li", has_text="Sam Seeker").wait_for(timeout=WAIT)
    wait_count(page, "Seekers", 1)
    assert "1 seeker waiting" in page.locator("#balance").inner_text()
    page.locator("#people tr", has_text="Sam Seeker").wait_for(timeout=WAIT)
    assert page.locator("#room-empty").is_hidden()

    api_join(
        live_url,
        code,
        name="Grace Lead",
        intent="give",
        offers=["design"],
        seeks=["hiring"],
        headline="VP Design at Ruby Labs",
        capacity=1,
    )
    page.locator("#waiting li", has_text="Nobody waiting.").wait_for(timeout=WAIT)
    page.locator("#full li", has_text="Grace Lead").wait_for(timeout=WAIT)
    wait_count(page, "Givers", 1)
    page.locator("#intro-counts li", has_text="Suggested").locator(".num", has_text="1").wait_for(
        timeout=WAIT
    )
    page.locator("#people tr", has_text="Grace Lead").wait_for(timeout=WAIT)
    assert "1 of 1" in page.locator("#people tr", has_text="Grace Lead").inner_text()

    page.get_by_label("Search by name, role or topic").fill("ruby")
    assert page.locator("#people tr").count() == 1
    page.get_by_label("Search by name, role or topic").fill("nobody like this")
    assert page.locator("#people-none").is_visible()
    page.get_by_label("Search by name, role or topic").fill("")
    assert page.locator("#people tr").count() == 2
    console.shot("console")

    page.get_by_role("button", name="Remove Sam Seeker").click()
    dialog = page.locator("#remove-dialog")
    assert dialog.is_visible() and "Sam Seeker" in dialog.inner_text()
    dialog.get_by_role("button", name="Keep them").click()
    assert dialog.is_hidden() and page.locator("#people tr", has_text="Sam Seeker").count() == 1
    page.get_by_role("button", name="Remove Sam Seeker").click()
    dialog.get_by_role("button", name="Remove").click()
    page.locator("#people tr", has_text="Sam Seeker").wait_for(state="detached", timeout=WAIT)
    wait_count(page, "Seekers", 0)
    page.locator("#full li", has_text="Nobody is at capacity.").wait_for(timeout=WAIT)


def test_status_changes_show_on_every_open_console(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    first = open_console(browser, created["console_url"])
    second = second_tab(first)
    no_js_errors.extend([first, second])
    status = second.page.locator("#status")
    assert status.inner_text() == "Open"

    first.page.get_by_role("button", name="Pause matching").click()
    second.page.locator("#status[data-status=paused]").wait_for(timeout=WAIT)
    assert second.page.get_by_role("button", name="Resume matching").is_visible()
    assert second.page.get_by_role("button", name="Pause matching").is_hidden()

    first.page.get_by_role("button", name="Resume matching").click()
    second.page.locator("#status[data-status=open]").wait_for(timeout=WAIT)

    first.page.get_by_role("button", name="Close the event…").click()
    first.page.get_by_role("button", name="Keep it open").click()
    assert first.page.locator("#status").inner_text() == "Open"
    first.page.get_by_role("button", name="Close the event…").click()
    first.page.locator("#close-dialog").get_by_role("button", name="Close the event").click()
    second.page.locator("#status[data-status=closed]").wait_for(timeout=WAIT)
    assert second.page.get_by_label("Event name").is_disabled()
    assert second.page.get_by_role("button", name="Start a round").is_disabled()
    assert second.page.get_by_role("button", name="Reopen the event").is_visible()


def test_settings_show_field_errors_and_save_live(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    first = open_console(browser, created["console_url"])
    second = second_tab(first)
    no_js_errors.extend([first, second])
    page = first.page
    page.get_by_label("Introductions a giver takes at once").fill("0")
    page.get_by_label("Meeting spots").fill("Table 1\n" + "x" * 61)
    page.get_by_label("Time zone").fill("Mars/Olympus")
    page.get_by_role("button", name="Save settings").click()
    capacity_error = page.locator("#s-giver_capacity-error")
    capacity_error.wait_for(timeout=WAIT)
    assert capacity_error.inner_text() == "Enter a whole number from 1 to 20."
    assert (
        page.get_by_label("Introductions a giver takes at once").get_attribute("aria-invalid")
        == "true"
    )
    assert page.locator("#s-meeting_spots-error").inner_text().startswith("Spot 2:")
    assert "time zone name" in page.locator("#s-time_zone-error").inner_text()
    first.shot("console-settings-error")

    page.get_by_label("Event name").fill("Careers Night II")
    page.get_by_label("Venue").fill("Hall 2")
    page.get_by_label("Introductions a giver takes at once").fill("4")
    page.get_by_label("Meeting spots").fill("Table 1, Table 2\nBar")
    page.get_by_label("Matching").select_option("both")
    page.get_by_label("The room's language").select_option("de")
    page.get_by_label("Time zone").fill("Europe/Berlin")
    page.get_by_role("button", name="Save settings").click()
    page.get_by_text("Saved.").wait_for(timeout=WAIT)
    assert page.locator("#s-giver_capacity-error").is_hidden()
    second.page.locator("#event-name", has_text="Careers Night II").wait_for(timeout=WAIT)
    assert second.page.locator("#event-venue").inner_text() == "Hall 2"
    assert second.page.get_by_label("Meeting spots").input_value() == "Table 1\nTable 2\nBar"
    assert second.page.get_by_label("Matching").input_value() == "both"
    assert second.page.get_by_label("The room's language").input_value() == "de"
    assert second.page.get_by_label("Time zone").input_value() == "Europe/Berlin"
    # The poster speaks the room's language, whatever the organizer's browser speaks.
    poster = page.context.new_page()
    poster.goto(created["console_url"].split("?")[0] + "/poster")
    assert poster.locator("html").get_attribute("lang") == "de"
    poster.close()


def test_announcement_reaches_a_phone(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    console = open_console(browser, created["console_url"])
    phone = Watched(browser.phone("Pixel 7").new_page())
    no_js_errors.extend([console, phone])
    join_by_form(
        phone.page,
        created["event"]["join_url"],
        "Sam Seeker",
        "seek",
        "design",
        "hiring",
        "sam@example.com",
    )
    page = console.page
    page.get_by_role("button", name="Send to everyone").click()
    assert "Write a message first" in page.locator("#announce-error").inner_text()
    page.get_by_label("Message to every phone").fill("Pizza is served by the bar")
    assert page.locator("#announce-count").inner_text() == "26 / 280"
    page.get_by_role("button", name="Send to everyone").click()
    page.get_by_text("Sent to every phone at").wait_for(timeout=WAIT)
    assert page.get_by_label("Message to every phone").input_value() == ""
    banner = phone.page.locator("#announcement")
    banner.wait_for(state="visible", timeout=WAIT)
    assert "Pizza is served by the bar" in banner.inner_text()


def test_rounds_start_and_end_from_the_console(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url, mode="rounds")
    code = created["event"]["code"]
    console = open_console(browser, created["console_url"])
    no_js_errors.append(console)
    page = console.page
    page.get_by_role("button", name="Start a round").click()
    page.locator("#round-error", has_text="two people").wait_for(timeout=WAIT)

    api_join(live_url, code, name="Ana", intent="seek", offers=["sql"], seeks=["design"])
    api_join(live_url, code, name="Ben", intent="give", offers=["design"], seeks=["sql"])
    page.get_by_label("Minutes per round").fill("5")
    page.get_by_role("button", name="Start a round").click()
    now = page.locator("#round-now")
    now.get_by_text(re.compile(r"Round 1 · 0[45]:\d\d left · 1 group")).wait_for(timeout=WAIT)
    assert page.locator("#round-error").is_hidden()
    page.locator("#people tr", has_text="Ben").wait_for(timeout=WAIT)
    console.shot("console-round")
    page.get_by_role("button", name="End the round now").click()
    now.get_by_text("Round 1 has ended.").wait_for(timeout=WAIT)
    assert page.get_by_role("button", name="End the round now").is_hidden()


def test_projector_screen_fits_1920_by_1080(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(
        live_url, name="Careers Night at the Riverside Innovation Hub", venue="Hall 2, 3rd floor"
    )
    code = created["event"]["code"]
    context = browser.browser.new_context(viewport=PROJECTOR)
    screen = Watched(context.new_page())
    no_js_errors.append(screen)
    page = screen.page
    page.goto(created["console_url"])  # signs this browser in
    page.goto(f"{live_url}/console/{code}/screen")
    page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
    api_join(live_url, code, name="Ana", intent="seek", offers=["sql"], seeks=["design"])
    api_join(live_url, code, name="Ben", intent="give", offers=["design"], seeks=["sql"])
    api_join(live_url, code, name="Cy", intent="both", offers=["sql"], seeks=["python"])
    page.locator("#n-here", has_text="3").wait_for(timeout=WAIT)
    # Counted once each, as on the console: Cy came for both.
    assert [page.locator(f"#n-{n}").inner_text() for n in ("givers", "seekers", "both")] == [
        "1",
        "1",
        "1",
    ]
    assert page.locator("#n-made").inner_text() == "0"  # suggested, not yet accepted by both

    rounds = f"{live_url}/api/v1/events/{code}/rounds"
    round_started = call("POST", rounds, {"minutes": 8}, created["organizer_token"])[0]
    assert round_started == 201
    page.locator("#screen-round").wait_for(state="visible", timeout=WAIT)
    assert re.fullmatch(r"0[78]:\d\d", page.locator("#round-clock").inner_text())

    screen.shot("screen")  # before the checks, so a failure leaves the picture to look at
    qr = page.locator("img.screen-qr")
    assert page.evaluate("document.querySelector('img.screen-qr').naturalWidth") > 0
    box = qr.bounding_box()
    assert box is not None and box["width"] >= 700 and box["y"] + box["height"] <= 1080
    assert f"/e/{code}" in page.locator(".screen-url").inner_text()
    sizes = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight,"
        " innerWidth, innerHeight]"
    )
    assert sizes[0] <= sizes[2] and sizes[1] <= sizes[3], sizes
    assert (
        float(
            page.evaluate(
                "parseFloat(getComputedStyle(document.getElementById('n-here')).fontSize)"
            )
        )
        >= 75  # six counts of up to 9,999 share the column beside the QR
    )


def test_poster_prints_on_one_page(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url, name="Careers Night", venue="Hall 2")
    code = created["event"]["code"]
    poster = Watched(browser.browser.new_context(viewport=LAPTOP).new_page())
    no_js_errors.append(poster)
    page = poster.page
    page.goto(created["console_url"])
    page.goto(f"{live_url}/console/{code}/poster")
    page.emulate_media(media="print")
    for step in (
        "Scan",
        "Say if you're here to give, to seek, or both",
        "Meet the people Mixer suggests",
    ):
        assert page.locator(".poster-steps li", has_text=step).is_visible()
    assert page.locator("header.bar").is_hidden()
    assert page.locator(".print-hint").is_hidden()
    assert f"/e/{code}" in page.locator(".poster-url").inner_text()
    assert page.evaluate("document.querySelector('img.poster-qr').naturalWidth") > 0
    colour = page.evaluate("getComputedStyle(document.querySelector('.poster h1')).color")
    assert colour == "rgb(0, 0, 0)"
    poster.shot("poster")
    for paper in ("A4", "Letter"):
        pdf = page.pdf(format=paper)
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1, f"{paper}: more than one page"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_organizer_pages_pass_wcag_aa(live_url: str, browser: Browser, scheme: str) -> None:
    created = create_event(live_url)
    code = created["event"]["code"]
    api_join(live_url, code, name="Sam Seeker", intent="seek", offers=[], seeks=["design"])
    console = open_console(browser, created["console_url"], color_scheme=scheme)
    page = console.page
    page.locator("#people tr", has_text="Sam Seeker").wait_for(timeout=WAIT)
    assert violations(page) == [], "console"
    page.get_by_role("button", name="Remove Sam Seeker").click()
    assert violations(page) == [], "remove dialog"
    page.get_by_role("button", name="Keep them").click()
    for path in ("screen", "poster"):
        page.goto(f"{live_url}/console/{code}/{path}")
        assert violations(page) == [], path


def test_rebalance_now_says_what_it_moved(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    code = created["event"]["code"]
    for name, intent, offers, seeks in [
        ("Gil", "give", ["ai", "bio"], ["x"]),
        ("Gus", "give", ["ai"], ["x"]),
        ("Sol", "seek", ["x"], ["ai", "bio"]),
        ("Sam", "seek", ["x"], ["bio"]),  # arrives to nobody: Sol holds Gil
    ]:
        api_join(live_url, code, name=name, intent=intent, offers=offers, seeks=seeks, capacity=1)
    console = open_console(browser, created["console_url"])
    no_js_errors.append(console)
    page = console.page
    page.get_by_role("button", name="Re-balance now").click()
    page.get_by_text(
        "Moved 1 unanswered suggestion, made 2 new ones. 1 more seeker has an introduction."
    ).wait_for(timeout=WAIT)
    page.locator("#waiting").get_by_text("Nobody waiting.").wait_for(timeout=WAIT)
    page.get_by_role("button", name="Re-balance now").click()
    page.get_by_text("Already balanced").wait_for(timeout=WAIT)


def test_console_undoes_a_removal_and_flags_a_removed_name(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    code = created["event"]["code"]
    api_join(live_url, code, name="Tro Ll", intent="seek", offers=["x"], seeks=["y"])
    console = open_console(browser, created["console_url"])
    no_js_errors.append(console)
    page = console.page
    page.locator("#people tr", has_text="Tro Ll").wait_for(timeout=WAIT)
    page.get_by_role("button", name="Remove Tro Ll").click()
    page.locator("#remove-confirm").click()
    removed = page.locator("#removed-box")
    removed.wait_for(timeout=WAIT)
    removed.locator("summary").click()
    assert removed.locator("li", has_text="Tro Ll").is_visible()

    api_join(live_url, code, name="tro ll", intent="seek", offers=["x"], seeks=["y"])
    newcomer = page.locator("#people tr", has_text=re.compile("tro ll"))
    newcomer.locator(".flag", has_text="Like a removed person").wait_for(timeout=WAIT)

    page.get_by_role("button", name="Undo the removal of Tro Ll").click()
    page.locator("#people tr", has_text=re.compile("Tro Ll")).wait_for(timeout=WAIT)
    removed.wait_for(state="hidden", timeout=WAIT)


def test_console_removes_a_burst_at_once_and_sets_a_door_code(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    code = created["event"]["code"]
    console = open_console(browser, created["console_url"])
    no_js_errors.append(console)
    page = console.page
    for i in range(10):  # a script, from one address, within a second
        api_join(live_url, code, name=f"Bot {i}", intent="seek", offers=["x"], seeks=["y"])
    page.locator("#people tr", has_text="Bot 9").locator(".flag", has_text="Burst").wait_for(
        timeout=WAIT
    )
    assert page.locator("#people tr", has_text="Bot 9").locator(".flag", has_text="Held").count()
    page.get_by_role("button", name="Select the 10 burst joins").click()
    page.get_by_role("button", name="Remove 10 selected…").click()
    page.locator("#remove-confirm").click()
    page.locator("#people-empty").wait_for(timeout=WAIT)  # all ten gone, in one request
    page.locator("#removed-box summary", has_text="(10)").wait_for(timeout=WAIT)

    form = page.locator("#settings-form")
    form.get_by_label("Door code").fill("Blue Fox")
    form.get_by_role("button", name="Save settings").click()
    page.locator("#settings-saved", has_text="Saved").wait_for(timeout=WAIT)
    screen = page.context.new_page()
    screen.goto(f"{live_url}/console/{code}/screen")
    assert "Door code: Blue Fox" in screen.locator("#screen-door").inner_text()
    join = page.context.browser.new_context().new_page()  # a phone: not signed in
    join.goto(created["event"]["join_url"])
    assert join.get_by_label("Door code").is_visible()
    assert "Blue Fox" not in join.content()
