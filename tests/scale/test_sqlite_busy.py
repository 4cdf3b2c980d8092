"""Another process holding SQLite's write lock: the change waits and is tried again, once stored.

A `mixer` command, a second server or a backup on the same file may hold the lock longer
than the busy timeout. The change is then started again from scratch a few times; only
when the lock stays taken beyond all of them does the phone get a 503 that says to retry.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from mixer.domain.models import Attendee, Introduction
from mixer.infra.extensions import db
from mixer.services import answers, live_stats, locking
from tests.conftest import Phone, Room, make_app
from tests.scale.workers import Worker, call

BUSY = 0.2  # seconds SQLite waits for the lock, per try
RETRIES = 4
BUDGET = (RETRIES + 1) * BUSY  # then a 503


@pytest.fixture
def db_file(migrated_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "mixer.sqlite"
    shutil.copy(migrated_db, path)
    return path


@pytest.fixture
def busy_app(db_file: Path) -> Iterator[Flask]:
    app = make_app(db_file, SQLITE_BUSY_TIMEOUT=BUSY, SQLITE_BUSY_RETRIES=RETRIES)
    yield app
    with app.app_context():
        db.engine.dispose()


def hold_write_lock(path: Path) -> sqlite3.Connection:
    """What `sqlite3 mixer.sqlite` does in a write transaction: the lock, until it ends."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def join_body(name: str) -> dict[str, Any]:
    return {"name": name, "intent": "seek", "offers": ["design"], "seeks": ["hiring"]}


def count_named(app: Flask, name: str) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).where(Attendee.name == name)) or 0


def pushed(sock: Any) -> list[dict[str, Any]]:
    return [e["args"][0] for e in sock.get_received() if e["name"] == "introduction"]


