"""Arriving: checking in at the venue (the person, or the organizer at the door).

Someone who joined from a personal link before the night is not in the room yet: the
engine's view marks them unavailable (`engine_view.person_of`), so nobody is introduced
to them, nor they to anyone, until they check in. Checking in then matches them as a
newcomer joining does.
"""

from __future__ import annotations

from ..domain.models import Attendee, Event, Registration, utcnow
from ..infra.extensions import db
from . import personal_links
from .attendees import locked_self
from .locking import lock_event, require_not_closed
from .matchmaking import settle
from .publishing import finish
from .queries import attendee_in


def opened(token: str) -> tuple[Registration, Event] | None:
    """The registration a personal link opens, with its event; None: a wrong or old link."""
    found = personal_links.find(token)
    if found is None:
        return None
    event = db.session.get(Event, found.event_id)
    return (found, event) if event is not None else None


def check_in(person: Attendee) -> Attendee:
    """The person is at the venue (their own confirmation): matched at once. Idempotent."""
    event, me = locked_self(person)
    return _arrive(event, me)


def check_in_attendee(code: str, attendee_id: int) -> Attendee:
    """The organizer checks someone in at the door (any attendee of their event)."""
    event = lock_event(code)
    return _arrive(event, attendee_in(event, attendee_id, "attendee_id"))


def _arrive(event: Event, person: Attendee) -> Attendee:
    require_not_closed(event, "check-ins")
    if person.arrived:
        db.session.rollback()  # already here: nothing changes, not even the event's seq
        return person
    person.arrived_at = utcnow()
    db.session.flush()
    outbox = settle(event, {person.id})
    outbox.arrived(person.id)
    finish(event, outbox)
    return person
