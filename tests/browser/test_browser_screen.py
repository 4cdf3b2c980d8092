"""The projector view read from the back row: the console's numbers, and room for 9,999."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_console_topics import WAIT, open_console
from tests.browser.test_browser_flow import create_event
from tests.browser.test_browser_home import api_join

PROJECTORS = [{"width": 1920, "height": 1080}, {"width": 1280, "height": 720}]


def call(live_url: str, method: str, path: str, token: str) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{live_url}{path}", method=method, headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def open_screen(browser: Browser, live_url: str, console: Watched, code: str) -> Watched:
    screen = Watched(console.page.context.new_page())  # the organizer's cookie
    screen.page.goto(f"{live_url}/console/{code}/screen")
    screen.page.wait_for_selector("#conn[data-state=live]", timeout=WAIT)
    return screen


def test_the_screen_counts_like_the_console(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    code = created["event"]["code"]
    tokens = {}
    for name, intent, offers, seeks in (
        ("Gia", "give", ["hiring"], ["design"]),
        ("Gil", "give", ["hiring"], ["design"]),
        ("Sam", "seek", ["design"], ["hiring"]),
        ("Sue", "seek", ["design"], ["hiring"]),
        ("Bo", "both", ["hiring"], ["design"]),
    ):
        tokens[name] = api_join(
            live_url, code, name=name, intent=intent, offers=offers, seeks=seeks
        )["token"]
    # Sam and Sue each answer their first introduction: one both accept, one declined.
    sam = call(live_url, "GET", "/api/v1/me", tokens["Sam"])["introductions"][0]
    for name in ("Sam", sam["other"]["name"]):
        call(live_url, "POST", f"/api/v1/introductions/{sam['id']}/accept", tokens[name])
    sue = call(live_url, "GET", "/api/v1/me", tokens["Sue"])["introductions"][0]
    call(live_url, "POST", f"/api/v1/introductions/{sue['id']}/decline", tokens["Sue"])

    console = open_console(browser, created["console_url"])
    screen = open_screen(browser, live_url, console, code)
    no_js_errors.extend([console, screen])
    expected = {"givers": "2", "seekers": "2", "both": "1", "introductions made": "1"}
    for label, number in expected.items():
        tile = screen.page.locator("#screen-counts li", has_text=label)
        expect(tile.locator(".num")).to_have_text(number, timeout=WAIT)
    # …the same figures as the console's tiles
    for label, number in (("Givers", "2"), ("Seekers", "2"), ("Both", "1")):
        expect(console.page.locator("#counts li", has_text=label)).to_contain_text(number)
    expect(console.page.locator("#intro-counts li", has_text="Declined")).to_contain_text("1")


def stats_of_a_big_room(real: dict[str, Any]) -> dict[str, Any]:
    """The stats answer of a 9,999-person room, built on a real answer's shape."""
    real["attendees"] |= {"give": 3120, "seek": 5879, "both": 1000, "here": 9870, "busy": 129}
    real["introductions"] |= {"suggested": 2200, "accepted": 4765, "met": 5234}
    return real


def line_boxes(page: Any, selector: str) -> list[dict[str, Any]]:
    """Each element's text: how many lines it takes, and each word's line boxes."""
    return page.eval_on_selector_all(
        selector,
        """els => els.map(el => {
            const range = document.createRange();
            range.selectNodeContents(el);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            const node = el.firstChild;
            const words = [];
            let at = 0;
            for (const word of node.textContent.split(' ')) {
                const r = document.createRange();
                r.setStart(node, at); r.setEnd(node, at + word.length);
                const tops = [...r.getClientRects()].map(b => Math.round(b.top));
                words.push({word, boxes: new Set(tops).size});
                at += word.length + 1;
            }
            const box = el.getBoundingClientRect();
            return {text: el.textContent, lines: lines.size, words,
                    overflows: el.scrollWidth > el.parentElement.clientWidth + 1,
                    right: box.right, bottom: box.bottom};
        })""",
    )


@pytest.mark.parametrize("viewport", PROJECTORS, ids=lambda v: f"{v['width']}x{v['height']}")
def test_four_digit_counts_fit_on_one_line(
    live_url: str, browser: Browser, no_js_errors: list[Watched], viewport: dict[str, int]
) -> None:
    created = create_event(live_url, name="Careers Night at the Public Library", mode="both")
    code = created["event"]["code"]
    for name, intent in (("Gia", "give"), ("Sam", "seek")):
        api_join(live_url, code, name=name, intent=intent, offers=["hiring"], seeks=["design"])
    console = open_console(browser, created["console_url"])
    console.page.get_by_role("button", name="Start a round").click()
    expect(console.page.locator("#round-end")).to_be_visible(timeout=WAIT)
    screen = Watched(console.page.context.new_page())
    no_js_errors.extend([console, screen])
    page = screen.page
    page.set_viewport_size(viewport)

    def big(route: Any) -> None:
        answer = route.fetch()
        route.fulfill(response=answer, json=stats_of_a_big_room(answer.json()))

    page.route(f"**/api/v1/events/{code}/stats", big)
    page.goto(f"{live_url}/console/{code}/screen")
    expect(page.locator("#n-met")).to_have_text("5,234", timeout=WAIT)
    expect(page.locator("#n-here")).to_have_text("9,999")
    expect(page.locator("#n-made")).to_have_text("9,999")
    expect(page.locator("#screen-round")).to_be_visible()
    screen.shot(f"screen-9999-{viewport['width']}")

    for number in line_boxes(page, "#screen-counts .num"):
        assert number["lines"] == 1, number
        assert not number["overflows"], number
    for label in line_boxes(page, "#screen-counts .label"):
        assert all(word["boxes"] == 1 for word in label["words"]), label  # never mid-word
        assert label["lines"] <= 2, label
    for box in line_boxes(page, "#screen-counts .num, #screen-counts .label, #round-clock"):
        assert box["right"] <= viewport["width"] and box["bottom"] <= viewport["height"], box
    # one screenful: nothing to scroll on a projector
    assert page.evaluate("document.scrollingElement.scrollHeight") <= viewport["height"]
