"""Abuse limits: by address for creating and joining, by event, and by token for actions."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from sqlalchemy import func, select

from mixer.domain.models import Attendee, Event
from mixer.infra.extensions import db
from tests.conftest import Room, form_post, make_app


def limited_app(migrated_db: Path, tmp_path: Path, **limits: str) -> Flask:
    path = tmp_path / "mixer.sqlite"
    path.write_bytes(migrated_db.read_bytes())
    return make_app(path, **limits)


def from_address(address: str) -> dict[str, object]:
    return {"environ_base": {"REMOTE_ADDR": address}}


def assert_too_many(response: object) -> None:
    assert response.status_code == 429  # type: ignore[attr-defined]
    body = response.json  # type: ignore[attr-defined]
    assert body["error"]["code"] == "too_many_requests"
    assert "wait a moment" in body["error"]["message"]
    assert int(response.headers["Retry-After"]) > 0  # type: ignore[attr-defined]


def test_creating_events_is_limited_per_address(migrated_db: Path, tmp_path: Path) -> None:
    app = limited_app(migrated_db, tmp_path, LIMIT_CREATE="2 per minute")
    client = app.test_client()
    for _ in range(2):
        assert client.post("/api/v1/events", json={"name": "Fair"}).status_code == 201
    assert_too_many(client.post("/api/v1/events", json={"name": "Fair"}))
    other = client.post("/api/v1/events", json={"name": "Fair"}, **from_address("10.0.0.9"))
    assert other.status_code == 201  # someone else is not held back


def test_the_api_and_the_create_form_share_one_limit_per_address(
    migrated_db: Path, tmp_path: Path
) -> None:
    """Alternating the API and the form must not double what one address may create."""
    app = limited_app(migrated_db, tmp_path, LIMIT_CREATE="2 per minute")
    client = app.test_client()
    assert client.post("/api/v1/events", json={"name": "By API"}).status_code == 201
    assert form_post(client, "/", {"name": "By form"}).status_code == 303
    assert_too_many(client.post("/api/v1/events", json={"name": "Third"}))
    page = form_post(client, "/", {"name": "Third by form"})
    assert page.status_code == 429 and "wait a moment" in page.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Event)) == 2
    other = app.test_client().post("/api/v1/events", json={"name": "N"}, **from_address("10.0.0.9"))
    assert other.status_code == 201  # someone else is not held back


def test_joins_are_limited_per_event_whatever_the_address(
    migrated_db: Path, tmp_path: Path
) -> None:
    app = limited_app(migrated_db, tmp_path, LIMIT_JOIN_EVENT="3 per minute")
    busy, quiet = Room(app), Room(app)
    body = {"name": "P", "intent": "seek", "offers": [], "seeks": ["x"]}
    for n in range(3):
        url = f"/api/v1/events/{busy.code}/attendees"
        response = app.test_client().post(url, json=body, **from_address(f"10.0.1.{n}"))
        assert response.status_code == 201
    refused = app.test_client().post(
        f"/api/v1/events/{busy.code}/attendees", json=body, **from_address("10.0.1.99")
    )
    assert_too_many(refused)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Attendee)) == 3
    quiet_join = app.test_client().post(f"/api/v1/events/{quiet.code}/attendees", json=body)
    assert quiet_join.status_code == 201


def test_actions_are_limited_per_token_not_per_address(migrated_db: Path, tmp_path: Path) -> None:
    """A whole venue shares one address: one busy phone must not hold back the others."""
    app = limited_app(migrated_db, tmp_path, LIMIT_ACTIONS="2 per minute")
    room = Room(app)
    ana = room.join("Ana", "seek", [], ["python"])
    ben = room.join("Ben", "seek", [], ["python"])
    for presence in ("busy", "here"):
        response = ana.client.patch(
            "/api/v1/me", json={"presence": presence}, headers=ana.headers()
        )
        assert response.status_code == 200
    assert_too_many(
        ana.client.patch("/api/v1/me", json={"presence": "busy"}, headers=ana.headers())
    )
    assert ana.me()["attendee"]["presence"] == "here"  # the refused change did not happen
    ben_patch = ben.client.patch("/api/v1/me", json={"presence": "busy"}, headers=ben.headers())
    assert ben_patch.status_code == 200


def test_announcements_are_limited_per_organizer(migrated_db: Path, tmp_path: Path) -> None:
    app = limited_app(migrated_db, tmp_path, LIMIT_ANNOUNCEMENTS="1 per minute")
    room = Room(app)
    url = f"/api/v1/events/{room.code}/announcements"
    first = room.organizer.post(url, json={"message": "Hello"}, headers=room.org_headers())
    assert first.status_code == 201
    assert_too_many(room.organizer.post(url, json={"message": "Again"}, headers=room.org_headers()))


def test_the_join_form_shares_the_address_limit_and_says_to_wait(
    migrated_db: Path, tmp_path: Path
) -> None:
    app = limited_app(migrated_db, tmp_path, LIMIT_JOIN_ADDRESS="1 per minute")
    room = Room(app)
    first = app.test_client().post(
        f"/api/v1/events/{room.code}/attendees",
        json={"name": "Ana", "intent": "seek", "offers": [], "seeks": ["x"]},
    )
    assert first.status_code == 201
    page = form_post(
        app.test_client(), f"/e/{room.code}", {"name": "Ben", "intent": "seek", "seeks": "x"}
    )
    assert page.status_code == 429
    assert "wait a moment" in page.text and int(page.headers["Retry-After"]) > 0
