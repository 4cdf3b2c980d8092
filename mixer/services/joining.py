"""Joining an event: one person per join form, however often it is sent."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as N_
from sqlalchemy import null, select

from ..domain.errors import Conflict, Forbidden, NotFound
from ..domain.models import (
    Attendee,
    Event,
    Registration,
    utcnow,
)
from ..domain.tokens import derived_token, hash_token, new_token
from ..infra.extensions import db
from ..shapes.inputs import JoinIn
from .join_guards import check_door_code, note_arrival
from .locking import lock_event, require_not_closed
from .matchmaking import settle
from .publishing import finish

# How long the same join form, sent again, still gets the same person back.
REPEAT_WINDOW = timedelta(minutes=10)


ALREADY_JOINED = N_(
    "This form was already sent, a while ago, and made you an attendee then."
    " Open the event's link again (or scan its QR code) to join anew."
)


REMOVED = N_(
    "The organizer removed you from this event. If this is a mistake, ask them to undo it."
)


def join(
    code: str,
    data: JoinIn,
    held_hash: str | None = None,
    address: str | None = None,
    *,
    registration: int | None = None,
    language: str | None = None,
) -> tuple[Attendee, str]:
    """Add someone to the room and suggest their first introductions at once.

    One person per join form, however often it is sent (a double tap, a resend): a nonce
    already used here returns that person, with the same token, and changes nothing.
    `held_hash` is the token hash this browser (cookie) or caller (bearer) already holds
    for the event: a removed person's browser cannot come back as someone new. `address`
    (where the join came from) is only hashed, to notice a burst of joins from one place.
    `registration`: joined through that registration's personal link (the link is the
    proof: no door code), before the night: not arrived until they check in. `language`:
    the one their phone speaks (their pushes will), if it asked for one.
    """
    event = lock_event(code)
    _refuse_removed(event, held_hash)
    if data.nonce:
        again = _joined_with(event, data.nonce)
        if again is not None:
            db.session.rollback()  # nothing changed: not even the event's seq moves
            return again
    require_not_closed(event, "joining and changes")
    registered = _registration(event, registration)
    if registered is None:
        check_door_code(event, data.door_code)
    token = _token_for(code, data.nonce) if data.nonce else new_token()
    fields = data.model_dump(exclude={"capacity", "email", "profile_url", "nonce", "door_code"})
    default = event.giver_capacity if data.intent in ("give", "both") else _seeker_capacity()
    person = Attendee(
        event_id=event.id,
        token_hash=hash_token(token),
        join_nonce_hash=hash_token(data.nonce) if data.nonce else None,
        capacity=data.capacity or default,
        email=data.email or "",
        profile_url=str(data.profile_url) if data.profile_url else "",
        language=language,
        **fields,
    )
    if registered is not None:
        # Joined from home: in the room once they check in. (None would let the column's
        # default fill it in: NULL itself is written.)
        person.arrived_at = null()  # type: ignore[assignment]
    db.session.add(person)
    db.session.flush()
    if registered is not None:
        registered.attendee_id = person.id
    note_arrival(event, person, address)
    finish(event, settle(event, {person.id}))
    return person, token


LINK_IN_USE = N_(
    "This personal link is already in use on another phone. Ask the organizer at the door:"
    " they can check you in or help you join."
)


def _registration(event: Event, registration: int | None) -> Registration | None:
    """The registration joined through, read again under the lock: one phone per link."""
    if registration is None:
        return None
    found = db.session.get(Registration, registration)
    if found is None or found.event_id != event.id:
        db.session.rollback()
        raise NotFound("not_found", gettext("This personal link is not (or no longer) valid."))
    if found.attendee_id is not None:
        db.session.rollback()
        raise Conflict("link_in_use", LINK_IN_USE)
    return found


def _token_for(code: str, nonce: str) -> str:
    """The token of a join with a nonce: the server computes it again for a repeat (only its
    hash is stored), and nobody without the app's secret key can."""
    return derived_token(current_app.secret_key or "", "attendee", code, nonce)


def _joined_with(event: Event, nonce: str) -> tuple[Attendee, str] | None:
    """The person this nonce already made, for a repeat that is still theirs to make.

    The nonce alone must not become a way in: a repeat is honoured only within minutes of
    the join, while the token is the one it first gave (not replaced, not forgotten), and
    for someone still in the event.
    """
    person = db.session.scalars(
        select(Attendee).where(
            Attendee.event_id == event.id, Attendee.join_nonce_hash == hash_token(nonce)
        )
    ).first()
    if person is None:
        return None
    if person.removed_at is not None:
        raise Forbidden("removed", REMOVED)
    token = _token_for(event.code, nonce)
    fresh = utcnow() - person.joined_at <= REPEAT_WINDOW
    if not fresh or person.token_hash != hash_token(token) or not person.active:
        raise Conflict("already_joined", ALREADY_JOINED)
    return person, token


def _refuse_removed(event: Event, held_hash: str | None) -> None:
    """403 when the browser still carries the token of someone removed from this event."""
    if not held_hash:
        return
    before = db.session.scalars(
        select(Attendee).where(Attendee.event_id == event.id, Attendee.token_hash == held_hash)
    ).first()
    if before is not None and before.removed_at is not None:
        db.session.rollback()
        raise Forbidden("removed", REMOVED)


def _seeker_capacity() -> int:
    return int(current_app.config["SEEKER_CAPACITY"])
