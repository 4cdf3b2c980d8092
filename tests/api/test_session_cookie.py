"""A copy of the instance folder (database and secret key) signs nobody in.

Whoever holds the database and the secret key can sign any cookie. The cookie must then
carry something the database does not hold: the token itself, which only its owner has.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from mixer.domain.models import Attendee, Event
from mixer.infra.extensions import db
from mixer.web.auth import ATTENDEES, ORGANIZERS
from tests.conftest import Room


def forged(app: Flask, kind: str, code: str, value: str) -> FlaskClient:
    """A browser with a session cookie signed with the app's secret key, as a thief would."""
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    assert serializer is not None
    cookie: dict[str, Any] = {kind: [[code, value]], "last": code, "_permanent": True}
    client = app.test_client()
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], serializer.dumps(cookie))
    return client


def test_a_cookie_built_from_the_database_and_secret_key_grants_nothing(room: Room) -> None:
    phone = room.join("Ana", "seek", ["sql"], ["design"])
    with room.app.app_context():
        person_hash = db.session.scalars(
            select(Attendee.token_hash).where(Attendee.id == phone.id)
        ).one()
        event_hash = db.session.scalars(
            select(Event.organizer_token_hash).where(Event.code == room.code)
        ).one()
    attendees_url = f"/api/v1/events/{room.code}/attendees"
    thief = forged(room.app, ATTENDEES, room.code, person_hash)
    assert thief.get("/api/v1/me").status_code == 401
    thief = forged(room.app, ORGANIZERS, room.code, event_hash)
    assert thief.get(attendees_url).status_code == 403
    assert thief.get(f"/console/{room.code}").status_code == 403
    assert thief.get(f"/api/v1/events/{room.code}/export/attendees.csv").status_code == 403
    # The same cookie with the tokens, which only their holders have, signs in: the forgery
    # above failed for want of the token, not for the way it was built.
    owner = forged(room.app, ATTENDEES, room.code, phone.token)
    assert owner.get("/api/v1/me").json["attendee"]["id"] == phone.id
    organizer = forged(room.app, ORGANIZERS, room.code, room.organizer_token)
    assert organizer.get(attendees_url).status_code == 200


def test_the_cookie_holds_no_stored_hash(room: Room) -> None:
    phone = room.join("Ana", "seek", ["sql"], ["design"])
    with room.app.app_context():
        stored = db.session.get(Attendee, phone.id)
        assert stored is not None
        person_hash = stored.token_hash
    serializer = room.app.session_interface.get_signing_serializer(room.app)  # type: ignore[attr-defined]
    assert serializer is not None
    cookie = phone.client.get_cookie(room.app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    assert person_hash not in str(serializer.loads(cookie.value))
