"""After the night, in real Chromium: the phone asks what came of each connection (answer,
skip, change, back once with the reminder, "This one helped"), a giver sees what they gave,
and the organizer's impact page in light and dark, printed on one page."""

from __future__ import annotations

import re
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_a11y import violations
from tests.browser.test_browser_after_event import call
from tests.browser.test_browser_flow import create_event, join_by_form
from tests.browser.test_browser_home import api_join

SHOTS = Path("/tmp")
PHONE = {"viewport": {"width": 360, "height": 780}}
QUESTION = "What came of meeting {}?"


def connection(page: Any, name: str) -> Any:
    card = page.locator("#connections li.intro", has_text=name)
    card.wait_for(timeout=10_000)
    return card


def test_phone_asks_what_came_of_it_once_after_the_event(
    live_url: str, browser: Browser, no_js_errors: list[Watched], tmp_path: Path
) -> None:
    created = create_event(live_url)
    event, organizer = created["event"], created["organizer_token"]
    ben = Watched(browser.phone("Pixel 7", **PHONE).new_page())
    sam = Watched(browser.phone("Pixel 7", **PHONE).new_page())
    no_js_errors.extend([ben, sam])
    join_by_form(ben.page, event["join_url"], "Ben Giver", "give", "hiring", "design", "b@x.org")
    join_by_form(
        sam.page, event["join_url"], "Sam Seeker", "seek", "design", "hiring, mentoring", "s@x.org"
    )
    page = sam.page
    first = page.locator("#intros li.intro", has_text="Ben Giver")
    first.get_by_role("button", name="Accept").click()
    ben.page.locator("li.intro", has_text="Sam Seeker").get_by_role("button", name="Accept").click()
    first.get_by_role("button", name="We met").click()
    connection(page, "Ben Giver")  # met: Sam has a free place again
    cleo = api_join(
        live_url, event["code"], name="Cleo Mentor", intent="give", offers=["mentoring"],
        seeks=["design"], email="c@x.org", share_contact=True,
    )  # fmt: skip
    second = page.locator("#intros li.intro", has_text="Cleo Mentor")
    second.get_by_role("button", name="Accept").click()
    cleo_intro = int(second.get_attribute("data-intro"))
    call(live_url, "POST", f"/api/v1/introductions/{cleo_intro}/accept", cleo["token"])
    call(live_url, "PATCH", f"/api/v1/events/{event['code']}", organizer, {"status": "closed"})

    ben_card, cleo_card = connection(page, "Ben Giver"), connection(page, "Cleo Mentor")
    ben_card.get_by_text(QUESTION.format("Ben")).wait_for(timeout=10_000)
    cleo_card.get_by_text(QUESTION.format("Cleo")).wait_for(timeout=10_000)
    cleo_card.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "outcome-question-phone.png"))
    assert violations(page) == [], "the question on the connection cards"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    ben_card.get_by_role("button", name="Skip").click()
    assert ben_card.get_by_text(QUESTION.format("Ben")).count() == 0
    cleo_card.get_by_role("button", name="An interview").click()
    cleo_card.get_by_text("What came of it: An interview").wait_for(timeout=10_000)
    cleo_card.get_by_role("button", name="Change").click()
    cleo_card.get_by_role("button", name="A referral").click()
    cleo_card.get_by_text("What came of it: A referral").wait_for(timeout=10_000)
    cleo_card.screenshot(path=str(SHOTS / "outcome-answered-card.png"))
    told = call(live_url, "GET", "/api/v1/me", cleo["token"])["introductions"]
    assert [i["outcome"] for i in told] == [None]  # Cleo never sees what Sam told

    page.reload()
    connection(page, "Cleo Mentor").get_by_text("What came of it: A referral").wait_for()
    assert connection(page, "Ben Giver").get_by_text(QUESTION.format("Ben")).count() == 0

    remind(tmp_path / "live.sqlite", "Ben Giver")  # the one follow-up reminder, days later
    page.reload()
    ben_card = connection(page, "Ben Giver")
    ben_card.get_by_text("A gentle reminder").wait_for(timeout=10_000)
    ben_card.get_by_text(QUESTION.format("Ben")).wait_for()  # back, with the reminder
    ben_card.get_by_role("button", name="Skip").click()
    page.reload()
    connection(page, "Ben Giver").get_by_text("A gentle reminder").wait_for(timeout=10_000)
    assert page.get_by_text(QUESTION.format("Ben")).count() == 0  # never more

    page.get_by_role("button", name="I landed a job").click()
    page.get_by_text("Which connections helped?").wait_for(timeout=10_000)
    ben_card = connection(page, "Ben Giver")
    ben_card.get_by_role("button", name="This one helped").click()
    ben_card.get_by_text("What came of it: A job offer").wait_for(timeout=10_000)
    assert "null" not in ben_card.inner_text()
    ben_card.screenshot(path=str(SHOTS / "outcome-landed-card.png"))
    page.screenshot(path=str(SHOTS / "outcome-landed-phone.png"), full_page=True)

    ben.page.reload()
    ben.page.get_by_text("You met 1 person; 1 told us it led to a job offer.").wait_for(
        timeout=10_000
    )
    ben.page.get_by_text("Come back next time").wait_for()
    ben.page.locator("#gave-box").scroll_into_view_if_needed()
    ben.page.screenshot(path=str(SHOTS / "outcome-gave-phone.png"))


