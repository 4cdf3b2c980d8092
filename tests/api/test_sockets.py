"""Live pushes: the right people hear each change, nobody else, after the commit."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from flask_socketio import SocketIOTestClient

from mixer.infra.extensions import socketio
from mixer.services import live_stats
from tests.api.gevent_loop import assert_off_the_loop, loop_served_during
from tests.conftest import Room


def received(sock: SocketIOTestClient, name: str) -> list[dict[str, Any]]:
    return [m["args"][0] for m in sock.get_received() if m["name"] == name]


def test_connect_without_valid_token_is_refused(room: Room) -> None:
    anonymous = socketio.test_client(room.app, auth={"token": "nope"})
    assert not anonymous.is_connected()
    nothing = socketio.test_client(room.app)
    assert not nothing.is_connected()


def test_introduction_reaches_both_sides_and_nobody_else(room: Room) -> None:
    bystander = room.join("Oz", "seek", ["finance"], ["cooking"])
    giver = room.join("Gia", "give", ["hiring"], ["design"])
    giver_sock, bystander_sock = giver.socket(), bystander.socket()
    assert giver_sock.is_connected()
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    [to_giver] = received(giver_sock, "introduction")
    assert to_giver["other"]["name"] == "Sam"
    assert to_giver["for_you"] == ["design"]
    assert isinstance(to_giver["seq"], int)
    assert received(bystander_sock, "introduction") == []
    seeker_sock = seeker.socket()
    giver.respond(to_giver["id"], "accept")
    [update] = received(seeker_sock, "introduction")
    assert update["they_accepted"] is True and update["you_accepted"] is False
    assert received(bystander_sock, "introduction") == []


def test_cookie_from_join_authenticates_the_socket(room: Room) -> None:
    giver = room.join("Gia", "give", ["hiring"], ["design"])
    sock = giver.socket(auth={"event": room.code})
    assert sock.is_connected()
    room.join("Sam", "seek", ["design"], ["hiring"])
    assert len(received(sock, "introduction")) == 1


def test_decline_reaches_the_other_side_as_an_expiry(room: Room) -> None:
    giver = room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    sock = seeker.socket()
    [intro] = giver.intros()
    giver.respond(intro["id"], "decline")
    [update] = received(sock, "introduction")
    assert update["status"] == "expired"
    assert "declin" not in str(update)


def test_seq_grows_per_recipient_and_me_reports_it(room: Room) -> None:
    giver = room.join("Gia", "give", ["hiring"], ["design"], capacity=5)
    sock = giver.socket()
    seekers = [room.join(f"S{i}", "seek", ["design"], ["hiring"]) for i in range(3)]
    seqs = [m["seq"] for m in received(sock, "introduction")]
    assert len(seqs) == 3 and seqs == sorted(seqs) and len(set(seqs)) == 3
    assert giver.me()["seq"] >= seqs[-1]
    intro_id = seekers[0].intros()[0]["id"]
    seekers[0].respond(intro_id, "accept")
    [later] = received(sock, "introduction")
    assert later["seq"] > seqs[-1]


def test_organizer_hears_stats_and_event_changes_attendees_hear_event(room: Room) -> None:
    console = socketio.test_client(room.app, auth={"token": room.organizer_token})
    assert console.is_connected()
    phone = room.join("Gia", "give", ["hiring"], ["design"])
    phone_sock = phone.socket()
    [stats] = received(console, "stats")[-1:]
    assert stats["attendees"]["total"] == 1
    assert "seq" in stats
    room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"status": "paused"}, headers=room.org_headers()
    )
    [event] = received(phone_sock, "event")
    assert event["status"] == "paused" and "seq" in event
    assert received(phone_sock, "stats") == []
    assert received(console, "event")[0]["status"] == "paused"


def test_organizer_of_another_event_hears_nothing(room: Room) -> None:
    other = Room(room.app)
    spy = socketio.test_client(room.app, auth={"token": other.organizer_token})
    room.join("Gia", "give", ["hiring"], ["design"])
    room.join("Sam", "seek", ["design"], ["hiring"])
    assert spy.get_received() == []


def test_nothing_is_pushed_when_the_change_is_refused(room: Room) -> None:
    giver = room.join("Gia", "give", ["hiring"], ["design"])
    sock = giver.socket()
    bad = room.organizer.post(
        f"/api/v1/events/{room.code}/attendees", json={"name": "", "intent": "seek"}
    )
    assert bad.status_code == 422
    assert sock.get_received() == []


def test_stats_pushes_are_throttled_but_the_last_change_arrives(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window ends when the test says, not after seconds a slow machine may overrun."""
    room.app.config["STATS_MIN_INTERVAL"] = 3600  # every join below falls inside the window
    window_over = threading.Event()
    later = live_stats._later

    def later_when_the_window_ends(app: Any, event_id: int, _wait: float) -> None:
        assert window_over.wait(30), "the test never ended the window"
        later(app, event_id, 0)

    monkeypatch.setattr(live_stats, "_later", later_when_the_window_ends)
    console = socketio.test_client(room.app, auth={"token": room.organizer_token})
    for n in range(4):
        room.join(f"P{n}", "seek", ["design"], ["hiring"])
    burst = received(console, "stats")
    assert len(burst) == 1  # the first change at once, the rest held back
    window_over.set()
    trailing = wait_for_push(console, "stats")
    assert trailing["attendees"]["total"] == 4  # nothing is lost, only coalesced
    assert trailing["seq"] > burst[0]["seq"]
    assert received(console, "stats") == []  # one trailing push for the three held back


