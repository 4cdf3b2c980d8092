"""Bridge between stored rows and the pure matching engine (continuous mode)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import inspect, select

from ..domain.models import Attendee, Event, Introduction, utcnow
from ..domain.vocabulary import vocabulary_for
from ..infra.extensions import db
from ..matching import Person, Suggestion, reclaim_for_firsts, suggest, waiting_for_first
from .engine_view import matching_people, person_of
from .pushes import Outbox
from .queries import blocked_for, tally, unanswered


def ttl() -> timedelta:
    return timedelta(seconds=current_app.config["SUGGESTION_TTL_SECONDS"])


def expire_due(event: Event, now: datetime | None = None) -> list[Introduction]:
    """Unanswered suggestions past their time end as 'expired' and free capacity."""
    now = now or utcnow()
    due = db.session.scalars(
        select(Introduction).where(
            Introduction.event_id == event.id,
            Introduction.status == "suggested",
            Introduction.expires_at <= now,
        )
    ).all()
    for intro in due:
        close(intro, "expired", now)
    return list(due)


def close(intro: Introduction, status: str, now: datetime | None = None) -> None:
    """End an open introduction; who accepted is kept, so contacts already earned stay."""
    intro.status = status
    intro.closed_at = now or utcnow()
    intro.expires_at = None


def end_open_for(person: Attendee) -> list[Introduction]:
    """Someone leaves or is removed: their open introductions end for both sides."""
    intros = db.session.scalars(
        select(Introduction).where(
            Introduction.status.in_(("suggested", "accepted")),
            (Introduction.a_id == person.id) | (Introduction.b_id == person.id),
        )
    ).all()
    for intro in intros:
        close(intro, "expired")
    return list(intros)


def end_unanswered(event: Event) -> list[Introduction]:
    """The event closes: suggestions still waiting for an answer end like an expiry."""
    waiting = db.session.scalars(
        select(Introduction).where(
            Introduction.event_id == event.id, Introduction.status == "suggested"
        )
    ).all()
    for intro in waiting:
        close(intro, "expired")
    return list(waiting)


def matching_enabled(event: Event) -> bool:
    return event.status == "open" and event.mode in ("continuous", "both")


def rematch(event: Event, focus: set[int] | None) -> list[Introduction]:
    """Make the best available new introductions for the people affected (None: everyone).

    Returns every introduction made or ended here: new suggestions, and unanswered second
    suggestions withdrawn so that a seeker still waiting gets a first one. This runs on
    every join, under the event's lock: the room comes from this worker's checked view,
    and only the pairs that touch the focus are read.
    """
    if not matching_enabled(event) or (focus is not None and not focus):
        return []
    persons, weights, index = matching_people(event)
    blocked = blocked_for(event, focus)
    made = [introduce(event, s) for s in suggest(persons, blocked, focus, weights, index)]
    room = after(persons, made)
    if not waiting_for_first(room, focus):
        # The usual case: nobody here still waits for a first introduction, so the room's
        # unanswered suggestions (thousands, in a big room) need not be read.
        db.session.flush()
        return made
    blocked |= {(i.a_id, i.b_id) for i in made}
    waiting = unanswered(event)
    new = {(i.a_id, i.b_id): i for i in made}
    candidates = [*waiting, *new]
    reclaims = reclaim_for_firsts(room, blocked, candidates, focus, weights)
    ended = []
    for reclaim in reclaims:
        fresh = new.pop(reclaim.withdraw, None)
        if fresh is not None:  # never shown to anyone: drop it rather than end it
            made.remove(fresh)
            # Reading the unanswered suggestions flushed it: its row must go too, or it
            # would hold both places unseen, past a capacity of one.
            if inspect(fresh).pending:
                db.session.expunge(fresh)
            else:
                db.session.delete(fresh)
        else:
            old = db.session.get(Introduction, waiting[reclaim.withdraw])
            close(old, "expired")  # type: ignore[arg-type]
            ended.append(old)
        made.append(introduce(event, reclaim.instead))
    db.session.flush()
    return made + ended  # type: ignore[operator]


def after(persons: list[Person], made: Sequence[Introduction]) -> list[Person]:
    """The room once these new suggestions count: only their people change."""
    gained = Counter(pid for i in made for pid in (i.a_id, i.b_id))
    if not gained:
        return persons
    return [
        replace(p, open_count=p.open_count + gained[p.id], received=p.received + gained[p.id])
        if p.id in gained
        else p
        for p in persons
    ]


def engine_people(
    event: Event, people: Sequence[Any], held: Iterable[tuple[int, int, str]]
) -> list[Person]:
    """The engine's view of the room: capacity held and introductions had, per person.

    `people` are attendees or roster rows; `held` is (a_id, b_id, status) per introduction.
    """
    open_count, received = tally(held)
    vocab = vocabulary_for(event)
    return [
        replace(person_of(p, vocab), open_count=open_count[p.id], received=received[p.id])
        for p in people
    ]


def introduce(
    event: Event, s: Suggestion, *, expires_at: datetime | None = None, **extra: object
) -> Introduction:
    """Store a suggestion as an introduction awaiting both answers."""
    now = utcnow()
    intro = Introduction(
        event_id=event.id,
        a_id=s.a,
        b_id=s.b,
        status="suggested",
        a_accepted=False,
        b_accepted=False,
        score=s.score,
        a_gets=list(s.a_gets),
        b_gets=list(s.b_gets),
        one_way=s.one_way,
        a_followed_up=False,
        b_followed_up=False,
        created_at=now,
        expires_at=expires_at or now + ttl(),
        **extra,
    )
    db.session.add(intro)
    return intro


def assign_spot(event: Event, intro: Introduction) -> None:
    """Send the pair to the meeting spot with the fewest pairs heading there now."""
    if not event.meeting_spots:
        return
    busy = Counter(
        db.session.scalars(
            select(Introduction.spot).where(
                Introduction.event_id == event.id,
                Introduction.status == "accepted",
                Introduction.spot.is_not(None),
            )
        ).all()
    )
    intro.spot = min(
        event.meeting_spots, key=lambda spot: (busy[spot], event.meeting_spots.index(spot))
    )


def settle(
    event: Event,
    focus: set[int] | None,
    changed: Sequence[Introduction] = (),
    *,
    event_changed: bool = False,
    now: datetime | None = None,
) -> Outbox:
    """The matching every locked change ends with: expire what is due, match the people
    affected, and plan the pushes; the use case then finishes (`publishing.finish`).

    `focus` None matches the whole room.
    """
    expired = expire_due(event, now)
    if focus is not None:
        focus = focus | {i.a_id for i in expired} | {i.b_id for i in expired}
    made = rematch(event, focus)
    outbox = Outbox(event)
    outbox.introductions([*changed, *expired, *made])
    if event_changed:
        outbox.event_changed()
    return outbox
