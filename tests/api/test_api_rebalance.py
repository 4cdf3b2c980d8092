"""Re-balance: unanswered suggestions re-chosen for the whole room, answered ones kept."""

from __future__ import annotations

from typing import Any

import pytest

from mixer.domain.models import Introduction
from mixer.infra.extensions import db
from mixer.matching import Rebalance, Suggestion
from mixer.services import rebalancing
from tests.api.gevent_loop import assert_off_the_loop, loop_served_during
from tests.conftest import Phone, Room


def rebalance(room: Room) -> Any:
    url = f"/api/v1/events/{room.code}/rebalance"
    return room.organizer.post(url, headers=room.org_headers())


def first_come_room(room: Room) -> tuple[Phone, Phone, Phone, Phone]:
    """Sol takes the only giver Sam could use: one at a time, one seeker goes without."""
    g1 = room.join("Gil", "give", ["ai", "bio"], ["x"], capacity=1)
    g2 = room.join("Gus", "give", ["ai"], ["x"], capacity=1)
    s1 = room.join("Sol", "seek", ["x"], ["ai", "bio"], capacity=1)
    s2 = room.join("Sam", "seek", ["x"], ["bio"], capacity=1)
    assert [i["other"]["name"] for i in s1.intros()] == ["Gil"]
    assert s2.intros() == []
    return g1, g2, s1, s2


def partners(phone: Phone) -> dict[str, str]:
    return {i["other"]["name"]: i["status"] for i in phone.intros()}


def test_a_rebalance_serves_the_seeker_that_arrived_too_late(room: Room) -> None:
    _g1, _g2, s1, s2 = first_come_room(room)
    s1_socket = s1.socket()
    response = rebalance(room)
    assert response.status_code == 200
    assert response.json["rebalance"] == {
        "withdrawn": 1,
        "made": 2,
        "seekers_served_before": 1,
        "seekers_served_after": 2,
    }
    assert partners(s1) == {"Gil": "expired", "Gus": "suggested"}
    assert partners(s2) == {"Gil": "suggested"}
    pushed = [e["args"][0] for e in s1_socket.get_received() if e["name"] == "introduction"]
    assert {(p["other"]["name"], p["status"]) for p in pushed} == {
        ("Gil", "expired"),
        ("Gus", "suggested"),
    }
    assert rebalance(room).json["rebalance"]["withdrawn"] == 0  # nothing left to gain


def test_an_accepted_introduction_is_never_withdrawn(room: Room) -> None:
    _g1, _g2, s1, s2 = first_come_room(room)
    (card,) = s1.intros()
    assert s1.respond(card["id"], "accept").status_code == 200
    response = rebalance(room)
    assert response.status_code == 200
    assert response.json["rebalance"]["withdrawn"] == 0
    assert partners(s1) == {"Gil": "suggested"}  # accepted by one side: still open
    assert s2.intros() == []


def test_rebalance_is_for_the_organizer_and_for_live_suggestions(room: Room) -> None:
    first_come_room(room)
    url = f"/api/v1/events/{room.code}/rebalance"
    assert room.app.test_client().post(url).status_code == 401
    room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"status": "paused"}, headers=room.org_headers()
    )
    response = rebalance(room)
    assert response.status_code == 409
    assert "paused" in response.json["error"]["message"]


def test_the_periodic_pass_leaves_suggestions_people_may_be_reading(room: Room) -> None:
    _g1, _g2, s1, s2 = first_come_room(room)
    seen: dict[int, int] = {}
    with room.app.app_context():
        assert rebalancing.rebalance_changed(seen) == 0  # Sol's card is seconds old
        assert partners(s1) == {"Gil": "suggested"} and s2.intros() == []
        room.app.config["REBALANCE_MIN_AGE"] = 0  # a minute later, with nothing else changed
        assert rebalancing.rebalance_changed(seen) == 3
    assert partners(s2) == {"Gil": "suggested"}


def test_the_periodic_pass_rebalances_changed_rooms_once(room: Room) -> None:
    _g1, _g2, _s1, s2 = first_come_room(room)
    room.app.config["REBALANCE_MIN_AGE"] = 0
    seen: dict[int, int] = {}
    with room.app.app_context():
        assert rebalancing.rebalance_changed(seen) == 3  # one withdrawn, two made
        assert rebalancing.rebalance_changed(seen) == 0  # looked again: nothing better
        assert rebalancing.rebalance_changed(seen) == 0  # unchanged: not even looked at
    assert partners(s2) == {"Gil": "suggested"}


