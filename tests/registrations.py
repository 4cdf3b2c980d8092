"""Registrations made directly in the database (as an import would make them), with the
personal link each one opens."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from mixer.domain.models import Event, Registration, utcnow
from mixer.domain.tokens import derived_token, hash_token
from mixer.infra.extensions import db
from mixer.services import personal_links
from tests.conftest import BASE_CONFIG, Phone, Room


def register(app: Flask, code: str, name: str, email: str, headline: str = "") -> str:
    """A registration of the event; returns the token of its personal link (/r/<token>)."""
    with app.app_context():
        event = db.session.scalars(select(Event).where(Event.code == code)).one()
        key = personal_links.email_key(email)
        db.session.add(
            Registration(
                event_id=event.id,
                name=name,
                email=email,
                email_key=key,
                headline=headline,
                token_hash=personal_links.token_hash_for(event, key),
            )
        )
        db.session.commit()
        token = personal_links.token_for(event, key)
        db.session.remove()
    return token


def register_in_file(db_file: Path, code: str, name: str, email: str, headline: str = "") -> str:
    """The same, straight into a live server's SQLite file: a second app would take over the
    process's one Socket.IO server, and the live server's pushes would reach nobody."""
    key = personal_links.email_key(email)
    token = derived_token(BASE_CONFIG["SECRET_KEY"], "registration", code, key)
    with closing(sqlite3.connect(db_file)) as con, con:
        (event_id,) = con.execute("SELECT id FROM events WHERE code = ?", (code,)).fetchone()
        con.execute(
            "INSERT INTO registrations (event_id, name, email, email_key, headline, token_hash,"
            " created_at, invitations_sent) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
            (event_id, name, email, key, headline, hash_token(token), utcnow()),
        )
    return token


def csrf_and_nonce(page: str) -> dict[str, str]:
    found = {}
    for name in ("csrf_token", "nonce"):
        match = re.search(rf'name="{name}" value="([^"]*)"', page)
        assert match is not None, name
        found[name] = match.group(1)
    return found


def link_join(
    room: Room, token: str, intent: str, offers: list[str], seeks: list[str], **extra: str
) -> Phone:
    """A phone opens its personal link and sends the pre-filled form."""
    phone = Phone(room.app.test_client(), room.code)
    page = phone.client.get(f"/r/{token}")
    assert page.status_code == 200, page.text[:300]
    form = csrf_and_nonce(page.text) | {"name": extra.pop("name", "Ana Link"), "intent": intent}
    form |= {"offers": ", ".join(offers), "seeks": ", ".join(seeks)} | extra
    done = phone.client.post(f"/r/{token}", data=form)
    assert done.status_code == 303, done.text[:500]
    assert done.headers["Location"].endswith(f"/e/{room.code}")
    phone.id = phone.me()["attendee"]["id"]
    return phone
