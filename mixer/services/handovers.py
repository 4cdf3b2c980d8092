"""The console link of a new event, handed over once to the page that shows it.

The create form's answer is a redirect (a reload must not create a second event), so the
link cannot ride in that answer's body; nor may it ride in the cookie (cookies hold hashes
only). It waits in the database instead, for minutes, sealed with a key that only the
ready page's address holds, and showing it deletes it: a reload shows it no more.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select

from ..domain.models import Event, Handover, utcnow
from ..domain.tokens import derived_token, hash_token, new_token, seal, unseal
from ..infra.extensions import db
from .locking import begin_write

KEEP_FOR = timedelta(minutes=10)


def key_for(nonce: str | None) -> str:
    """The hand-over key of a create form: the same form sent again gets the same key, so a
    double click whose first answer was lost still finds the link (until it is shown)."""
    if not nonce:
        return new_token()
    return derived_token(current_app.secret_key or "", "handover", nonce)


def keep(event: Event, token: str, key: str) -> None:
    """Add the hand-over to the transaction creating the event (the caller commits)."""
    db.session.flush()
    _purge()
    db.session.add(
        Handover(
            key_hash=hash_token(key),
            event_id=event.id,
            sealed=seal(token, key),
            expires_at=utcnow() + KEEP_FOR,
        )
    )


def take(code: str, key: str) -> str | None:
    """The event's organizer token, the first time its key is shown; None ever after.

    Of two pages asking at once (a double reload, two workers) only the one whose delete
    removed the row shows the link.
    """
    if not key:
        return None
    begin_write()
    _purge()
    row = db.session.execute(
        select(Handover.id, Handover.sealed, Event.organizer_token_hash)
        .join(Event, Event.id == Handover.event_id)
        .where(Handover.key_hash == hash_token(key), Event.code == code)
    ).first()
    if row is None:
        db.session.commit()
        return None
    gone = db.session.execute(
        delete(Handover).where(Handover.id == row.id),
        execution_options={"synchronize_session": False},
    )
    db.session.commit()
    token = unseal(row.sealed, key)
    # A link replaced meanwhile would be dead: better no link than a wrong one.
    return token if gone.rowcount == 1 and hash_token(token) == row.organizer_token_hash else None


def _purge() -> None:
    """Hand-overs nobody came for are dropped: the link then exists nowhere but the hash."""
    db.session.execute(
        delete(Handover).where(Handover.expires_at <= utcnow()),
        execution_options={"synchronize_session": False},
    )
