"""Joins and answers at the same instant never push anyone over capacity."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from threading import Barrier
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text

from mixer.domain.models import Attendee, Introduction
from mixer.infra.extensions import db
from mixer.services import locking, matchmaking, rebalancing
from tests.api.test_api_rebalance import first_come_room
from tests.conftest import Room


def test_concurrent_joins_respect_giver_capacity(room: Room) -> None:
    givers = [room.join(f"G{i}", "give", ["hiring"], ["design"], capacity=2) for i in range(3)]
    count = 24
    barrier = Barrier(count)

    def join(n: int) -> int:
        client = room.app.test_client()
        barrier.wait()
        body = {"name": f"S{n}", "intent": "seek", "offers": ["design"], "seeks": ["hiring"]}
        return client.post(f"/api/v1/events/{room.code}/attendees", json=body).status_code

    with ThreadPoolExecutor(max_workers=count) as pool:
        statuses = list(pool.map(join, range(count)))
    assert statuses == [201] * count
    with room.app.app_context():
        people = {p.id: p for p in db.session.scalars(select(Attendee)).all()}
        intros = db.session.scalars(select(Introduction)).all()
        open_count: Counter[int] = Counter()
        for intro in intros:
            if intro.status in ("suggested", "accepted"):
                open_count[intro.a_id] += 1
                open_count[intro.b_id] += 1
        for pid, n in open_count.items():
            assert n <= people[pid].capacity, people[pid].name
        pairs = [(i.a_id, i.b_id) for i in intros]
        assert len(pairs) == len(set(pairs))
        for giver in givers:
            assert open_count[giver.id] == 2
        # Fairness: six places, six seekers served once each, nobody twice.
        seeker_counts = [open_count[p.id] for p in people.values() if p.intent == "seek"]
        assert sorted(seeker_counts, reverse=True)[:6] == [1] * 6


def test_concurrent_double_accept_is_consistent(room: Room) -> None:
    giver = room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    [intro] = seeker.intros()
    barrier = Barrier(8)

    def accept(n: int) -> int:
        phone = giver if n % 2 else seeker
        client = room.app.test_client()
        barrier.wait()
        return client.post(
            f"/api/v1/introductions/{intro['id']}/accept", headers=phone.headers()
        ).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert set(pool.map(accept, range(8))) == {200}
    [after] = seeker.intros()
    assert after["status"] == "accepted" and after["you_accepted"] and after["they_accepted"]


def open_counts_by_name(room: Room) -> dict[str, tuple[int, int]]:
    """Open (suggested or accepted) introductions and capacity, per person."""
    with room.app.app_context():
        people = {p.id: p for p in db.session.scalars(select(Attendee)).all()}
        held: Counter[int] = Counter()
        for intro in db.session.scalars(select(Introduction)).all():
            if intro.status in ("suggested", "accepted"):
                held.update((intro.a_id, intro.b_id))
        return {p.name: (held[pid], p.capacity) for pid, p in people.items()}


def test_a_place_is_never_given_twice_when_a_join_comes_while_the_room_is_read(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The event lock, forced to matter on SQLite too.

    A join writes its attendee before it reads the room, so on SQLite the database's own
    single writer keeps concurrent joins apart even without the event lock (the test
    above cannot fail there). A change that reads the room before it writes is protected
    by the event lock alone: here the re-balance matching someone its plan left short
    (Sol, who gets Gia's only place) while Uma, who can only use Gia, joins at that moment.
    """
    first_come_room(room)
    solved = rebalancing.solved

    def slow_solve(*args: Any, **kw: Any) -> Any:
        found = solved(*args, **kw)  # Sol: Gil -> Gus, and Sam gets Gil
        room.join("Tom", "seek", ["x"], ["ai"], capacity=1)  # takes Gus meanwhile
        room.join("Gia", "give", ["ai"], ["x"], capacity=1)  # Sol's place once Gus is gone
        return found

    met_lock = threading.Event()
    busy = locking._busy

    def noticed_busy(exc: Any) -> bool:
        if busy(exc):
            met_lock.set()
            return True
        return False

    suggest = matchmaking.suggest
    pool = ThreadPoolExecutor(1)
    joining: list[Future[int]] = []

    def uma_joins() -> int:
        body = {"name": "Uma", "intent": "seek", "offers": ["x"], "seeks": ["ai"], "capacity": 1}
        client = room.app.test_client()
        return client.post(f"/api/v1/events/{room.code}/attendees", json=body).status_code

    def read_then_let_uma_join(*args: Any, **kw: Any) -> Any:
        """Between reading the room and writing: Uma joins, or waits for the lock."""
        made = suggest(*args, **kw)
        if not joining and threading.current_thread() is threading.main_thread():
            joining.append(pool.submit(uma_joins))
            wait_until_blocked_or_done(room, joining[0], met_lock)
        return made

    def short_ones_matched_while_uma_joins(*args: Any, **kw: Any) -> Any:
        monkeypatch.setattr(matchmaking, "suggest", read_then_let_uma_join)
        return rematch(*args, **kw)

    rematch = rebalancing.rematch
    monkeypatch.setattr(rebalancing, "solved", slow_solve)
    monkeypatch.setattr(rebalancing, "rematch", short_ones_matched_while_uma_joins)
    monkeypatch.setattr(locking, "_busy", noticed_busy)
    with room.app.app_context():
        done = rebalancing.rebalance(room.code, min_age=0)
    assert joining, "the re-balance never matched the people its plan left short"
    assert joining[0].result(timeout=60) == 201
    pool.shutdown()
    assert (done.withdrawn, done.made) == (1, 2)
    held = open_counts_by_name(room)
    assert held["Gia"] == (1, 1), held
    over = {name: n for name, n in held.items() if n[0] > n[1]}
    assert over == {}, f"over capacity: {over}"


