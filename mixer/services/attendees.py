"""Joining, the attendee's own profile, people they know, and moderation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..domain.errors import Conflict, Forbidden, Invalid, NotFound, not_found
from ..domain.models import (
    OPEN_STATUSES,
    Announcement,
    Attendee,
    Event,
    Introduction,
    Known,
    Round,
    utcnow,
)
from ..domain.tokens import derived_token, hash_token, new_token
from ..domain.topic_rules import topic_errors
from ..domain.vocabulary import vocabulary_for
from ..infra.extensions import db
from ..shapes.inputs import JoinIn, MePatch
from ..shapes.people import Understood, Waiting
from . import outbox as broadcast
from .announcements import latest
from .erasure import checkpoint, erase
from .join_guards import check_door_code, note_arrival
from .locking import lock_event, require_not_closed
from .matchmaking import close, end_open_for, settle
from .room import active_attendees, current_round, group_count, introduction_statuses, tally
from .topics import understood
from .waiting import waiting

# How long the same join form, sent again, still gets the same person back.
REPEAT_WINDOW = timedelta(minutes=10)
ALREADY_JOINED = (
    "This form was already sent, a while ago, and made you an attendee then."
    " Open the event's link again (or scan its QR code) to join anew."
)


REMOVED = "The organizer removed you from this event. If this is a mistake, ask them to undo it."


def join(
    code: str, data: JoinIn, held_hash: str | None = None, address: str | None = None
) -> tuple[Attendee, str]:
    """Add someone to the room and suggest their first introductions at once.

    One person per join form, however often it is sent (a double tap, a resend): a nonce
    already used here returns that person, with the same token, and changes nothing.
    `held_hash` is the token hash this browser (cookie) or caller (bearer) already holds
    for the event: a removed person's browser cannot come back as someone new. `address`
    (where the join came from) is only hashed, to notice a burst of joins from one place.
    """
    event = lock_event(code)
    _refuse_removed(event, held_hash)
    if data.nonce:
        again = _joined_with(event, data.nonce)
        if again is not None:
            db.session.rollback()  # nothing changed: not even the event's seq moves
            return again
    require_not_closed(event, "joining and changes")
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
        **fields,
    )
    db.session.add(person)
    db.session.flush()
    note_arrival(event, person, address)
    settle(event, {person.id})
    return person, token


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


@dataclass
class Snapshot:
    """Everything a phone needs to redraw from scratch."""

    attendee: Attendee
    introductions: list[Introduction]
    known: list[int]
    announcements: list[Announcement]
    seq: int
    understood: Understood  # how each typed topic was read
    waiting: Waiting | None  # why no introduction is open yet, if none is
    round: tuple[Round, int] | None = None  # the round running now and its group count


def snapshot(person: Attendee) -> Snapshot:
    """Both sides of every introduction loaded up front: one query each, not one per card."""
    intros = db.session.scalars(
        select(Introduction)
        .where((Introduction.a_id == person.id) | (Introduction.b_id == person.id))
        .order_by(Introduction.created_at.desc(), Introduction.id.desc())
        .options(
            selectinload(Introduction.a),
            selectinload(Introduction.b),
            selectinload(Introduction.round),
        )
    ).all()
    known = db.session.scalars(
        select(Known.known_id).where(Known.attendee_id == person.id).order_by(Known.id)
    ).all()
    event = person.event
    has_open = any(i.is_open for i in intros)
    return Snapshot(
        person,
        list(intros),
        list(known),
        latest(event),
        event.seq,
        understood(vocabulary_for(event), person.offers, person.seeks),
        waiting(person, event, has_open),
        _running(event),
    )


def _running(event: Event) -> tuple[Round, int] | None:
    """The round on every screen now, so a reloaded phone shows its banner and card."""
    running = current_round(event)
    return None if running is None else (running, group_count(running))


def about(person: Attendee) -> tuple[Understood, Waiting | None]:
    """How their topics were read and why they wait, without loading every introduction
    (what a join answers with: the phone fetches the rest next)."""
    event = person.event
    return understood(vocabulary_for(event), person.offers, person.seeks), waiting(
        person, event, _open_count(person) > 0
    )


def _open_count(person: Attendee) -> int:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Introduction)
            .where(
                Introduction.status.in_(OPEN_STATUSES),
                (Introduction.a_id == person.id) | (Introduction.b_id == person.id),
            )
        )
        or 0
    )


def _locked_self(person: Attendee) -> tuple[Event, Attendee]:
    event = lock_event(person.event.code)
    fresh = db.session.get(Attendee, person.id)
    if fresh is None or not fresh.active:
        raise Forbidden("removed", "You are no longer part of this event.")
    return event, fresh


# What an attendee may still change once the event has closed.
AFTER_THE_EVENT = {
    "landed", "share_contact", "share_with_organizer", "email", "phone", "profile_url",
}  # fmt: skip


def update_me(person: Attendee, patch: MePatch) -> Attendee:
    """Edit the profile; capacity, presence or topic changes are matched at once."""
    event, me = _locked_self(person)
    changes = patch.model_dump(exclude_unset=True)
    if set(changes) - AFTER_THE_EVENT:
        require_not_closed(event, "profile changes")
    for key in ("email", "profile_url"):
        if key in changes:
            changes[key] = changes[key] or ""
    changes = {k: v for k, v in changes.items() if v is not None or k in ("email", "profile_url")}
    if "landed" in changes:
        me.landed_at = utcnow() if changes.pop("landed") else None
    intent = changes.get("intent", me.intent)
    missing = topic_errors(intent, changes.get("offers", me.offers), changes.get("seeks", me.seeks))
    if missing:
        raise Invalid("invalid", "Some fields need fixing.", missing)
    for name, value in changes.items():
        setattr(me, name, value)
    changed = end_open_for(me) if changes.get("presence") == "left" else []
    focus = {me.id} | {i.other_id(me.id) for i in changed}
    settle(event, focus, changed)
    return me


def forget_me(person: Attendee) -> None:
    """Erase the profile and contact data; the token stops working; open introductions end."""
    event, me = _locked_self(person)
    changed = end_open_for(me)
    erase(me)
    settle(event, {i.other_id(me.id) for i in changed}, changed)
    checkpoint(wait=False)
    broadcast.attendee_out(me.id)


def mark_known(person: Attendee, other_id: int) -> list[int]:
    """Remember an acquaintance: never introduced; an unaccepted suggestion quietly ends."""
    event, me = _locked_self(person)
    other = db.session.get(Attendee, other_id)
    if other is None or other.event_id != event.id or not other.active:
        raise NotFound(
            "not_found",
            "No such attendee at this event.",
            {"attendee_id": "Unknown attendee."},
        )
    if other.id == me.id:
        raise Invalid("invalid", "You already know yourself.", {"attendee_id": "That is you."})
    exists = db.session.scalars(
        select(Known).where(Known.attendee_id == me.id, Known.known_id == other.id)
    ).first()
    changed: list[Introduction] = []
    if exists is None:
        db.session.add(Known(event_id=event.id, attendee_id=me.id, known_id=other.id))
        a, b = sorted((me.id, other.id))
        pending = db.session.scalars(
            select(Introduction).where(
                Introduction.a_id == a, Introduction.b_id == b, Introduction.status == "suggested"
            )
        ).first()
        if pending is not None:
            close(pending, "expired")
            changed.append(pending)
    focus = {me.id, other.id} if changed else set()
    settle(event, focus, changed)
    return snapshot(me).known


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
    for person in gone:
        changed += end_open_for(person)
        person.removed_at = now
        person.presence = "left"
    focus = {pid for i in changed for pid in (i.a_id, i.b_id)} - wanted
    settle(event, focus, changed)
    for person in gone:
        broadcast.attendee_out(person.id)
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
        return person, _open_count(person)
    if person.forgotten_at is not None:
        db.session.rollback()
        raise Conflict("forgotten", "They asked Mixer to forget them: nothing to restore.")
    require_not_closed(event, "changes")
    person.removed_at = None
    person.presence = "here"
    settle(event, {person.id})
    return person, _open_count(person)


def people(person: Attendee, query: str = "", limit: int = 50) -> tuple[list[Attendee], set[int]]:
    """Others at the event to mark as known: those already marked first, then by name."""
    known = set(
        db.session.scalars(select(Known.known_id).where(Known.attendee_id == person.id)).all()
    )
    needle = query.strip().casefold()
    others = [
        p
        for p in active_attendees(person.event)
        if p.id != person.id
        and (not needle or needle in p.name.casefold() or needle in p.headline.casefold())
    ]
    others.sort(key=lambda p: (p.id not in known, p.name.casefold(), p.id))
    return others[:limit], known


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
    return person, _open_count(person), read, why
