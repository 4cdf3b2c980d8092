"""Joins and answers at the same instant never push anyone over capacity."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from sqlalchemy import select

from mixer.extensions import db
from mixer.models import Attendee, Introduction
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