def test_a_big_plan_is_applied_in_short_steps_that_free_places_first() -> None:
    make = [Suggestion(i, 1000 + i, 1.0, ("t",), ("t",), False) for i in range(60)]
    withdraw = [(i, 2000 + i) for i in range(0, 60, 2)] + [(3000, 3001), (3002, 3003)]
    plan = Rebalance(withdraw=withdraw, make=make, served=(0, 0), value=(0.0, 0.0))
    steps = list(rebalancing._batches(plan))
    assert all(len(m) <= rebalancing.BATCH for _w, m in steps)
    assert sorted(p for w, _m in steps for p in w) == sorted(withdraw)  # each exactly once
    assert [s for _w, m in steps for s in m] == make
    for w, m in steps:
        people = {pid for s in m for pid in (s.a, s.b)}
        assert all(a in people or b in people for a, b in w) or not m


def test_someone_whose_planned_partner_was_taken_meanwhile_is_matched_again(
    room: Room, monkeypatch: Any
) -> None:
    """The plan is solved without the lock: places can go while it is worked out."""
    _g1, _g2, s1, s2 = first_come_room(room)
    solved = rebalancing.solved

    def slow_solve(*args: Any, **kw: Any) -> Any:
        found = solved(*args, **kw)  # Sol: Gil → Gus, and Sam gets Gil
        room.join("Tom", "seek", ["x"], ["ai"], capacity=1)  # takes Gus meanwhile
        room.join("Gia", "give", ["ai"], ["x"], capacity=1)  # nobody free wants her yet
        return found

    monkeypatch.setattr(rebalancing, "solved", slow_solve)
    with room.app.app_context():
        done = rebalancing.rebalance(room.code, min_age=0)
    assert (done.withdrawn, done.made) == (1, 2)  # Sam and Gil as planned, Sol and Gia instead
    assert partners(s1) == {"Gil": "expired", "Gia": "suggested"}
    assert partners(s2) == {"Gil": "suggested"}


def switch(room: Room, mode: str) -> None:
    url = f"/api/v1/events/{room.code}"
    response = room.organizer.patch(url, json={"mode": mode}, headers=room.org_headers())
    assert response.status_code == 200, response.json


def test_switching_suggestions_on_matches_the_whole_room(room: Room) -> None:
    switch(room, "rounds")
    g1 = room.join("Gil", "give", ["bio"], ["x"], capacity=1)
    g2 = room.join("Gus", "give", ["ai"], ["x"], capacity=1)
    s1 = room.join("Sol", "seek", ["x"], ["ai"], capacity=1)
    s2 = room.join("Sam", "seek", ["x"], ["bio"], capacity=1)
    assert [p.intros() for p in (g1, g2, s1, s2)] == [[], [], [], []]
    switch(room, "continuous")
    assert partners(s1) == {"Gus": "suggested"}
    assert partners(s2) == {"Gil": "suggested"}


def test_a_mode_switch_solves_without_holding_the_room(room: Room, monkeypatch: Any) -> None:
    """In a room of thousands the whole-room match takes seconds: it is solved from a
    snapshot in the solver process while others' changes go on, then applied as far as
    it still holds (nobody over capacity)."""
    switch(room, "rounds")
    giver = room.join("Gil", "give", ["ai"], ["x"], capacity=1)
    room.join("Sol", "seek", ["x"], ["ai"], capacity=1)
    solved = rebalancing.solved
    meanwhile: list[Phone] = []

    def slow_solve(*args: Any, **kw: Any) -> Any:
        found = solved(*args, **kw)  # Sol and Gil
        meanwhile.append(room.join("Tom", "seek", ["x"], ["ai"], capacity=1))  # takes Gil
        return found

    monkeypatch.setattr(rebalancing, "solved", slow_solve)
    switch(room, "continuous")
    assert len(meanwhile) == 1, "the switch did not solve away from the room"
    assert partners(meanwhile[0]) == {"Gil": "suggested"}
    assert [i["other"]["name"] for i in giver.intros()] == ["Tom"]


def test_under_gevent_a_mode_switch_reads_the_room_off_the_loop(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading a room of 10,000 and pickling it for the solver held a gevent server's only
    loop 0.2-0.4 s: it is done in another thread, and the loop serves others meanwhile."""
    switch(room, "rounds")
    room.join("Gil", "give", ["ai"], ["x"], capacity=1)
    seeker = room.join("Sol", "seek", ["x"], ["ai"], capacity=1)
    with loop_served_during(monkeypatch, rebalancing, "matching_people") as seen:
        switch(room, "continuous")
    assert_off_the_loop(seen)
    assert partners(seeker) == {"Gil": "suggested"}


def test_a_warm_introduction_is_never_withdrawn(room: Room) -> None:
    """Made through someone both know (`via` set), it stays as an answered one does, even
    where re-choosing would serve one more seeker."""
    _g1, g2, s1, s2 = first_come_room(room)
    (card,) = s1.intros()
    with room.app.app_context():
        intro = db.session.get(Introduction, card["id"])
        assert intro is not None
        intro.via_id = g2.id  # Gus knew both and introduced them
        db.session.commit()
    response = rebalance(room)
    assert response.status_code == 200
    assert response.json["rebalance"]["withdrawn"] == 0
    assert partners(s1) == {"Gil": "suggested"}
    assert s2.intros() == []
