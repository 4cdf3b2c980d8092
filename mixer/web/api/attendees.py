"""The organizer's list of attendees: everyone in the room, one person opened, removing
people (one or a selection) and undoing a removal."""

from __future__ import annotations

from flask import Response, request

from ...services import moderation
from ...shapes.inputs import RemoveIn
from ...shapes.presenters import attendee_detail, attendee_row, removed_row
from .. import auth, limits
from ..envelopes import AttendeeEnvelope, AttendeeList, AttendeeRowEnvelope, RemovedList
from .blueprint import ID, bp, parse, reply


@bp.get("/events/<code>/attendees")
def list_attendees(code: str) -> tuple[Response, int]:
    """Organizer: everyone in the room; contact fields only where shared."""
    event = auth.current_organizer(code)
    listed = moderation.list_attendees(event)
    rows = [attendee_row(p, n, flags) for p, n, flags in listed.people]
    return reply(AttendeeList(attendees=rows, removed=[removed_row(p) for p in listed.removed]))


# One rule for both methods: werkzeug checks an id's range after the method, so with two
# rules an id past MAX_ID would be 405 for one method instead of 404 for both.
@bp.route(f"/events/<code>/attendees/<{ID}:attendee_id>", methods=["GET", "DELETE"])
@limits.actions
def attendee(code: str, attendee_id: int) -> tuple[Response | str, int]:
    """Organizer: open one person (topics as typed and read, what they wait for), or remove
    them (their open introductions end)."""
    event = auth.current_organizer(code)
    if request.method == "DELETE":
        moderation.remove_attendee(code, attendee_id)
        return "", 204
    found = moderation.details(event, attendee_id)
    return reply(AttendeeEnvelope(attendee=attendee_detail(*found)))


@bp.post("/events/<code>/attendees/remove")
@limits.actions
def remove_attendees(code: str) -> tuple[Response, int]:
    """Organizer: remove a selection of people at once (one transaction)."""
    auth.current_organizer(code)
    gone = moderation.remove_attendees(code, parse(RemoveIn).ids)
    return reply(RemovedList(removed=[removed_row(p) for p in gone]))


@bp.post(f"/events/<code>/attendees/<{ID}:attendee_id>/restore")
@limits.actions
def restore_attendee(code: str, attendee_id: int) -> tuple[Response, int]:
    """Organizer: undo a removal; the person's phone works again."""
    auth.current_organizer(code)
    person, open_count = moderation.restore_attendee(code, attendee_id)
    return reply(AttendeeRowEnvelope(attendee=attendee_row(person, open_count)))
