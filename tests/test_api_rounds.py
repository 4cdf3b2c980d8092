"""Rounds: the organizer starts a timed pass, everyone present meets someone new."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mixer.services import rounds as rounds_service
from tests.conftest import Phone, Room


def start(room: Room, **body: object) -> object:
    url = f"/api/v1/events/{room.code}/rounds"
    return room.organizer.post(url, json=body, headers=room.org_headers())


def rounds_room(room: Room, n: int) -> list[Phone]:
    room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"mode": "rounds"}, headers=room.org_headers()
    )
    topics = ["hiring", "design", "python", "sales"]
    return [room.join(f"P{i}", "both", [topics[i % 4]], [topics[(i + 1) % 4]]) for i in range(n)]


def round_partners(phone: Phone, number: int) -> set[int]:
    return {i["other"]["id"] for i in phone.intros() if i["round"] == number}


def test_a_round_needs_two_people(room: Room) -> None:
    rounds_room(room, 1)
    response = start(room)
    assert response.status_code == 409
    assert "at least two" in response.json["error"]["message"]


def test_everyone_present_gets_a_partner_a_spot_and_the_timer(room: Room) -> None:
    phones = rounds_room(room, 4)
    assert all(p.intros() == [] for p in phones)  # rounds mode: no continuous suggestions
    socks = [p.socket() for p in phones]
    response = start(room, minutes=5)
    assert response.status_code == 201
    body = response.json["round"]
    assert body["number"] == 1 and body["pairs"] == 2
    for phone, sock in zip(phones, socks, strict=True):
        names = [m["name"] for m in sock.get_received()]
        assert "round" in names and "introduction" in names
        [intro] = phone.intros()
        assert intro["round"] == 1 and intro["spot"] in ("Table 1", "Table 2")
    stats = room.organizer.get(f"/api/v1/events/{room.code}/stats", headers=room.org_headers()).json
    assert stats["round"]["number"] == 1 and stats["round"]["pairs"] == 2


def test_odd_count_makes_one_trio_and_rounds_never_repeat_a_pair(room: Room) -> None:
    phones = rounds_room(room, 7)
    seen: set[frozenset[int]] = set()
    for number in (1, 2, 3):  # 7 people: 21 pairs, each round uses 5 (three pairs and a trio)
        response = start(room, minutes=1)
        assert response.status_code == 201, response.json
        groups_of = {p.id: round_partners(p, number) for p in phones}
        assert all(groups_of.values()), f"round {number}: everyone present has a partner"
        assert sorted(len(g) for g in groups_of.values()).count(2) == 3  # the trio
        assert response.json["round"]["pairs"] == 3  # two pairs and the trio
        pairs = {frozenset((p, q)) for p, partners in groups_of.items() for q in partners}
        assert not (pairs & seen), "a pair met twice"
        seen |= pairs
    assert len(seen) == 15


def test_end_round_and_bad_input(room: Room) -> None:
    rounds_room(room, 2)
    url = f"/api/v1/events/{room.code}/rounds/current/end"
    assert room.organizer.post(url, headers=room.org_headers()).status_code == 409  # none running
    assert start(room, minutes=0).status_code == 422
    assert start(room, minutes="ten").status_code == 422
    assert start(room, minutes=10).status_code == 201
    ended = room.organizer.post(url, headers=room.org_headers())
    assert ended.status_code == 200 and ended.json["round"]["number"] == 1
    stats = room.organizer.get(f"/api/v1/events/{room.code}/stats", headers=room.org_headers()).json
    assert stats["round"] is None
    assert (
        room.app.test_client().post(f"/api/v1/events/{room.code}/rounds", json={}).status_code
        == 401
    )


def test_closing_the_event_ends_a_running_round_everywhere(room: Room) -> None:
    phones = rounds_room(room, 2)
    assert start(room, minutes=3).status_code == 201
    sock = phones[0].socket()
    sock.get_received()
    closed = room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"status": "closed"}, headers=room.org_headers()
    )
    assert closed.status_code == 200
    heard = {m["name"]: m["args"][0] for m in sock.get_received()}
    assert heard["event"]["status"] == "closed"
    ended = datetime.fromisoformat(heard["round"]["ends_at"])
    assert heard["round"]["number"] == 1 and ended <= datetime.now(UTC)  # the timer stopped
    stats = room.organizer.get(f"/api/v1/events/{room.code}/stats", headers=room.org_headers()).json
    assert stats["round"] is None  # also after a reload
    url = f"/api/v1/events/{room.code}/rounds/current/end"
    assert room.organizer.post(url, headers=room.org_headers()).status_code == 409


def test_absent_people_sit_a_round_out(room: Room) -> None:
    phones = rounds_room(room, 3)
    phones[2].client.patch("/api/v1/me", json={"presence": "busy"}, headers=phones[2].headers())
    assert start(room).json["round"]["pairs"] == 1
    assert phones[2].intros() == []


def test_someone_leaving_while_the_round_is_solved_is_left_out_not_paired(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan is solved without the event's lock; changes made meanwhile win."""
    phones = rounds_room(room, 4)
    leaver = phones[0]
    real_solve = rounds_service.solve

    def solve_while_someone_leaves(*args: object, **kw: object) -> object:
        plan = real_solve(*args, **kw)
        response = leaver.client.patch(
            "/api/v1/me", json={"presence": "left"}, headers=leaver.headers()
        )
        assert response.status_code == 200
        return plan

    monkeypatch.setattr(rounds_service, "solve", solve_while_someone_leaves)
    response = start(room)
    assert response.status_code == 201
    assert response.json["round"]["pairs"] == 1
    assert round_partners(leaver, 1) == set()
    paired = [p for p in phones[1:] if round_partners(p, 1)]
    assert len(paired) == 2  # the leaver's partner waits for the next round
