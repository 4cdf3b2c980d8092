"""The organizer's side of the people: the list, one person's details, remove and undo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext
from sqlalchemy import select

from ..domain.errors import Conflict, not_found
from ..domain.models import (
    Attendee,
    Event,
    Introduction,
    utcnow,
)
from ..infra.extensions import db
from ..shapes.people import Understood, Waiting
from . import pushes
from .attendees import about, open_count
from .introductions import end_open_for
from .locking import lock_event, require_not_closed
from .matchmaking import settle
from .publishing import finish
from .queries import active_attendees, introduction_statuses, tally
from .warm_life import end_for


def remove_attendee(event_code: str, attendee_id: int) -> None:
    """Moderation: the person leaves the room for good; removing twice changes nothing."""
    remove_attendees(event_code, [attendee_id])


def remove_attendees(event_code: str, ids: list[int]) -> list[Attendee]:
    """Remove several people at once (a burst of fake joins), in one transaction.

    All or nothing: an id not of this event is a 404 and removes nobody. Those removed
    before are left as they are. Returns those removed now. Their open introductions end,
    and the people on the other side (givers whose places they held) are matched again.
    """
    event = lock_event(event_code)
    wanted = set(ids)
    found = db.session.scalars(
        select(Attendee).where(Attendee.event_id == event.id, Attendee.id.in_(wanted))
    ).all()
    if len(found) != len(wanted):
        db.session.rollback()
        raise not_found("attendee")
    gone = sorted((p for p in found if p.removed_at is None), key=lambda p: p.id)
    if not gone:
        db.session.rollback()
        return []
    now = utcnow()
    changed: list[Introduction] = []
    warm_ended = []
    for person in gone:
        changed += end_open_for(person)
        warm_ended += end_for(person)
        person.removed_at = now
        person.presence = "left"
    focus = {pid for i in changed for pid in (i.a_id, i.b_id)} - wanted
    outbox = settle(event, focus, changed)
    outbox.warm(warm_ended)
    finish(event, outbox)
    for person in gone:
        pushes.attendee_out(person.id)
    return gone


def restore_attendee(event_code: str, attendee_id: int) -> tuple[Attendee, int]:
    """Undo a removal: the person is back (here), their phone works again and is matched.

    Restoring someone not removed changes nothing. Someone who chose "forget me" since
    cannot come back: their data is gone (409).
    """
    event = lock_event(event_code)
    person = db.session.get(Attendee, attendee_id)
    if person is None or person.event_id != event.id:
        db.session.rollback()
        raise not_found("attendee")
    if person.removed_at is None:
        db.session.rollback()
        return person, open_count(person)
    if person.forgotten_at is not None:
        db.session.rollback()
        raise Conflict("forgotten", gettext("They asked Mixer to forget them: nothing to restore."))
    require_not_closed(event, "changes")
    person.removed_at = None
    person.presence = "here"
    finish(event, settle(event, {person.id}))
    return person, open_count(person)


@dataclass
class Listed:
    """The organizer's list: the people in the room and those removed (to undo)."""

    people: list[tuple[Attendee, int, list[str]]]  # person, open introductions, flags
    removed: list[Attendee]


def list_attendees(event: Event) -> Listed:
    """The organizer's list, with each person's open introductions counted in one query.

    A person who joined after someone with the same name or email was removed is flagged
    `matches_removed`: a removed person may come back from another browser. `burst`: one
    of many joins from one address within seconds; `held`: not suggested to anyone yet.
    """
    open_count, _received = tally(introduction_statuses(event))
    removed = list(
        db.session.scalars(
            select(Attendee)
            .where(
                Attendee.event_id == event.id,
                Attendee.removed_at.is_not(None),
                Attendee.forgotten_at.is_(None),
            )
            .order_by(Attendee.removed_at.desc(), Attendee.id)
        ).all()
    )
    now = utcnow()
    first_removed = _first_removals(removed)
    rows = []
    for person in active_attendees(event):
        flags = ["matches_removed"] if _like_removed(person, first_removed) else []
        if person.join_burst:
            flags.append("burst")
        if person.held_until is not None and person.held_until > now:
            flags.append("held")
        rows.append((person, open_count[person.id], flags))
    return Listed(people=rows, removed=removed)


def _same_text(value: str) -> str:
    return " ".join(value.split()).casefold()


def _first_removals(removed: list[Attendee]) -> dict[str, datetime]:
    """Each removed name and email (as compared) -> when the first of them was removed:
    read once per list, so a room of thousands is not compared person by person."""
    first: dict[str, datetime] = {}
    for gone in removed:
        for key in (f"name:{_same_text(gone.name)}", f"email:{_same_text(gone.email)}"):
            if key != "email:" and gone.removed_at is not None:
                first[key] = min(first.get(key, gone.removed_at), gone.removed_at)
    return first


def _like_removed(person: Attendee, first_removed: dict[str, datetime]) -> bool:
    """Same name or same email as someone removed before this person joined."""
    keys = (f"name:{_same_text(person.name)}", f"email:{_same_text(person.email)}")
    return any(key in first_removed and person.joined_at >= first_removed[key] for key in keys)


def details(event: Event, attendee_id: int) -> tuple[Attendee, int, Understood, Waiting | None]:
    """One person as the organizer opens them from the console: what they typed, how it was
    read and what they wait for, so the organizer can go and help."""
    person = db.session.get(Attendee, attendee_id)
    if person is None or person.event_id != event.id or person.removed_at is not None:
        raise not_found("attendee")
    read, why = about(person)
    return person, open_count(person), read, why
