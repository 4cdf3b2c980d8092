"""The attendee's own side: their state, their profile, people they know, forget me."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from ..domain.errors import Forbidden, Invalid
from ..domain.models import (
    OPEN_STATUSES,
    Announcement,
    Attendee,
    Event,
    Introduction,
    Round,
    utcnow,
)
from ..domain.topic_rules import topic_errors
from ..domain.vocabulary import vocabulary_for
from ..infra.extensions import db
from ..shapes.impact import Gave
from ..shapes.inputs import MePatch
from ..shapes.people import Understood, Waiting
from ..shapes.profile import Named
from ..shapes.warm import WarmPath
from . import pushes
from .announcements import latest
from .erasure import checkpoint, erase
from .homework import Match, homework
from .introductions import end_open_for
from .locking import begin_write, lock_event, require_not_closed
from .matchmaking import settle
from .outcomes import gave
from .publishing import finish
from .queries import active_attendees, current_round, group_count, known_ids
from .topics import understood
from .waiting import waiting
from .warm_life import WarmState, end_for, warm_state
from .warm_paths import warm_paths
from .who_knows_whom import known_by_both


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
    warm: WarmState = field(default_factory=WarmState)  # warm requests to and from them
    known_by_both: dict[int, list[Named]] = field(default_factory=dict)  # per introduction id
    warm_paths: list[WarmPath] = field(default_factory=list)  # whom to meet through whom
    homework: list[Match] = field(default_factory=list)  # before arriving: whom to look for
    gave: Gave | None = None  # a giver's evening, once it is over


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
            selectinload(Introduction.via),
        )
    ).all()
    both_know = known_by_both([(i.a_id, i.b_id) for i in intros], person.event_id)
    known = known_ids(person)
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
        warm_state(person),
        {i.id: both_know.get((i.a_id, i.b_id), []) for i in intros},
        warm_paths(person),
        homework(person) if not person.arrived and not has_open else [],
        gave(person, intros),
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
        person, event, open_count(person) > 0
    )


def speaks(person: Attendee, language: str) -> None:
    """Remember the language `person`'s phone speaks now (their pushes will): written only
    when it changed, without counting as a change of their profile (the room's cached view,
    which reads profiles, stays as it was)."""
    if person.language == language:
        return
    begin_write()
    db.session.execute(
        update(Attendee)
        .where(Attendee.id == person.id)
        .values(language=language)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def open_count(person: Attendee) -> int:
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


def locked_self(person: Attendee) -> tuple[Event, Attendee]:
    """The event locked for a change, and the asker read again: refused once removed."""
    event = lock_event(person.event.code)
    fresh = db.session.get(Attendee, person.id)
    if fresh is None or not fresh.active:
        raise Forbidden("removed", gettext("You are no longer part of this event."))
    return event, fresh


# What an attendee may still change once the event has closed.
AFTER_THE_EVENT = {
    "landed", "share_contact", "share_with_organizer", "email", "phone", "profile_url",
}  # fmt: skip


def update_me(person: Attendee, patch: MePatch) -> Attendee:
    """Edit the profile; capacity, presence or topic changes are matched at once."""
    event, me = locked_self(person)
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
        raise Invalid("invalid", gettext("Some fields need fixing."), missing)
    for name, value in changes.items():
        setattr(me, name, value)
    gone = changes.get("presence") == "left"
    changed = end_open_for(me) if gone else []
    warm_ended = end_for(me, left=True) if gone else []
    focus = {me.id} | {i.other_id(me.id) for i in changed}
    outbox = settle(event, focus, changed)
    outbox.warm(warm_ended)
    finish(event, outbox)
    return me


def forget_me(person: Attendee) -> None:
    """Erase the profile and contact data; the token stops working; open introductions end."""
    event, me = locked_self(person)
    changed = end_open_for(me)
    warm_ended = end_for(me)
    erase(me)
    outbox = settle(event, {i.other_id(me.id) for i in changed}, changed)
    outbox.warm(r for r in warm_ended if r.asker_id != me.id)  # nobody left to tell there
    finish(event, outbox)
    checkpoint(wait=False)
    pushes.attendee_out(me.id)


def people(person: Attendee, query: str = "", limit: int = 50) -> tuple[list[Attendee], set[int]]:
    """Others at the event to mark as known: those already marked first, then by name."""
    known = set(known_ids(person))
    needle = query.strip().casefold()
    others = [
        p
        for p in active_attendees(person.event)
        if p.id != person.id
        and (not needle or needle in p.name.casefold() or needle in p.headline.casefold())
    ]
    others.sort(key=lambda p: (p.id not in known, p.name.casefold(), p.id))
    return others[:limit], known
