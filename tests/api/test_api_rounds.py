"""Rounds: the organizer starts a timed pass, everyone present meets someone new."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

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


def control(room: Room, action: str, **body: object) -> Any:
    url = f"/api/v1/events/{room.code}/rounds/current/{action}"
    return room.organizer.post(url, json=body or None, headers=room.org_headers())


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
        if number > 1:
            assert control(room, "end").status_code == 200
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
    real_solved = rounds_service.solved

    def solved_while_someone_leaves(*args: object, **kw: object) -> object:
        found = real_solved(*args, **kw)  # type: ignore[arg-type]
        response = leaver.client.patch(
            "/api/v1/me", json={"presence": "left"}, headers=leaver.headers()
        )
        assert response.status_code == 200
        return found

    monkeypatch.setattr(rounds_service, "solved", solved_while_someone_leaves)
    response = start(room)
    assert response.status_code == 201
    assert response.json["round"]["pairs"] == 1
    assert round_partners(leaver, 1) == set()
    paired = [p for p in phones[1:] if round_partners(p, 1)]
    assert len(paired) == 2  # the leaver's partner waits for the next round


def heard(sock: Any, name: str) -> list[dict[str, Any]]:
    return [m["args"][0] for m in sock.get_received() if m["name"] == name]


def stats_round(room: Room) -> Any:
    url = f"/api/v1/events/{room.code}/stats"
    return room.organizer.get(url, headers=room.org_headers()).json["round"]


def test_a_second_start_while_a_round_runs_is_refused_in_plain_words(room: Room) -> None:
    phones = rounds_room(room, 4)
    assert start(room, minutes=5).status_code == 201
    before = [p.intros() for p in phones]
    again = start(room, minutes=5)
    assert again.status_code == 409
    assert again.json["error"]["message"] == (
        "Round 1 is still running. End it first, or wait for its timer."
    )
    assert [p.intros() for p in phones] == before and stats_round(room)["number"] == 1


def test_undo_withdraws_the_round_as_if_it_never_started(room: Room) -> None:
    phones = rounds_room(room, 4)
    assert control(room, "undo").status_code == 409  # nothing to undo
    assert start(room, minutes=5).status_code == 201
    first = {p.id: round_partners(p, 1) for p in phones}
    socks = [p.socket() for p in phones]
    for sock in socks:
        sock.get_received()
    undone = control(room, "undo")
    assert undone.status_code == 200 and undone.json["round"]["number"] == 1
    for phone, sock in zip(phones, socks, strict=True):
        [push] = heard(sock, "round")
        assert push["undone"] is True and push["number"] == 1
        me = phone.me()
        assert me["introductions"] == [] and me["round"] is None  # also after a reload
    url = f"/api/v1/events/{room.code}/stats"
    stats = room.organizer.get(url, headers=room.org_headers()).json
    assert stats["round"] is None and sum(stats["introductions"].values()) == 0
    again = start(room, minutes=5)  # the number is free, and the same pairs may meet
    assert again.status_code == 201 and again.json["round"]["number"] == 1
    assert {p.id: round_partners(p, 1) for p in phones} == first


def test_swap_trades_partners_keeps_spots_and_tells_the_four_phones(room: Room) -> None:
    phones = rounds_room(room, 4)
    assert start(room, minutes=5).status_code == 201
    by_id = {p.id: p for p in phones}
    x = phones[0]
    [x_intro] = x.intros()
    x_partner = x_intro["other"]["id"]
    y = next(p for p in phones if p.id not in (x.id, x_partner))
    [y_intro] = y.intros()
    y_partner = y_intro["other"]["id"]
    spots = {x.id: x_intro["spot"], y.id: y_intro["spot"]}
    socks = {p.id: p.socket() for p in phones}
    for sock in socks.values():
        sock.get_received()

    assert control(room, "swap", attendees=[x.id, x.id]).status_code == 422
    assert control(room, "swap", attendees=[x.id]).status_code == 422
    assert control(room, "swap").status_code == 422
    missing = control(room, "swap", attendees=[x.id, 999999])
    assert missing.status_code == 404 and "999999" in missing.json["error"]["message"]
    together = control(room, "swap", attendees=[x.id, x_partner])
    assert together.status_code == 409 and "already together" in together.json["error"]["message"]

    swapped = control(room, "swap", attendees=[x.id, y.id])
    assert swapped.status_code == 200, swapped.json
    assert round_partners(x, 1) == {y_partner} and round_partners(y, 1) == {x_partner}
    assert round_partners(by_id[x_partner], 1) == {y.id}
    assert round_partners(by_id[y_partner], 1) == {x.id}
    # Spots stay with the groups: x walks to y's old spot, y to x's.
    assert [i["spot"] for i in x.intros()] == [spots[y.id]]
    assert [i["spot"] for i in y.intros()] == [spots[x.id]]
    for sock in socks.values():
        got = sock.get_received()
        [push] = [m["args"][0] for m in got if m["name"] == "round"]
        assert sorted(push["changed"]) == sorted(by_id)
        assert any(m["name"] == "introduction" for m in got)  # its new partner, at once
    url = f"/api/v1/events/{room.code}/stats"
    stats = room.organizer.get(url, headers=room.org_headers()).json
    assert stats["introductions"]["suggested"] == 2 and stats["introductions"]["expired"] == 0


def test_pause_resume_and_extend_the_timer_everywhere(room: Room) -> None:
    phones = rounds_room(room, 2)
    assert control(room, "pause").status_code == 409
    assert start(room, minutes=5).status_code == 201
    sock = phones[0].socket()
    sock.get_received()
    paused = control(room, "pause")
    assert paused.status_code == 200
    body = paused.json["round"]
    assert body["paused"] is True and 280 <= body["remaining"] <= 300
    [push] = heard(sock, "round")
    assert push["paused"] is True and push["remaining"] == body["remaining"]
    me = phones[0].me()  # a reload shows it paused too, and the card waits with it
    assert me["round"]["paused"] is True and me["round"]["remaining"] == body["remaining"]
    assert [i["expires_at"] for i in me["introductions"]] == [None]
    assert stats_round(room)["paused"] is True
    assert control(room, "pause").json["error"]["message"] == "The round is already paused."

    extended = control(room, "extend", minutes=2)
    assert extended.status_code == 200
    assert extended.json["round"]["remaining"] == body["remaining"] + 120
    assert extended.json["round"]["paused"] is True
    assert control(room, "extend", minutes=0).status_code == 422
    assert control(room, "extend", minutes="lots").status_code == 422

    resumed = control(room, "resume")
    assert resumed.status_code == 200 and resumed.json["round"]["paused"] is False
    assert resumed.json["round"]["remaining"] >= body["remaining"] + 115
    assert control(room, "resume").json["error"]["message"] == "The round is not paused."
    assert phones[0].me()["introductions"][0]["expires_at"] is not None
    assert control(room, "extend").json["round"]["remaining"] >= body["remaining"] + 230
    assert control(room, "end").status_code == 200
    for action in ("pause", "resume", "extend", "undo"):
        assert control(room, action).status_code == 409


def test_a_round_pair_meets_without_accepting_and_contacts_still_need_both(room: Room) -> None:
    rounds_room(room, 0)
    shares = {"share_contact": True}
    phones = [
        room.join("Ana", "seek", ["sql"], ["design"], email="ana@example.com", **shares),
        room.join("Ben", "give", ["design"], ["sql"], email="ben@example.com", **shares),
    ]
    assert start(room, minutes=5).status_code == 201
    [intro] = phones[0].intros()
    assert intro["status"] == "suggested"
    met = phones[0].respond(intro["id"], "met")
    assert met.status_code == 200 and met.json["introduction"]["status"] == "met"
    assert met.json["introduction"]["contact"] is None  # nobody agreed to keep in touch
    # Keeping in touch is the accept, even after meeting; contacts need both.
    kept = phones[0].respond(intro["id"], "accept")
    assert kept.status_code == 200 and kept.json["introduction"]["contact"] is None
    both = phones[1].respond(intro["id"], "accept").json["introduction"]
    assert both["status"] == "met" and both["you_accepted"] and both["they_accepted"]
    assert phones[0].intros()[0]["contact"] is not None


def test_a_pair_of_no_value_is_a_wildcard(room: Room) -> None:
    rounds_room(room, 0)
    a = room.join("Ana", "seek", ["sales"], ["legal"])
    b = room.join("Ben", "seek", ["cooking"], ["chess"])
    assert start(room, minutes=5).status_code == 201
    [intro] = a.intros()
    assert intro["wildcard"] is True and intro["for_you"] == intro["for_them"] == []
    assert "pay it forward" not in intro["opener"]
    assert b.intros()[0]["wildcard"] is True


def test_a_seeker_paired_one_way_is_never_told_to_pay_it_forward(room: Room) -> None:
    rounds_room(room, 0)
    ana = room.join("Ana", "seek", ["sql"], ["design"])  # never opted in to mentoring
    room.join("Ben", "seek", ["python"], ["sql"])
    assert start(room, minutes=5).status_code == 201
    [intro] = ana.intros()
    assert intro["for_them"] == ["sql"] and intro["for_you"] == []
    assert "pay it forward" not in intro["opener"] and "sql" in intro["opener"]
    assert intro["one_way"] is False and intro["wildcard"] is True
