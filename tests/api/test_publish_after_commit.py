"""Nothing is pushed before it is committed: every use case publishes through one ending.

Each push is checked as it leaves, from a second database connection that sees only what
was committed: the `seq` the push carries must already be stored. A push sent before its
commit (or a change rolled back after its push) would carry a number the database does
not have yet, and a phone that resyncs from GET /me would go back in time.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from mixer.domain.models import Event, utcnow
from mixer.infra.extensions import db, socketio
from mixer.services import events, join_guards, periodic
from mixer.shapes.inputs import EventPatch
from tests.conftest import Room

Sent = list[tuple[str, int, int]]  # (event name, its seq, the committed seq when it left)


@pytest.fixture
def sent(room: Room, monkeypatch: pytest.MonkeyPatch) -> Sent:
    """Every push of the room, with the seq committed at the moment it was sent."""
    seen: Sent = []
    emit = socketio.emit

    def checked(name: str, payload: dict[str, Any], **kwargs: Any) -> Any:
        with db.engine.connect() as other:
            stored = other.scalar(select(Event.seq).where(Event.code == room.code))
        seen.append((name, payload["seq"], stored))
        return emit(name, payload, **kwargs)

    monkeypatch.setattr(socketio, "emit", checked)
    return seen


def assert_all_committed(sent: Sent) -> None:
    early = [(name, seq, stored) for name, seq, stored in sent if seq > stored]
    assert not early, f"pushed before the commit: {early}"


def test_every_use_case_pushes_only_what_is_committed(room: Room, sent: Sent) -> None:
    org, base = room.org_headers(), f"/api/v1/events/{room.code}"
    patch = room.organizer.patch
    ana = room.join("Ana Ruiz", "give", ["hiring", "python"], ["design"], capacity=2)
    ben = room.join("Ben Okafor", "seek", ["design"], ["hiring"])
    cleo = room.join("Cleo Tran", "seek", ["design"], ["python"])
    dev = room.join("Dev Shah", "both", ["sales"], ["hiring"])

    intro = ben.intros()[0]
    assert ben.respond(intro["id"], "accept").status_code == 200
    assert ana.respond(intro["id"], "accept").status_code == 200
    assert ana.respond(intro["id"], "met").status_code == 200
    other = next(i for i in cleo.intros() if i["status"] == "suggested")
    assert cleo.respond(other["id"], "decline").status_code == 200
    edited = {"seeks": ["hiring", "leadership"]}
    assert dev.client.patch("/api/v1/me", json=edited, headers=dev.headers()).status_code == 200
    assert dev.client.post(
        "/api/v1/me/known", json={"attendee_id": ana.id}, headers=dev.headers()
    ).status_code in (200, 201)
    announced = room.organizer.post(f"{base}/announcements", json={"message": "Hi"}, headers=org)
    assert announced.status_code == 201
    assert patch(base, json={"mode": "both"}, headers=org).status_code == 200
    assert room.organizer.post(f"{base}/rebalance", headers=org).status_code in (200, 409)
    started = room.organizer.post(f"{base}/rounds", json={"minutes": 5}, headers=org)
    assert started.status_code == 201, started.json
    for action in ("pause", "resume", "extend", "end"):
        done = room.organizer.post(f"{base}/rounds/current/{action}", json={}, headers=org)
        assert done.status_code == 200, (action, done.json)
    removed = room.organizer.post(f"{base}/attendees/remove", json={"ids": [dev.id]}, headers=org)
    assert removed.status_code == 200, removed.json
    restored = room.organizer.post(f"{base}/attendees/{dev.id}/restore", headers=org)
    assert restored.status_code == 200, restored.json
    left = {"presence": "left"}
    assert cleo.client.patch("/api/v1/me", json=left, headers=cleo.headers()).status_code == 200
    with room.app.app_context():
        periodic.expire_all(utcnow() + timedelta(hours=1))
        join_guards.release_held(utcnow() + timedelta(hours=1))
    assert ben.client.delete("/api/v1/me", headers=ben.headers()).status_code in (200, 204)
    assert patch(base, json={"status": "closed"}, headers=org).status_code == 200
    with room.app.app_context():
        periodic.remind_follow_ups(utcnow() + timedelta(days=2))

    assert_all_committed(sent)
    names = {name for name, _seq, _stored in sent}
    assert {"introduction", "announcement", "round", "event"} <= names, names


def test_a_refused_change_pushes_nothing(room: Room, sent: Sent) -> None:
    """The change is rolled back: none of what it planned may reach a phone."""
    ana = room.join("Ana Ruiz", "give", ["hiring"], ["design"])
    ben = room.join("Ben Okafor", "seek", ["design"], ["hiring"])
    intro = ben.intros()[0]
    assert ben.respond(intro["id"], "decline").status_code == 200
    before = len(sent)
    refused = ana.respond(intro["id"], "accept")
    assert refused.status_code == 409
    assert len(sent) == before
    assert_all_committed(sent)


@pytest.mark.parametrize("app", ["sqlite"], indirect=True)
def test_a_push_planned_beside_any_request_links_to_the_public_address(room: Room) -> None:
    """The passes beside the server (the sweep, the re-balance) plan pushes with no request
    at hand: their links come from MIXER_PUBLIC_URL, never from a stale request."""
    ana = room.join("Ana Ruiz", "give", ["hiring"], ["design"])
    socket = ana.socket()
    socket.get_received()
    room.app.config["PUBLIC_URL"] = "https://mixer.example.org"
    with room.app.app_context():
        events.update_event(room.code, EventPatch(name="Careers night, second floor"))
    pushed = [m["args"][0] for m in socket.get_received() if m["name"] == "event"]
    assert [p["join_url"] for p in pushed] == [f"https://mixer.example.org/e/{room.code}"]
    served = room.organizer.get(f"/api/v1/events/{room.code}").json["event"]["join_url"]
    assert served == f"https://mixer.example.org/e/{room.code}"
