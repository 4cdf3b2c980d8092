"""Each worker keeps its view of a room between changes: a change by any worker shows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask, current_app
from sqlalchemy import select

from mixer import create_app
from mixer.domain.models import Event
from mixer.infra.extensions import db
from mixer.services import engine_view
from mixer.services.engine_view import refresh
from mixer.services.queries import introduction_statuses, tally
from tests.conftest import BASE_CONFIG, Phone, Room
from tests.registrations import link_join, register


@pytest.fixture
def other_worker(app: Flask) -> Iterator[Flask]:
    """A second app on the same database, with its own views: another worker."""
    other = create_app(
        BASE_CONFIG | {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]}
    )
    yield other
    with other.app_context():
        db.engine.dispose()


def patch_me(worker: Flask, phone: Phone, body: dict[str, object]) -> None:
    response = worker.test_client().patch("/api/v1/me", json=body, headers=phone.headers())
    assert response.status_code == 200, response.json


def test_someone_who_left_through_another_worker_is_not_suggested(
    room: Room, other_worker: Flask
) -> None:
    giver = room.join("Gia", "give", ["hiring"], ["design"], capacity=5)
    room.join("Sam", "seek", ["design"], ["hiring"])  # this worker now holds a view
    patch_me(other_worker, giver, {"presence": "left"})
    late = room.join("Lee", "seek", ["design"], ["hiring"])
    assert late.intros() == []


def test_new_topics_set_through_another_worker_are_matched(room: Room, other_worker: Flask) -> None:
    giver = room.join("Gia", "give", ["sales"], ["design"], capacity=5)
    room.join("Sam", "seek", ["design"], ["python"])
    assert giver.intros() == []
    patch_me(other_worker, giver, {"offers": ["sales", "hiring"]})
    late = room.join("Lee", "seek", ["design"], ["hiring"])
    assert [i["other"]["name"] for i in late.intros()] == ["Gia"]


def test_joins_through_another_worker_are_added_to_the_view(
    room: Room, other_worker: Flask
) -> None:
    room.join("Sam", "seek", ["design"], ["hiring"])  # this worker builds its view
    other_room = Room.__new__(Room)
    other_room.app, other_room.code = other_worker, room.code
    giver = other_room.join("Gia", "give", ["hiring"], ["design"], capacity=5)
    late = room.join("Lee", "seek", ["design"], ["hiring"])
    assert "Gia" in [i["other"]["name"] for i in late.intros()]
    assert len(giver.intros()) == 2


def kept_and_fresh(kept: Flask, code: str) -> tuple[Any, Any]:
    """What the engine gets from a worker that kept its view through every change, and
    from one that builds it now from the database: the two must never differ."""
    seen = []
    for worker in (kept, fresh_worker(kept)):
        with worker.app_context():
            event = db.session.scalars(select(Event).where(Event.code == code)).one()
            people, weights, index = engine_view.matching_people(event)
            supply, base, _w = engine_view.room_as_read(event)
            _open, received = tally(introduction_statuses(event))
            seen.append(
                {
                    "people": people,
                    "by_id": dict(base),
                    "weights": dict(weights),
                    "offered": index.offered,
                    "sought": index.sought,
                    "supply": [dict(c) for c in (supply.offers, supply.seeks, supply.tags_offered)],
                    # Every introduction counted, as a full tally of the room counts them.
                    "open": {p.id: p.open_count for p in people if p.open_count},
                    "tally": {pid: n for pid, n in _open.items() if n},
                    "received": {p.id: p.received for p in people if p.received},
                    "tally_received": {pid: n for pid, n in received.items() if n},
                }
            )
        if worker is not kept:
            with worker.app_context():
                db.engine.dispose()
    return seen[0], seen[1]


def fresh_worker(app: Flask) -> Flask:
    return create_app(
        BASE_CONFIG | {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]}
    )


def test_the_kept_view_equals_a_fresh_build_after_every_kind_of_change(
    room: Room, other_worker: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Presence, topics, capacity, answers, removals, forget-me and joins, made by this
    worker or another: the view this worker keeps is refreshed person by person, never
    rebuilt, and gives the engine exactly what a fresh build gives (no change missed, no
    introduction left uncounted)."""
    gia = room.join("Gia", "give", ["hiring", "python"], ["design"], capacity=3)
    gus = room.join("Gus", "both", ["hiring", "ml"], ["sales"], capacity=2)
    sam = room.join("Sam", "seek", ["design"], ["hiring", "python"])
    sol = room.join("Sol", "seek", ["sales"], ["ml", "hiring"])
    kim = room.join("Kim", "seek", ["design"], ["python"])
    kept, fresh = kept_and_fresh(room.app, room.code)  # this worker builds its view here
    assert kept == fresh
    builds: list[Flask] = []
    build = refresh._built

    def counted(*args: Any) -> refresh.View:
        builds.append(current_app._get_current_object())  # type: ignore[attr-defined]
        return build(*args)

    monkeypatch.setattr(refresh, "_built", counted)

    def check(change: str) -> None:
        kept, fresh = kept_and_fresh(room.app, room.code)
        assert kept == fresh, change
        assert kept["open"] == kept["tally"], change
        assert kept["received"] == kept["tally_received"], change

    patch_me(room.app, sam, {"presence": "busy"})
    check("away, here")
    patch_me(other_worker, gia, {"offers": ["hiring", "design systems"]})
    check("topics changed on another worker")
    patch_me(room.app, sam, {"presence": "here"})
    check("back, here")
    intro = sol.intros()[0]
    assert sol.respond(intro["id"], "accept").status_code == 200
    check("an answer")
    patch_me(other_worker, gus, {"capacity": 1, "presence": "busy"})
    check("capacity and presence on another worker")
    late = room.join("Lee", "seek", ["design"], ["ml"])
    patch_me(room.app, late, {"seeks": ["python", "hiring"]})
    check("a join, then its topics")
    assert kim.client.delete("/api/v1/me", headers=kim.headers()).status_code == 204
    check("forget me")
    url = f"/api/v1/events/{room.code}/attendees/{sol.id}"
    assert room.organizer.delete(url, headers=room.org_headers()).status_code == 204
    check("removed by the organizer")
    patch_me(other_worker, gus, {"presence": "here"})
    other_room = Room.__new__(Room)
    other_room.app, other_room.code = other_worker, room.code
    other_room.join("Ida", "give", ["python"], ["design"], capacity=2)
    check("a change and a join on another worker")
    ana = link_join(room, register(room.app, room.code, "Ana", "ana@x.org"), "seek", [], ["ml"])
    check("joined from a personal link: not arrived")
    checkin = f"/api/v1/events/{room.code}/attendees/{ana.id}/checkin"
    arrived = other_worker.test_client().post(checkin, headers=room.org_headers())
    assert arrived.status_code == 200, arrived.json
    check("checked in on another worker")
    assert room.app not in builds, "the kept view was rebuilt instead of refreshed"


def test_the_kept_counts_follow_introductions_deleted_in_bulk(room: Room) -> None:
    """An undone round deletes its introductions with one statement, past the ORM: the
    counts this worker keeps must drop them as a fresh build would."""
    from tests.api.test_api_rounds import control, start

    url = f"/api/v1/events/{room.code}"
    assert (
        room.organizer.patch(url, json={"mode": "both"}, headers=room.org_headers()).status_code
        == 200
    )
    room.join("Gia", "give", ["hiring"], ["design"], capacity=3)
    room.join("Sam", "seek", ["design"], ["hiring"])
    room.join("Sol", "seek", ["sales"], ["hiring"])
    room.join("Kim", "both", ["python"], ["sales"])
    assert start(room, minutes=5).status_code == 201
    kept, fresh = kept_and_fresh(room.app, room.code)
    assert kept == fresh and kept["received"]
    assert control(room, "undo").status_code == 200
    late = room.join("Lee", "seek", ["design"], ["hiring"])  # the view is used again here
    kept, fresh = kept_and_fresh(room.app, room.code)
    assert kept == fresh, "counts kept of a deleted round"
    assert kept["open"] == kept["tally"] and kept["received"] == kept["tally_received"]
    assert late.intros()  # matched against the room as it is
