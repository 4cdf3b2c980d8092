"""The organizer speaks to the whole room."""

from __future__ import annotations

from sqlalchemy import select

from ..domain.models import Announcement, Event
from ..infra.extensions import db
from .locking import lock_event, require_not_closed
from .publishing import finish
from .pushes import Outbox


def announce(code: str, message: str) -> Announcement:
    """Keep the announcement (phones that were asleep see it on resync), then push it."""
    event = lock_event(code)
    require_not_closed(event, "announcements")
    row = Announcement(event_id=event.id, message=message)
    db.session.add(row)
    db.session.flush()
    outbox = Outbox(event)
    outbox.announcement(row.message, row.created_at)
    finish(event, outbox, numbers=False)
    return row


def latest(event: Event, count: int = 3) -> list[Announcement]:
    return list(
        db.session.scalars(
            select(Announcement)
            .where(Announcement.event_id == event.id)
            .order_by(Announcement.id.desc())
            .limit(count)
        ).all()
    )