def remind(database: Path, name: str) -> None:
    """What the sweep does a while after the event: remind the other side of `name`'s pair."""
    with closing(sqlite3.connect(database)) as db, db:
        (other,) = db.execute("SELECT id FROM attendees WHERE name = ?", (name,)).fetchone()
        for side, them in (("a", "b"), ("b", "a")):
            db.execute(
                f"UPDATE introductions SET {side}_reminded_at = CURRENT_TIMESTAMP"
                f" WHERE {them}_id = ?",
                (other,),
            )


TWO_PAIRS = [("hiring", "design", "referral"), ("mentoring", "python", "advice")]
# Topics of a busy evening, long ones among them: ten pairs that helped, stored as the
# sweep of a whole evening would leave them (joining that many at once is a burst, held).
BUSY_TOPICS = [
    "machine learning engineering", "hiring managers in fintech", "user experience research",
    "product management", "data engineering", "developer relations", "technical writing",
    "site reliability engineering", "career change into tech", "salary negotiation",
]  # fmt: skip


def busy(database: Path, code: str) -> None:
    """Ten more pairs of the event's people met, each told it helped, on topics of their own."""
    with closing(sqlite3.connect(database)) as db, db:
        (event,) = db.execute("SELECT id FROM events WHERE code = ?", (code,)).fetchone()
        people = [r[0] for r in db.execute("SELECT id FROM attendees WHERE event_id = ?", (event,))]
        taken = set(db.execute("SELECT a_id, b_id FROM introductions WHERE event_id = ?", (event,)))
        pairs = [(a, b) for a in people for b in people if a < b and (a, b) not in taken]
        for (a, b), topic in zip(pairs, BUSY_TOPICS, strict=False):
            db.execute(
                "INSERT INTO introductions (event_id, a_id, b_id, status, a_accepted, b_accepted,"
                " score, a_gets, b_gets, one_way, created_at, a_followed_up, b_followed_up,"
                " b_outcome, via_note) VALUES (?, ?, ?, 'met', 1, 1, 1.0, ?, '[]', 0,"
                " CURRENT_TIMESTAMP, 1, 0, 'offer', '')",
                (event, a, b, f'["{topic}"]'),
            )


