"""Each worker keeps its view of a room between joins: a change by another worker shows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from mixer import create_app
from mixer.extensions import db
from tests.conftest import BASE_CONFIG, Phone, Room


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
