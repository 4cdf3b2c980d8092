"""Registrations made directly in the database (as an import would make them), with the
personal link each one opens."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from mixer.domain.models import Event, Registration
from mixer.infra.extensions import db
from mixer.services import personal_links


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
