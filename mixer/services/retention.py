"""Personal data is kept only as long as it is useful: erased a while after the event."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..models import Event, utcnow
from .erasure import checkpoint, erase, erase_event_rows
from .locking import lock_event


def purge(now: datetime | None = None) -> list[str]:
    """Erase every attendee's personal data in events closed longer than the retention.

    The event, its counts and its introductions' outcomes stay (for the organizer's
    records); names, topics, notes and contact details do not. Returns the event codes.
    """
    now = now or utcnow()
    cutoff = now - timedelta(days=int(current_app.config["RETENTION_DAYS"]))
    codes = db.session.scalars(
        select(Event.code).where(
            Event.status == "closed", Event.closed_at <= cutoff, Event.purged_at.is_(None)
        )
    ).all()
    db.session.rollback()
    for code in codes:
        event = lock_event(code)
        for person in event.attendees:  # removed people too: their data goes as well
            erase(person)
        erase_event_rows(event)
        event.purged_at = now
        db.session.commit()
    if codes:
        checkpoint()
    return list(codes)