def wait_until_blocked_or_done(room: Room, future: Future[int], met_lock: threading.Event) -> None:
    """Until the join has finished, or waits for the event lock (SQLite: its write lock is
    taken; PostgreSQL: its backend waits on the event's row lock)."""
    with room.app.app_context():
        postgres = db.engine.dialect.name == "postgresql"
        watcher = create_engine(db.engine.url) if postgres else None
    try:
        for _ in range(3000):
            if future.done() or met_lock.is_set():
                return
            if watcher is not None:
                with watcher.connect() as connection:
                    waiting = connection.execute(
                        text(
                            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                            " AND datname = current_database()"
                        )
                    ).scalar()
                if waiting:
                    return
            met_lock.wait(0.01)
        raise AssertionError("the join neither finished nor waited for the lock")
    finally:
        if watcher is not None:
            watcher.dispose()


def test_double_click_on_start_round_starts_one_round(room: Room) -> None:
    """Two "Start round" requests at the same instant: one round, the other click told so."""
    room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"mode": "rounds"}, headers=room.org_headers()
    )
    topics = ["hiring", "design", "python", "sales"]
    phones = [room.join(f"P{i}", "both", [topics[i % 4]], [topics[(i + 1) % 4]]) for i in range(6)]
    count = 4
    barrier = Barrier(count)

    def start(_: int) -> tuple[int, str | None]:
        client = room.app.test_client()
        barrier.wait()
        response = client.post(
            f"/api/v1/events/{room.code}/rounds", json={}, headers=room.org_headers()
        )
        error = response.json.get("error") or {}
        return response.status_code, error.get("code")

    with ThreadPoolExecutor(max_workers=count) as pool:
        outcomes = list(pool.map(start, range(count)))
    assert sorted(outcomes, key=str) == [(201, None)] + [(409, "round_running")] * (count - 1)
    for phone in phones:
        live = [i for i in phone.intros() if i["round"] is not None]
        assert len(live) == 1, f"attendee {phone.id} has {len(live)} round partners"
