"""The console's warm introductions in real Chromium at laptop size: what it says before
anyone asked, then the numbers moving live as a broker introduces two people who accept."""

from __future__ import annotations

from typing import Any

from tests.browser.chromium import ARTIFACTS, Browser, Watched
from tests.browser.test_browser_a11y import violations
from tests.browser.test_browser_console_topics import WAIT, open_console
from tests.browser.test_browser_flow import create_event
from tests.browser.test_browser_home import api_join
from tests.scale.workers import call

EMPTY = (
    "No warm introductions yet. People who know someone in common can ask them to introduce them."
)


def post(live_url: str, path: str, token: str, body: dict[str, Any] | None = None) -> Any:
    status, answer = call("POST", f"{live_url}/api/v1{path}", body, token=token)
    assert status in (200, 201), (path, status, answer)
    return answer


def shot(page: Any, name: str) -> None:
    """The laptop's window as the organizer sees it, scrolled to the warm numbers."""
    page.locator("#warm-title").scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def warm_tiles(page: Any) -> dict[str, str]:
    """The warm counts as the console shows them: label -> number."""
    return dict(
        page.locator("#warm-counts li").evaluate_all(
            "lis => lis.map(li => [li.querySelector('.label').textContent,"
            " li.querySelector('.num').textContent])"
        )
    )


def test_the_console_shows_warm_introductions_live(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    created = create_event(live_url)
    code = created["event"]["code"]
    console = open_console(browser, created["console_url"])
    no_js_errors.append(console)
    page = console.page
    page.get_by_text(EMPTY).wait_for(timeout=WAIT)
    assert page.locator("#warm-numbers").is_hidden()
    shot(page, "console-warm-empty")

    def join(name: str, intent: str, offers: list[str], seeks: list[str]) -> Any:
        return api_join(live_url, code, name=name, intent=intent, offers=offers, seeks=seeks)

    sam = join("Sam Okafor", "seek", ["UX research"], ["Hiring managers in fintech"])
    gia = join("Gia Romano", "give", ["hiring managers in FinTech "], ["ux research"])
    kim = join("Kim Lee", "both", ["sourdough baking"], ["rock climbing"])
    # A cold pair too: Mixer suggests them and nobody answers, so cold is 0%, not "—".
    join("Ola Berg", "seek", ["rust"], ["kubernetes"])
    join("Ravi Shah", "give", ["Kubernetes"], ["Rust"])
    ids = {p["attendee"]["name"]: p["attendee"]["id"] for p in (sam, gia, kim)}
    post(live_url, "/me/known", sam["token"], {"attendee_id": ids["Kim Lee"]})
    post(live_url, "/me/known", gia["token"], {"attendee_id": ids["Kim Lee"]})
    page.locator("#people tr", has_text="Ravi Shah").wait_for(timeout=WAIT)
    page.get_by_text(EMPTY).wait_for(timeout=WAIT)  # knowing someone is not asking yet

    asked = post(live_url, "/warm", sam["token"], {"to": ids["Gia Romano"], "via": ids["Kim Lee"]})
    page.locator("#warm-rates", has_text="Accepted: — warm vs 0% cold").wait_for(timeout=WAIT)
    assert page.get_by_text(EMPTY).is_hidden()
    assert warm_tiles(page) == {"Asked": "1", "Introduced": "0", "Accepted": "0"}

    post(live_url, f"/warm/{asked['warm']['id']}/introduce", kim["token"], {"note": "Talk!"})
    page.locator("#warm-rates", has_text="Accepted: 0% warm vs 0% cold").wait_for(timeout=WAIT)
    status, me = call("GET", f"{live_url}/api/v1/me", token=sam["token"])
    assert status == 200
    [intro] = [i for i in me["introductions"] if i["via"]]
    assert intro["via"]["name"] == "Kim Lee"
    for person in (sam, gia):
        post(live_url, f"/introductions/{intro['id']}/accept", person["token"])
    page.locator("#warm-rates", has_text="Accepted: 100% warm vs 0% cold").wait_for(timeout=WAIT)
    assert warm_tiles(page) == {"Asked": "1", "Introduced": "1", "Accepted": "1"}

    shot(page, "console-warm")
    assert violations(page) == [], "light"
    dark = open_console(browser, created["console_url"], color_scheme="dark")
    no_js_errors.append(dark)
    dark.page.locator("#warm-rates", has_text="100% warm").wait_for(timeout=WAIT)
    assert violations(dark.page) == [], "dark"
