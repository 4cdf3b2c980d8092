"""Checking in at the venue: the person themselves (after the join page's confirmation), or
the organizer at the door. Both are idempotent; a closed event refuses (409)."""

from __future__ import annotations

from flask import Response

from ...services import arrival, attendees
from ...services.attendees import open_count
from ...shapes.presenters import attendee_row
from .. import auth, limits
from ..envelopes import AttendeeRowEnvelope, MeEnvelope
from .blueprint import ID, bp, reply
from .me import whole_me


@bp.post("/me/checkin")
@limits.actions
def checkin() -> tuple[Response, int]:
    """I am at the venue: introductions may start (matched at once, as a newcomer is)."""
    person = arrival.check_in(auth.current_attendee())
    return reply(MeEnvelope(attendee=whole_me(attendees.snapshot(person))))


@bp.post(f"/events/<code>/attendees/<{ID}:attendee_id>/checkin")
@limits.actions
def checkin_attendee(code: str, attendee_id: int) -> tuple[Response, int]:
    """Organizer: check someone in at the door; their phone updates by itself."""
    auth.current_organizer(code)
    person = arrival.check_in_attendee(code, attendee_id)
    return reply(AttendeeRowEnvelope(attendee=attendee_row(person, open_count(person))))
