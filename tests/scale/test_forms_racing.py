"""Copies of the same form racing to a live server, on SQLite and on PostgreSQL: one thing."""

from __future__ import annotations

import json
import re
import secrets
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from pathlib import Path
from threading import Barrier

import pytest
from flask import Flask
from sqlalchemy import func, select
from werkzeug.serving import make_server

from mixer.domain.models import Attendee, Event
from mixer.infra.extensions import db
from tests.conftest import app_on
from tests.scale.workers import Worker

COPIES = 8


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@pytest.fixture(params=["sqlite", "postgresql"])
def live(request: pytest.FixtureRequest, migrated_db: Path, tmp_path: Path) -> Iterator[Flask]:
    """The app on a real port, threaded, on a fresh database of either kind."""
    for app in app_on(request, migrated_db, tmp_path):
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        app.config["LIVE_URL"] = f"http://127.0.0.1:{server.server_port}"
        yield app
        server.shutdown()
        thread.join(5)


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def send_at_once(requests: list[urllib.request.Request], opener: urllib.request.OpenerDirector):
    """Every request released at the same instant; (status, body) of each."""
    barrier = Barrier(len(requests))

    def send(request: urllib.request.Request) -> tuple[int, str]:
        barrier.wait()
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(send, requests))


def test_racing_copies_of_one_api_join_make_one_attendee(live: Flask) -> None:
    base = live.config["LIVE_URL"]
    opener = urllib.request.build_opener()
    made = json.loads(
        opener.open(
            urllib.request.Request(
                f"{base}/api/v1/events",
                data=json.dumps({"name": "Race night"}).encode(),
                headers={"Content-Type": "application/json"},
            )
        ).read()
    )
    code = made["event"]["code"]
    nonce = secrets.token_urlsafe(16)
    body = {"name": "Sam", "intent": "seek", "seeks": ["hiring"], "nonce": nonce}
    request = urllib.request.Request(
        f"{base}/api/v1/events/{code}/attendees",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    answers = send_at_once([request] * COPIES, opener)
    assert {status for status, _ in answers} == {201}
    assert len({json.loads(text)["token"] for _, text in answers}) == 1
    assert count(live, Attendee) == 1


def test_racing_copies_of_one_join_form_make_one_attendee(live: Flask) -> None:
    """A double tap as the browser sends it: the same form, same cookie, at the same time."""
    base = live.config["LIVE_URL"]
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    api = urllib.request.build_opener()
    code = json.loads(
        api.open(
            urllib.request.Request(
                f"{base}/api/v1/events",
                data=json.dumps({"name": "Race night"}).encode(),
                headers={"Content-Type": "application/json"},
            )
        ).read()
    )["event"]["code"]
    page = opener.open(f"{base}/e/{code}").read().decode()
    form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
    form |= {"name": "Sam", "intent": "seek", "seeks": "hiring"}
    request = urllib.request.Request(
        f"{base}/e/{code}",
        data=urllib.parse.urlencode(form).encode(),
        headers={"Origin": base},
    )
    answers = send_at_once([request] * COPIES, opener)
    assert {status for status, _ in answers} == {303}
    assert count(live, Attendee) == 1


def test_racing_copies_of_one_create_form_make_one_event(live: Flask) -> None:
    base = live.config["LIVE_URL"]
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = opener.open(f"{base}/").read().decode()
    form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
    request = urllib.request.Request(
        f"{base}/",
        data=urllib.parse.urlencode(form | {"name": "Race night"}).encode(),
        headers={"Origin": base},
    )
    answers = send_at_once([request] * COPIES, opener)
    assert {status for status, _ in answers} == {303}
    assert count(live, Event) == 1


def test_two_workers_hand_the_link_over_once_and_make_one_person_of_a_join(
    two_workers: tuple[Worker, Worker],
) -> None:
    """Several workers on PostgreSQL: the hand-over and the nonces live in the database."""
    a, b = two_workers
    jar = CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = browser.open(f"{a.url}/").read().decode()
    form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
    created = urllib.request.Request(
        f"{a.url}/",
        data=urllib.parse.urlencode(form | {"name": "Two workers"}).encode(),
        headers={"Origin": a.url},
    )
    try:
        browser.open(created)
        raise AssertionError("the create form must redirect")
    except urllib.error.HTTPError as exc:
        assert exc.code == 303
        ready = exc.headers["Location"]
    shown = browser.open(f"{b.url}{ready}").read().decode()
    assert "?token=" in shown
    again = browser.open(f"{a.url}{ready}").read().decode()
    assert "?token=" not in again and "stays signed in to the console" in again

    code = ready.split("/created/")[1].split("?")[0]
    body = {
        "name": "Sam",
        "intent": "seek",
        "seeks": ["hiring"],
        "nonce": secrets.token_urlsafe(16),
    }
    requests = [
        urllib.request.Request(
            f"{w.url}/api/v1/events/{code}/attendees",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        for w in (a, b, a, b)
    ]
    answers = send_at_once(requests, urllib.request.build_opener())
    assert {status for status, _ in answers} == {201}
    assert len({json.loads(text)["token"] for _, text in answers}) == 1
    token = re.search(r"\?token=([\w-]+)", shown)
    assert token is not None
    listed = urllib.request.Request(
        f"{b.url}/api/v1/events/{code}/attendees",
        headers={"Authorization": f"Bearer {token.group(1)}"},
    )
    assert len(json.loads(urllib.request.urlopen(listed).read())["attendees"]) == 1
    assert a.errors() == [] and b.errors() == []
