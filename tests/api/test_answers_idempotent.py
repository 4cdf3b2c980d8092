"""Answers sent twice, or by both sides at the same instant: one outcome, stored and pushed once.

Each concurrent answer comes from its own client in its own thread, released together, so
the requests really overlap (on SQLite and on PostgreSQL). The only refusal is a 409 where
the state truly conflicts, and it never tells the other side of a decline.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier
from typing import Any

from flask import Flask

from mixer.domain.models import Introduction
from mixer.infra.extensions import db
from tests.conftest import Phone, Room

REPEATS = 3  # a race is run on a few fresh pairs: each run may interleave differently


def pair(app: Flask) -> tuple[Room, Phone, Phone, int]:
    """A giver and a seeker, both sharing their contact, and their one introduction."""
    room = Room(app)
    giver = room.join(
        "Gia", "give", ["hiring"], ["design"], email="gia@example.com", share_contact=True
    )
    seeker = room.join(
        "Sam", "seek", ["design"], ["hiring"], email="sam@example.com", share_contact=True
    )
    [intro] = seeker.intros()
    return room, giver, seeker, intro["id"]


def answer(app: Flask, phone: Phone, intro_id: int, action: str) -> Callable[[], Any]:
    """A request with its own client, to be sent from any thread."""
    return lambda: app.test_client().post(
        f"/api/v1/introductions/{intro_id}/{action}", headers=phone.headers()
    )


def at_once(*requests: Callable[[], Any]) -> list[Any]:
    """Send every request from its own thread, all released at the same instant."""
    barrier = Barrier(len(requests))

    def run(request: Callable[[], Any]) -> Any:
        barrier.wait()
        return request()

    with ThreadPoolExecutor(len(requests)) as pool:
        return list(pool.map(run, requests))


def stored(app: Flask, intro_id: int) -> Introduction:
    with app.app_context():
        row = db.session.get(Introduction, intro_id)
        assert row is not None
        db.session.expunge(row)
        return row


def heard(sock: Any, intro_id: int) -> list[dict[str, Any]]:
    return [
        e["args"][0]
        for e in sock.get_received()
        if e["name"] == "introduction" and e["args"][0]["id"] == intro_id
    ]


def card(phone: Phone, intro_id: int) -> dict[str, Any]:
    return next(i for i in phone.intros() if i["id"] == intro_id)


def test_accepting_twice_gives_the_same_answer_stores_one_accept_and_pushes_once(
    app: Flask,
) -> None:
    _room, giver, seeker, intro_id = pair(app)
    socks = giver.socket(), seeker.socket()
    first = seeker.respond(intro_id, "accept")
    again = seeker.respond(intro_id, "accept")
    assert first.status_code == again.status_code == 200
    assert again.json == first.json
    row = stored(app, intro_id)
    assert (row.status, row.a_accepted, row.b_accepted) == ("suggested", False, True)
    assert [len(heard(s, intro_id)) for s in socks] == [1, 1]


def test_a_double_tap_on_accept_stores_one_accept_and_pushes_once(app: Flask) -> None:
    for _ in range(REPEATS):
        _room, giver, seeker, intro_id = pair(app)
        socks = giver.socket(), seeker.socket()
        responses = at_once(*[answer(app, seeker, intro_id, "accept")] * 2)
        assert [r.status_code for r in responses] == [200, 200]
        assert all(r.json["introduction"]["you_accepted"] for r in responses)
        row = stored(app, intro_id)
        assert (row.status, row.a_accepted, row.b_accepted) == ("suggested", False, True)
        assert [len(heard(s, intro_id)) for s in socks] == [1, 1]


def test_both_sides_accepting_at_once_end_accepted_with_contacts_for_both(app: Flask) -> None:
    for _ in range(REPEATS):
        _room, giver, seeker, intro_id = pair(app)
        socks = giver.socket(), seeker.socket()
        responses = at_once(
            answer(app, giver, intro_id, "accept"), answer(app, seeker, intro_id, "accept")
        )
        assert [r.status_code for r in responses] == [200, 200]
        # Whichever came second saw both answers.
        assert "accepted" in {r.json["introduction"]["status"] for r in responses}
        row = stored(app, intro_id)
        assert (row.status, row.a_accepted, row.b_accepted) == ("accepted", True, True)
        assert row.spot in ("Table 1", "Table 2") and row.declined_by is None
        assert card(giver, intro_id)["contact"]["email"] == "sam@example.com"
        assert card(seeker, intro_id)["contact"]["email"] == "gia@example.com"
        for sock in socks:  # one push per answer; by seq (as phones draw), the last says accepted
            pushes = sorted(heard(sock, intro_id), key=lambda p: p["seq"])
            assert [p["status"] for p in pushes] == ["suggested", "accepted"]


def test_accept_racing_the_other_sides_decline_ends_declined_and_never_mutual(
    app: Flask,
) -> None:
    for _ in range(REPEATS):
        _room, giver, seeker, intro_id = pair(app)
        accepted, declined = at_once(
            answer(app, seeker, intro_id, "accept"), answer(app, giver, intro_id, "decline")
        )
        assert declined.status_code == 200
        assert declined.json["introduction"]["status"] == "declined"
        # The accept either came first (and counted) or found the introduction over.
        assert accepted.status_code in (200, 409), accepted.json
        row = stored(app, intro_id)
        assert (row.status, row.declined_by) == ("declined", giver.id)
        assert row.a_accepted is False and row.b_accepted is (accepted.status_code == 200)
        if accepted.status_code == 409:
            assert accepted.json["error"]["code"] == "conflict"
            assert "declin" not in str(accepted.json)
        seen = card(seeker, intro_id)
        assert seen["status"] == "expired" and seen["contact"] is None
        assert "declin" not in str(seeker.me())
        assert card(giver, intro_id)["contact"] is None


def test_declining_twice_keeps_one_decline_and_pushes_once(app: Flask) -> None:
    _room, giver, seeker, intro_id = pair(app)
    socks = giver.socket(), seeker.socket()
    first = giver.respond(intro_id, "decline")
    closed_at = stored(app, intro_id).closed_at
    again = giver.respond(intro_id, "decline")
    assert first.status_code == again.status_code == 200
    assert again.json == first.json
    row = stored(app, intro_id)
    assert (row.status, row.declined_by, row.closed_at) == ("declined", giver.id, closed_at)
    assert [len(heard(s, intro_id)) for s in socks] == [1, 1]


def test_a_double_tap_on_decline_keeps_one_decline(app: Flask) -> None:
    for _ in range(REPEATS):
        _room, giver, seeker, intro_id = pair(app)
        socks = giver.socket(), seeker.socket()
        responses = at_once(*[answer(app, giver, intro_id, "decline")] * 2)
        assert [r.status_code for r in responses] == [200, 200]
        row = stored(app, intro_id)
        assert (row.status, row.declined_by) == ("declined", giver.id)
        assert [len(heard(s, intro_id)) for s in socks] == [1, 1]


def test_both_sides_declining_at_once_never_tells_either_of_the_other(app: Flask) -> None:
    for _ in range(REPEATS):
        _room, giver, seeker, intro_id = pair(app)
        responses = at_once(
            answer(app, giver, intro_id, "decline"), answer(app, seeker, intro_id, "decline")
        )
        row = stored(app, intro_id)
        assert row.status == "declined" and row.declined_by in (giver.id, seeker.id)
        first, second = (giver, seeker) if row.declined_by == giver.id else (seeker, giver)
        by_phone = dict(zip((giver.id, seeker.id), responses, strict=True))
        assert by_phone[first.id].status_code == 200
        # The second finds it over, exactly as if it had expired.
        late = by_phone[second.id]
        assert late.status_code == 409 and late.json["error"]["code"] == "conflict"
        assert "declin" not in str(late.json)
        assert card(second, intro_id)["status"] == "expired"


def test_marking_met_twice_and_from_both_sides_at_once_is_one_met(app: Flask) -> None:
    for _ in range(REPEATS):
        _room, giver, seeker, intro_id = pair(app)
        assert giver.respond(intro_id, "accept").status_code == 200
        assert seeker.respond(intro_id, "accept").status_code == 200
        socks = giver.socket(), seeker.socket()
        responses = at_once(
            answer(app, giver, intro_id, "met"),
            answer(app, seeker, intro_id, "met"),
            answer(app, seeker, intro_id, "met"),
        )
        assert [r.status_code for r in responses] == [200, 200, 200]
        assert {r.json["introduction"]["status"] for r in responses} == {"met"}
        row = stored(app, intro_id)
        met_at = row.met_at
        assert (row.status, row.a_accepted, row.b_accepted) == ("met", True, True)
        assert giver.respond(intro_id, "met").status_code == 200
        assert stored(app, intro_id).met_at == met_at
        assert [len(heard(s, intro_id)) for s in socks] == [1, 1]


def test_accept_after_a_decline_is_a_clear_409_for_either_side(app: Flask) -> None:
    _room, giver, seeker, intro_id = pair(app)
    assert giver.respond(intro_id, "decline").status_code == 200
    mine = giver.respond(intro_id, "accept")
    assert mine.status_code == 409
    assert mine.json["error"] == {
        "code": "conflict",
        "message": "This introduction is declined. It can no longer be accepted.",
        "fields": {},
    }
    theirs = seeker.respond(intro_id, "accept")
    assert theirs.status_code == 409
    assert theirs.json["error"]["message"] == (
        "This introduction is expired. It can no longer be accepted."
    )
    met = seeker.respond(intro_id, "met")
    assert met.status_code == 409 and "declin" not in str(met.json)
    row = stored(app, intro_id)
    assert (row.status, row.a_accepted, row.b_accepted) == ("declined", False, False)