def small_evening(
    live_url: str, pairs: list[tuple[str, str, str]] = TWO_PAIRS, name: str = "", extra: int = 0
) -> tuple[dict[str, Any], str]:
    """Pairs of a giver and a seeker (offer, seek, what the seeker told), met; then closed."""
    created = create_event(live_url, name=name or "Careers Night, Spring")
    event, organizer = created["event"], created["organizer_token"]
    people = []
    for n, (offer, seek, _) in enumerate(pairs):
        people += [
            (f"Giver {n}", "give", [offer], [seek]),
            (f"Seeker {n}", "seek", [seek], [offer]),
        ]
    tokens = [
        api_join(live_url, event["code"], name=n, intent=i, offers=o, seeks=s)["token"]
        for n, i, o, s in people
    ]
    for giver, seeker, outcome in ((2 * n, 2 * n + 1, p[2]) for n, p in enumerate(pairs)):
        [intro] = call(live_url, "GET", "/api/v1/me", tokens[seeker])["introductions"]
        path = f"/api/v1/introductions/{intro['id']}"
        for token in (tokens[giver], tokens[seeker]):
            call(live_url, "POST", f"{path}/accept", token)
        call(live_url, "POST", f"{path}/met", tokens[seeker])
        call(live_url, "POST", f"{path}/outcome", tokens[seeker], {"outcome": outcome})
    for n in range(extra):  # people nobody could help
        api_join(live_url, event["code"], name=f"Extra {n}", intent="seek", offers=["knitting"],
                 seeks=[f"nobody offers this {n}"])  # fmt: skip
    call(live_url, "PATCH", f"/api/v1/events/{event['code']}", organizer, {"status": "closed"})
    return event, organizer


def laptop(browser: Browser, live_url: str, code: str, token: str, scheme: str) -> Watched:
    context = browser.browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=scheme
    )
    page = Watched(context.new_page())
    page.page.goto(f"{live_url}/console/{code}?token={token}")
    return page


def test_impact_page_light_dark_printed_on_one_page(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    empty = create_event(live_url)
    first = laptop(browser, live_url, empty["event"]["code"], empty["organizer_token"], "light")
    no_js_errors.append(first)
    first.page.get_by_role("link", name="What came of it").click()
    first.page.get_by_text("Nothing to show yet").wait_for(timeout=10_000)
    first.page.screenshot(path=str(SHOTS / "impact-empty.png"), full_page=True)

    event, organizer = small_evening(live_url)
    for scheme in ("light", "dark"):
        watched = laptop(browser, live_url, event["code"], organizer, scheme)
        no_js_errors.append(watched)
        page = watched.page
        page.get_by_role("link", name="What came of it").click()
        page.get_by_role("heading", name="What came of Careers Night, Spring").wait_for()
        page.get_by_role("img", name="Outcomes told").wait_for()
        page.screenshot(path=str(SHOTS / f"impact-{scheme}.png"), full_page=True)
        assert violations(page) == [], f"impact page, {scheme}"
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (background == "rgb(16, 20, 27)") == (scheme == "dark")
    values = page.locator("svg#funnel .bar-value").all_text_contents()
    assert values == ["2", "2", "2", "0", "2"]
    assert page.locator("svg#outcomes .bar-value").all_text_contents() == ["1", "0", "0", "1", "0"]

    for paper in ("A4", "Letter"):
        pdf = SHOTS / f"impact-{paper}.pdf"
        page.pdf(path=str(pdf), format=paper, print_background=True)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        assert re.search(r"^Pages:\s+1$", info.stdout, re.M), info.stdout
        png = str(SHOTS / f"impact-{paper}")
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), png], check=True)


def test_a_busy_evening_with_a_long_name_still_prints_on_one_page(
    live_url: str, browser: Browser, no_js_errors: list[Watched], tmp_path: Path
) -> None:
    name = "Careers Night for Engineers, Designers and Product People — Spring Edition 2027"
    event, organizer = small_evening(live_url, name=name, extra=3)
    busy(tmp_path / "live.sqlite", event["code"])
    watched = laptop(browser, live_url, event["code"], organizer, "light")
    no_js_errors.append(watched)
    page = watched.page
    page.goto(f"{live_url}/console/{event['code']}/impact")
    assert page.locator("svg#topics .bar-value").count() == 10  # the ten most helped
    page.screenshot(path=str(SHOTS / "impact-busy.png"), full_page=True)
    for paper in ("A4", "Letter"):
        pdf = SHOTS / f"impact-busy-{paper}.pdf"
        page.pdf(path=str(pdf), format=paper, print_background=True)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        assert re.search(r"^Pages:\s+1$", info.stdout, re.M), info.stdout
        png = str(SHOTS / f"impact-busy-{paper}")
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), png], check=True)