def while_locked(path: Path, request: Any, hold: float, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Send the request while the lock is held; once it has met the lock, hold on beyond the
    busy timeout, check it still waits, release."""
    met_lock = threading.Event()
    busy = locking._busy

    def noticed(exc: Any) -> bool:
        found = busy(exc)
        if found:
            met_lock.set()
        return found

    monkeypatch.setattr(locking, "_busy", noticed)
    holder = hold_write_lock(path)
    with ThreadPoolExecutor(1) as pool:
        future: Future[Any] = pool.submit(request)
        try:
            assert met_lock.wait(30), "the change never asked for the write lock"
            time.sleep(hold)  # longer than one busy timeout, with the request waiting
            assert not future.done(), "gave up after one busy timeout instead of waiting on"
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        return future.result(timeout=30)


def test_a_join_waits_out_a_lock_held_beyond_the_busy_timeout_and_is_stored_once(
    busy_app: Flask, db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = Room(busy_app)
    giver = room.join("Gia", "give", ["hiring"], ["design"])
    sock = giver.socket()
    url = f"/api/v1/events/{room.code}/attendees"

    def join() -> Any:
        return busy_app.test_client().post(url, json=join_body("Sam"))

    response = while_locked(db_file, join, 4 * BUSY, monkeypatch)
    assert response.status_code == 201, response.json
    assert response.json["token"]
    assert count_named(busy_app, "Sam") == 1
    assert [p["other"]["name"] for p in pushed(sock)] == ["Sam"]
    seeker = Phone(busy_app.test_client(), room.code)
    seeker.token = response.json["token"]
    assert [i["other"]["name"] for i in seeker.intros()] == ["Gia"]


def test_an_accept_waits_out_the_lock_and_is_announced_once(
    busy_app: Flask, db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = Room(busy_app)
    giver = room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    [intro] = seeker.intros()
    sock = giver.socket()

    def accept() -> Any:
        return busy_app.test_client().post(
            f"/api/v1/introductions/{intro['id']}/accept", headers=seeker.headers()
        )

    response = while_locked(db_file, accept, 4 * BUSY, monkeypatch)
    assert response.status_code == 200, response.json
    assert response.json["introduction"]["you_accepted"] is True
    [heard] = pushed(sock)
    assert heard["they_accepted"] is True and heard["status"] == "suggested"
    [card] = giver.intros()
    assert card["they_accepted"] and not card["you_accepted"]


def test_a_lock_held_beyond_every_try_gives_503_json_and_stores_nothing(
    busy_app: Flask, db_file: Path
) -> None:
    room = Room(busy_app)
    giver = room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    [intro] = seeker.intros()
    sock = giver.socket()
    holder = hold_write_lock(db_file)
    try:
        started = time.monotonic()
        joined = busy_app.test_client().post(
            f"/api/v1/events/{room.code}/attendees", json=join_body("Sue")
        )
        waited = time.monotonic() - started
        accepted = seeker.respond(intro["id"], "accept")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    for response in (joined, accepted):
        assert response.status_code == 503
        assert response.json["error"]["code"] == "unavailable"
        assert "try again" in response.json["error"]["message"]
        assert response.headers["Retry-After"] == "5"
    assert waited >= BUDGET * 0.9  # every try was made
    assert count_named(busy_app, "Sue") == 0
    assert pushed(sock) == []
    assert seeker.intros()[0]["you_accepted"] is False
    # Nothing was half done: the same requests succeed once the lock is free.
    again = busy_app.test_client().post(
        f"/api/v1/events/{room.code}/attendees", json=join_body("Sue")
    )
    assert again.status_code == 201
    assert seeker.respond(intro["id"], "accept").status_code == 200


def test_a_change_after_a_read_that_another_writer_overtook_is_not_refused(
    busy_app: Flask, db_file: Path
) -> None:
    """SQLite refuses at once (no busy wait) to turn such a read into a write."""
    room = Room(busy_app)
    room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    [intro] = seeker.intros()
    with busy_app.app_context():
        db.session.execute(text("BEGIN"))
        person = db.session.get(Attendee, seeker.id)
        assert person is not None  # the read has begun
        other = sqlite3.connect(db_file, isolation_level=None)
        other.execute("UPDATE events SET seq = seq + 1")  # another writer commits
        other.close()
        answers.respond(person, intro["id"], "accept")
    with busy_app.app_context():
        stored = db.session.get(Introduction, intro["id"])
        assert stored is not None and stored.accepted_by(seeker.id)


def test_numbers_that_cannot_be_pushed_after_the_commit_do_not_fail_the_join(
    busy_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The join is stored: a 503 would say it was not, and a retry would join twice."""
    room = Room(busy_app)

    def locked(_event_id: int) -> None:
        raise OperationalError("UPDATE events", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(live_stats, "push", locked)
    response = busy_app.test_client().post(
        f"/api/v1/events/{room.code}/attendees", json=join_body("Sam")
    )
    assert response.status_code == 201
    assert count_named(busy_app, "Sam") == 1


HOLDER = """
import sqlite3, sys
other = sqlite3.connect(sys.argv[1], isolation_level=None)
other.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
other.execute("ROLLBACK")
"""


def timed_get(url: str, token: str | None = None) -> float:
    """Seconds one GET took to answer in full; it must succeed."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    started = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as r:
        r.read()
        assert r.status == 200
    return time.perf_counter() - started


def test_a_lock_held_by_another_process_stalls_only_the_waiting_change_under_gevent(
    db_file: Path, tmp_path: Path
) -> None:
    """`mixer serve` (gevent, one OS thread) while a `mixer` command or a backup holds the
    write lock for 10 s: static files and reads keep answering at once, the join waits."""
    env = {"MIXER_DATABASE_URL": f"sqlite:///{db_file}", "MIXER_SECRET_KEY": "busy"}
    server = Worker(env, tmp_path / "serve.log").ready()
    try:
        event = call("POST", f"{server.url}/api/v1/events", {"name": "Busy"})[1]["event"]
        joins = f"{server.url}/api/v1/events/{event['code']}/attendees"
        status, gia = call("POST", joins, {**join_body("Gia"), "intent": "give"})
        assert status == 201
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db_file)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert holder.stdout is not None and holder.stdin is not None
            assert holder.stdout.readline().strip() == "locked"
            released = time.monotonic() + 10
            with ThreadPoolExecutor(1) as pool:
                joining: Future[tuple[int, dict[str, str], Any]] = pool.submit(
                    call_with_headers, joins, join_body("Sam")
                )
                times: list[float] = []
                while time.monotonic() < released:
                    times.append(timed_get(f"{server.url}/static/favicon.svg"))
                    times.append(timed_get(f"{server.url}/api/v1/me", gia["token"]))
                assert not joining.done(), "the join neither waited for the lock nor failed"
                holder.stdin.write("release\n")
                holder.stdin.flush()
                status, headers, body = joining.result(timeout=60)
        finally:
            holder.kill()
            holder.communicate()
    finally:
        server.stop()
    slowest, median = max(times), statistics.median(times)
    print(
        f"\n{len(times)} answers during the lock: median {median * 1000:.1f} ms, "
        f"slowest {slowest * 1000:.1f} ms"
    )
    assert median < 0.1 and slowest < 1.0, (median, slowest)
    assert status == 201 or (status == 503 and headers.get("Retry-After")), (status, body)
    assert server.errors() == []


def call_with_headers(url: str, body: dict[str, Any]) -> tuple[int, dict[str, str], Any]:
    """POST JSON; status, headers and body, for errors too."""
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), json.loads(err.read() or b"{}")