def wait_for_push(sock: SocketIOTestClient, name: str) -> dict[str, Any]:
    """The next push of that name, as soon as it arrives (within a generous minute)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        got = received(sock, name)
        if got:
            [push] = got
            return push
        time.sleep(0.01)
    raise AssertionError(f"no {name} push arrived")


def test_numbers_read_before_a_change_never_arrive_as_newer_than_it(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stats are computed outside the lock; a change landing meanwhile makes them recompute."""
    console = socketio.test_client(room.app, auth={"token": room.organizer_token})
    real_compute = live_stats.compute
    interrupted: list[bool] = []

    def compute_while_someone_joins(event: Any) -> Any:
        numbers = real_compute(event)
        if not interrupted:
            interrupted.append(True)
            room.join("Late", "seek", ["design"], ["hiring"])  # commits and pushes its own
        return numbers

    monkeypatch.setattr(live_stats, "compute", compute_while_someone_joins)
    room.join("First", "seek", ["design"], ["hiring"])
    pushes = sorted(received(console, "stats"), key=lambda p: p["seq"])
    totals = [p["attendees"]["total"] for p in pushes]
    assert totals == sorted(totals), totals  # a higher seq never carries older numbers
    assert totals[-1] == 2


def test_a_gevent_server_serves_others_while_the_console_numbers_are_computed(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under gevent one loop serves every phone: the numbers of a big room (tens of
    milliseconds of Python, twice a second) are computed in another thread, and the loop
    runs others meanwhile; the console still gets them, from the loop."""
    console = socketio.test_client(room.app, auth={"token": room.organizer_token})
    with loop_served_during(monkeypatch, live_stats, "compute") as seen:
        room.join("Sam", "seek", ["design"], ["hiring"])
    assert_off_the_loop(seen)
    [stats] = received(console, "stats")
    assert stats["attendees"]["total"] == 1


def test_a_gevent_server_serves_others_while_a_console_asks_for_its_numbers(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A console that loads (or reconnects) asks for the numbers: computed in another
    thread, as the pushed ones are, not on the loop every phone waits on."""
    room.join("Sam", "seek", ["design"], ["hiring"])
    with loop_served_during(monkeypatch, live_stats, "compute") as seen:
        url = f"/api/v1/events/{room.code}/stats"
        response = room.organizer.get(url, headers=room.org_headers())
    assert response.status_code == 200
    assert_off_the_loop(seen)
    assert response.json["attendees"]["total"] == 1 and response.json["seq"] >= 1
