"""The console's Topics panel in real Chromium at laptop size: supply and demand per topic,
advice that names the cause, and the organizer's two fixes (ask the room, same as…)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.browser.chromium import ARTIFACTS, Browser, Watched
from tests.browser.test_browser_a11y import violations
from tests.browser.test_browser_flow import create_event
from tests.browser.test_browser_home import api_join
from tests.scale.workers import call

LAPTOP = {"width": 1366, "height": 768}
SMALL_LAPTOP = {"width": 1280, "height": 720}
WAIT = 10_000
CAPACITY_ADVICE = "one more introduction"


def open_console(
    browser: Browser, console_url: str, viewport: dict[str, int] = LAPTOP, **context: Any
) -> Watched:
    """A laptop that follows the organizer link (the token becomes a cookie)."""
    page = browser.browser.new_context(viewport=viewport, **context).new_page()
    watched = Watched(page)
    page.goto(console_url)
    page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
    return watched


def row(page: Any, topic: str) -> Any:
    return page.locator(f'#topics tr[data-topic="{topic}"]')


def counts(page: Any, topic: str) -> list[str]:
    """Offer, seek and waiting, as the table shows them."""
    return row(page, topic).locator("td.num-cell").all_inner_texts()


def wait_counts(page: Any, topic: str, offers: int, seeks: int, waiting: int) -> None:
    expected = [str(offers), str(seeks), str(waiting)]
    page.wait_for_function(
        """([topic, expected]) => {
          const tr = [...document.querySelectorAll('#topics tr')]
            .find((r) => r.dataset.topic === topic);
          if (!tr) return false;
          const got = [...tr.querySelectorAll('td.num-cell')].map((td) => td.textContent);
          return JSON.stringify(got) === JSON.stringify(expected);
        }""",
        arg=[topic, expected],
        timeout=WAIT,
    )


def fits_the_width(page: Any) -> None:
    sizes = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert sizes[0] <= sizes[1], f"the page is wider than the window: {sizes}"
    table = page.evaluate(
        "(() => { const t = document.querySelector('.topics-table');"
        " return [t.scrollWidth, t.parentElement.clientWidth]; })()"
    )
    assert table[0] <= table[1], f"the topics table overflows its card: {table}"


def test_topics_are_counted_as_topics_and_the_advice_names_the_cause(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    code = created["event"]["code"]
    console = open_console(browser, created["console_url"])
    no_js_errors.append(console)
    page = console.page
    page.get_by_text("Nobody has joined yet — topics appear here as people join.").wait_for(
        timeout=WAIT
    )
    assert page.locator("#advice li").count() == 0

    api_join(
        live_url, code, name="Ben", intent="give", offers=["Machine Learning"], seeks=[], capacity=2
    )
    api_join(live_url, code, name="Ana", intent="seek", offers=[], seeks=["ML"])
    api_join(live_url, code, name="Cy", intent="seek", offers=[], seeks=["machine-learning"])
    api_join(live_url, code, name="Dee", intent="seek", offers=[], seeks=["Zorbing rig"])
    wait_counts(page, "machine learning", offers=1, seeks=2, waiting=0)
    wait_counts(page, "zorbing rig", offers=0, seeks=1, waiting=1)
    topics = page.locator("#topics tr").evaluate_all("rows => rows.map(r => r.dataset.topic)")
    assert topics == ["zorbing rig", "machine learning"]  # most waited-on first, each once
    assert row(page, "zorbing rig").locator(".flag").inner_text() == "nobody offers this"
    assert row(page, "machine learning").locator(".flag").count() == 0

    # Ben is at capacity, but nobody waits on what he offers: capacity is not the problem.
    page.locator("#full li", has_text="Ben").wait_for(timeout=WAIT)
    advice = page.locator("#advice")
    advice.get_by_text(
        "1 seeker waits on a topic nobody here offers: zorbing rig. Ask the room for people"
        " who can help, or declare a topic the same as one offered."
    ).wait_for(timeout=WAIT)
    assert CAPACITY_ADVICE not in advice.inner_text()
    assert CAPACITY_ADVICE not in page.locator("#balance").inner_text()

    # Now someone waits on a topic that is offered, and its only giver is full: both causes.
    api_join(live_url, code, name="Eve", intent="seek", offers=[], seeks=["ml"])
    wait_counts(page, "machine learning", offers=1, seeks=3, waiting=1)
    advice.locator("li[data-kind=capacity]").get_by_text(
        "1 seeker waits on machine learning: the givers who offer it are full. Ask givers to"
        " take one more introduction, or start a round."
    ).wait_for(timeout=WAIT)
    assert advice.locator("li[data-kind=unoffered]").count() == 1
    console.shot("console-topics-1366")
    fits_the_width(page)


def test_ask_the_room_fills_the_announcement_and_sends_nothing(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    code = created["event"]["code"]
    api_join(live_url, code, name="Dee", intent="seek", offers=[], seeks=["Zorbing rig"])
    api_join(live_url, code, name="Fay", intent="seek", offers=[], seeks=["zorbing  RIG"])
    console = open_console(browser, created["console_url"])
    no_js_errors.append(console)
    page = console.page
    posted: list[str] = []
    page.on("request", lambda r: posted.append(r.url) if r.method == "POST" else None)
    wait_counts(page, "zorbing rig", offers=0, seeks=2, waiting=2)

    page.get_by_role("button", name="Ask the room about zorbing rig").click()
    message = page.get_by_label("Message to every phone")
    text = (
        "Can anyone here help with zorbing rig? Add it to what you offer in Mixer — 2 people"
        " are waiting to meet you."
    )
    assert message.input_value() == text
    assert message.evaluate("el => el === document.activeElement")
    assert page.locator("#announce-count").inner_text() == f"{len(text)} / 280"
    assert page.locator("#announce-sent").inner_text() == ""
    assert not [url for url in posted if url.endswith("/announcements")]
    console.shot("console-topics-ask")


def test_many_topics_show_the_most_waited_on_first_then_all(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    code = created["event"]["code"]
    offers = [f"craft {letter}" for letter in "abcdefghijkl"]  # 12 topics, as many as allowed
    api_join(live_url, code, name="Gil", intent="give", offers=offers, seeks=[])
    api_join(live_url, code, name="Sam", intent="seek", offers=[], seeks=["yodelling", "craft a"])
    api_join(live_url, code, name="Sol", intent="seek", offers=[], seeks=["zither tuning"])
    console = open_console(browser, created["console_url"])
    no_js_errors.append(console)
    page = console.page
    more = page.get_by_role("button", name="Show all 14 topics")
    more.wait_for(timeout=WAIT)
    rows = page.locator("#topics tr")
    assert rows.count() == 12
    assert rows.first.get_attribute("data-topic") == "zither tuning"  # waited on, not offered
    assert row(page, "yodelling").locator(".flag.calm").inner_text() == "nobody offers this"
    more.click()
    assert rows.count() == 14
    assert page.locator("#topics-more").get_attribute("aria-expanded") == "true"
    assert page.locator("#topics-more").inner_text() == "Show the first 12 only"
    page.get_by_role("button", name="Ask the room about yodelling").click()
    assert (
        page.get_by_label("Message to every phone")
        .input_value()
        .endswith("— someone here is looking for it.")
    )


def test_same_as_joins_two_topics_and_the_seeker_is_introduced(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    code = created["event"]["code"]
    base = f"{live_url}/api/v1/events/{code}"
    seeker = api_join(live_url, code, name="Sam", intent="seek", offers=[], seeks=["blorpops"])
    api_join(live_url, code, name="Gia", intent="give", offers=["blorp ops"], seeks=[])
    console = open_console(browser, created["console_url"])
    no_js_errors.append(console)
    page = console.page
    patches: list[dict[str, Any]] = []
    page.on(
        "request",
        lambda r: patches.append(json.loads(r.post_data or "{}")) if r.method == "PATCH" else None,
    )
    typed = page.locator("#topics tr[data-unmet=waiting]")
    typed.wait_for(timeout=WAIT)
    own = typed.get_attribute("data-topic")  # the seeker's words, as the room reads them
    assert own and own.startswith("blorp") and own != "blorp ops"
    wait_counts(page, "blorp ops", offers=1, seeks=0, waiting=0)
    status, me = call("GET", f"{live_url}/api/v1/me", token=seeker["token"])
    assert status == 200 and me["introductions"] == []

    page.get_by_role("button", name=f"Declare {own} the same as another topic").click()
    form = page.locator("#same-form")
    assert form.is_visible() and own in form.locator("h3").inner_text()
    target = form.get_by_label("The same as")
    assert target.input_value() == "blorp ops"  # spelled the same but for a space
    assert target.locator("option").first.inner_text() == "Choose a topic…"
    page.screenshot(path=str(ARTIFACTS / "console-topics-same-as.png"))  # the form's view
    assert violations(page) == [], "same-as form"
    form.get_by_role("button", name="Count them as one").dblclick()
    page.get_by_text(f"'{own}' now counts as 'blorp ops'.").wait_for(timeout=WAIT)
    assert form.is_hidden()
    assert patches == [{"topic_aliases": {own: "blorp ops"}}]  # one request, not two

    wait_counts(page, "blorp ops", offers=1, seeks=1, waiting=0)
    assert row(page, own).count() == 0
    aliases = page.locator("#aliases li")
    assert aliases.count() == 1 and f"“{own}” counts as “blorp ops”" in aliases.inner_text()
    status, me = call("GET", f"{live_url}/api/v1/me", token=seeker["token"])
    assert status == 200 and len(me["introductions"]) == 1, me["introductions"]
    assert me["introductions"][0]["other"]["name"] == "Gia"
    status, event = call("GET", base, token=created["organizer_token"])
    assert event["event"]["topic_aliases"] == {own: "blorp ops"}

    page.get_by_role("button", name=f"Remove: {own} counts as blorp ops").click()
    page.get_by_text(f"'{own}' is its own topic again.").wait_for(timeout=WAIT)
    assert patches[-1] == {"topic_aliases": {}}
    page.locator("#aliases-none").wait_for(timeout=WAIT)
    row(page, own).wait_for(timeout=WAIT)


def test_a_word_of_the_organizer_s_own_is_read_as_the_topic_at_once(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    code = created["event"]["code"]
    seeker = api_join(live_url, code, name="Sam", intent="seek", offers=[], seeks=["Zorbing"])
    api_join(live_url, code, name="Gia", intent="give", offers=["machine learning"], seeks=[])
    console = open_console(browser, created["console_url"])
    no_js_errors.append(console)
    page = console.page
    wait_counts(page, "zorbing", offers=0, seeks=1, waiting=1)
    form = page.locator("#alias-form")
    form.get_by_role("button", name="Add").click()
    assert "Fill in both" in page.locator("#alias-error").inner_text()
    form.get_by_label("When someone types").fill("Zorbing")
    form.get_by_label("read it as").fill("machine learning")
    form.get_by_role("button", name="Add").click()
    page.get_by_text("'Zorbing' now counts as 'machine learning'.").wait_for(timeout=WAIT)
    wait_counts(page, "machine learning", offers=1, seeks=1, waiting=0)
    assert form.get_by_label("When someone types").input_value() == ""
    status, me = call("GET", f"{live_url}/api/v1/me", token=seeker["token"])
    assert status == 200 and [i["other"]["name"] for i in me["introductions"]] == ["Gia"]
    assert me["attendee"]["understood"]["seeks"] == [
        {"typed": "Zorbing", "as": ["machine learning"]}
    ]


def test_same_as_shows_the_api_s_error_and_can_be_retried(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    code = created["event"]["code"]
    api_join(live_url, code, name="Sam", intent="seek", offers=[], seeks=["blorpops"])
    api_join(live_url, code, name="Gia", intent="give", offers=["blorp ops"], seeks=[])
    console = open_console(browser, created["console_url"])
    no_js_errors.append(console)
    page = console.page
    refusal = {
        "error": {
            "code": "invalid",
            "message": "Some fields need fixing.",
            "fields": {"topic_aliases": "Keep aliases and topics to 40 characters."},
        }
    }

    def refuse(route: Any) -> None:
        if route.request.method != "PATCH":
            route.continue_()
            return
        route.fulfill(status=422, content_type="application/json", body=json.dumps(refusal))

    page.route(f"**/api/v1/events/{code}", refuse)
    row(page, "blorp ops").wait_for(timeout=WAIT)
    own = page.locator("#topics tr[data-unmet=waiting]").get_attribute("data-topic")
    page.get_by_role("button", name=f"Declare {own} the same as another topic").click()
    form = page.locator("#same-form")
    page.keyboard.press("Escape")  # cancelled: focus goes back to where it was
    assert form.is_hidden()
    assert page.evaluate("document.activeElement.dataset.topic") == own
    page.keyboard.press("Enter")
    assert form.is_visible()
    form.get_by_label("The same as").select_option("")
    form.get_by_role("button", name="Count them as one").click()
    assert form.locator("#same-error").inner_text() == "Choose the topic it is the same as."

    form.get_by_label("The same as").select_option("blorp ops")
    form.get_by_role("button", name="Count them as one").click()
    error = form.locator("#same-error")
    error.get_by_text("Keep aliases and topics to 40 characters.").wait_for(timeout=WAIT)
    assert error.inner_text().startswith("Some fields need fixing.")
    assert form.is_visible() and form.get_by_role("button", name="Count them as one").is_enabled()

    page.unroute(f"**/api/v1/events/{code}", refuse)
    form.get_by_role("button", name="Count them as one").click()
    page.get_by_text(f"'{own}' now counts as 'blorp ops'.").wait_for(timeout=WAIT)


def long_topic_room(live_url: str) -> dict[str, Any]:
    """A room with 40-character topics, one nobody offers and one offered by a full giver."""
    created = create_event(live_url)
    code = created["event"]["code"]
    long_unmet = "Regulatory affairs for medical devices"
    long_offered = "Supercalifragilisticexpialidociousnesses"  # 40 letters, no space to break
    api_join(live_url, code, name="Gil", intent="give", offers=[long_offered], seeks=[], capacity=1)
    api_join(live_url, code, name="Ana", intent="seek", offers=[], seeks=[long_offered])
    api_join(live_url, code, name="Bo", intent="seek", offers=[], seeks=[long_offered])
    api_join(live_url, code, name="Cy", intent="seek", offers=[], seeks=[long_unmet, "ML"])
    api_join(
        live_url, code, name="Di", intent="give", offers=["machine learning", "python"], seeks=[]
    )
    api_join(live_url, code, name="Ed", intent="seek", offers=[], seeks=[long_unmet])
    return created


@pytest.mark.parametrize(
    "viewport", [LAPTOP, SMALL_LAPTOP], ids=lambda v: f"{v['width']}x{v['height']}"
)
def test_long_topics_wrap_at_laptop_size(
    live_url: str, browser: Browser, no_js_errors: list[Watched], viewport: dict[str, int]
) -> None:
    created = long_topic_room(live_url)
    console = open_console(browser, created["console_url"], viewport=viewport)
    no_js_errors.append(console)
    page = console.page
    page.locator("#topics tr").nth(3).wait_for(timeout=WAIT)
    page.locator("#advice li[data-kind=capacity]").wait_for(timeout=WAIT)
    page.locator("#topics-panel").scroll_into_view_if_needed()
    console.shot(f"console-topics-long-{viewport['width']}x{viewport['height']}")
    fits_the_width(page)
    name = page.locator("#topics tr th").first
    box = name.bounding_box()
    assert box is not None and box["width"] >= 150, box  # the topic column stays readable


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_console_with_topics_passes_wcag_aa(live_url: str, browser: Browser, scheme: str) -> None:
    created = long_topic_room(live_url)
    console = open_console(browser, created["console_url"], color_scheme=scheme)
    page = console.page
    page.locator("#advice li[data-kind=unoffered]").wait_for(timeout=WAIT)
    page.locator("#topics tr").nth(3).wait_for(timeout=WAIT)
    assert violations(page) == [], "console with topics"
    if scheme == "dark":
        console.shot("console-topics-dark")
