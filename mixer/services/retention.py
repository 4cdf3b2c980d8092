"""Personal data is kept only as long as it is useful: erased a while after the event."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from ..domain.models import Announcement, Attendee, Event, utcnow
from ..infra.extensions import db
from .erasure import checkpoint, erase, erase_event_rows
from .locking import lock_event


def purge(now: datetime | None = None) -> list[str]:
    """Erase the personal data of everyone whose event closed longer than the retention ago.

    Decided by each person's data, not once per event: an event that was purged, reopened
    and closed again is purged again, so people who joined after the reopen go too. The
    event, its counts and its introductions' outcomes stay (for the organizer's records);
    names, topics, notes, contact details and announcements do not. Returns the codes of
    the events purged: never purged before, or holding someone or something not yet erased.
    """
    now = now or utcnow()
    cutoff = now - timedelta(days=int(current_app.config["RETENTION_DAYS"]))
    holds_people = (
        select(Attendee.id)
        .where(Attendee.event_id == Event.id, Attendee.forgotten_at.is_(None))
        .exists()
    )
    holds_words = select(Announcement.id).where(Announcement.event_id == Event.id).exists()
    codes = db.session.scalars(
        select(Event.code)
        .where(
            Event.status == "closed",
            Event.closed_at <= cutoff,
            Event.purged_at.is_(None) | holds_people | holds_words,
        )
        .order_by(Event.id)
    ).all()
    db.session.rollback()
    for code in codes:
        event = lock_event(code)
        # Everyone, removed people too, and again those already erased: whatever an older
        # version of the list left of them goes as well.
        for person in event.attendees:
            erase(person)
        erase_event_rows(event)
        event.purged_at = now
        db.session.commit()
    if codes:
        checkpoint(wait=True)
    return list(codes)
