"""Reading the room: who is still part of the event, and how many introductions each holds."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any

from flask_babel import gettext
from sqlalchemy import Row, select

from ..domain.errors import NotFound
from ..domain.models import OPEN_STATUSES, Attendee, Event, Introduction, Known, Round, utcnow
from ..infra.extensions import db

# Introductions that count as "had one" for fairness: declined and expired do not.
RECEIVED_STATUSES = ("suggested", "accepted", "met")


def active_in(event: Event) -> tuple[Any, ...]:
    """The conditions for "still part of this event": neither removed nor forgotten."""
    return (
        Attendee.event_id == event.id,
        Attendee.removed_at.is_(None),
        Attendee.forgotten_at.is_(None),
    )


def attendee_in(event: Event, attendee_id: int | None, field: str) -> Attendee:
    """Someone still part of this event, by id; else the 404 every route gives for an id
    it cannot use (`field`: the body's field that named them)."""
    found = db.session.get(Attendee, attendee_id) if attendee_id is not None else None
    if found is None or found.event_id != event.id or not found.active:
        raise NotFound(
            "not_found",
            gettext("No such attendee at this event."),
            {field: gettext("Unknown attendee.")},
        )
    return found


def known_ids(person: Attendee) -> list[int]:
    """Whom this person marked as known (or met by "My code"), first marked first."""
    query = select(Known.known_id).where(Known.attendee_id == person.id).order_by(Known.id)
    return list(db.session.scalars(query).all())


def active_attendees(event: Event) -> list[Attendee]:
    """Everyone neither removed nor forgotten, in order of arrival."""
    return list(
        db.session.scalars(
            select(Attendee).where(*active_in(event)).order_by(Attendee.joined_at, Attendee.id)
        ).all()
    )


def held_ids(event: Event) -> set[int]:
    """Who is held back from suggestions right now (joined in a burst, hold not yet over)."""
    return set(
        db.session.scalars(
            select(Attendee.id).where(Attendee.event_id == event.id, Attendee.held_until > utcnow())
        ).all()
    )


# What the console's numbers need of each person; matching needs the topics as well.
_COUNTED = (
    Attendee.id,
    Attendee.name,
    Attendee.intent,
    Attendee.capacity,
    Attendee.presence,
    Attendee.arrived_at,
)


def roster(
    event: Event,
    after_id: int = 0,
    *,
    topics: bool = True,
    ids: Collection[int] | None = None,
) -> list[Row[Any]]:
    """What matching and the numbers need of everyone active (who joined after `after_id`;
    only those of `ids` when given).

    Cheaper than `active_attendees` by an order of magnitude in a room of thousands: no
    ORM objects, no identity map, no contact fields. Same people, same order. Without
    `topics`, offers and seeks are left out: decoding them was most of the numbers' cost.
    """
    columns = (
        (*_COUNTED, Attendee.offers, Attendee.seeks, Attendee.mentor, Attendee.version)
        if topics
        else _COUNTED
    )
    query = select(*columns).where(*active_in(event), Attendee.id > after_id)
    if ids is not None:
        query = query.where(Attendee.id.in_(list(ids)))
    return list(db.session.execute(query.order_by(Attendee.joined_at, Attendee.id)).all())


def blocked_for(event: Event, focus: Collection[int] | None) -> set[tuple[int, int]]:
    """Pairs never to suggest that touch the focus (None: all): introduced before, or known."""
    pairs = select(Introduction.a_id, Introduction.b_id).where(Introduction.event_id == event.id)
    known = select(Known.attendee_id, Known.known_id).where(Known.event_id == event.id)
    if focus is not None:
        ids = list(focus)
        pairs = pairs.where(Introduction.a_id.in_(ids) | Introduction.b_id.in_(ids))
        known = known.where(Known.attendee_id.in_(ids) | Known.known_id.in_(ids))
    rows = [*db.session.execute(pairs).all(), *db.session.execute(known).all()]
    return {(x, y) if x < y else (y, x) for x, y in rows}


def unanswered(event: Event, made_by: datetime | None = None) -> dict[tuple[int, int], int]:
    """Open suggestions neither side has accepted yet (made by then), pair -> introduction id.

    A warm introduction (made by someone both know: `via_id` set) is never among them: it
    is kept as an answered one is, so no re-balance or reclaim ever withdraws it.
    """
    query = select(Introduction.id, Introduction.a_id, Introduction.b_id).where(
        Introduction.event_id == event.id,
        Introduction.status == "suggested",
        Introduction.a_accepted.is_(False),
        Introduction.b_accepted.is_(False),
        Introduction.via_id.is_(None),
    )
    if made_by is not None:
        query = query.where(Introduction.created_at <= made_by)
    rows = db.session.execute(query).all()
    return {(a, b): intro_id for intro_id, a, b in rows}


def introduction_statuses(event: Event) -> list[tuple[int, int, str]]:
    """(a_id, b_id, status) of every introduction of the event: enough to count with."""
    rows = db.session.execute(
        select(Introduction.a_id, Introduction.b_id, Introduction.status).where(
            Introduction.event_id == event.id
        )
    ).all()
    return [(a, b, status) for a, b, status in rows]


def tally(intros: Iterable[tuple[int, int, str]]) -> tuple[Counter[int], Counter[int]]:
    """From (a_id, b_id, status): open introductions per person (capacity held), and
    introductions had per person (fairness)."""
    open_count: Counter[int] = Counter()
    received: Counter[int] = Counter()
    for a, b, status in intros:
        for pid in (a, b):
            if status in OPEN_STATUSES:
                open_count[pid] += 1
            if status in RECEIVED_STATUSES:
                received[pid] += 1
    return open_count, received


def current_round(event: Event, now: datetime | None = None) -> Round | None:
    """The round whose timer is still running (or paused), if any."""
    return db.session.scalars(
        select(Round)
        .where(
            Round.event_id == event.id,
            (Round.ends_at > (now or utcnow())) | Round.paused_at.is_not(None),
        )
        .order_by(Round.number.desc())
    ).first()


def group_count(round_: Round) -> int:
    """Pairs and the trio: everyone placed in the round, two by two (a trio counts once)."""
    rows = db.session.execute(
        select(Introduction.a_id, Introduction.b_id).where(Introduction.round_id == round_.id)
    ).all()
    return len({pid for row in rows for pid in row}) // 2
