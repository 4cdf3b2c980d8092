"""Bridge between stored rows and the pure matching engine (continuous mode): who is
suggested to whom after each change, and the pushes that tell them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import inspect

from ..domain.models import Event, Introduction
from ..domain.vocabulary import vocabulary_for
from ..infra.extensions import db
from ..matching import Member, reclaim_for_firsts, suggest, waiting_for_first
from .engine_view import matching_people, person_of
from .introductions import close, expire_due, introduce
from .pushes import Outbox
from .queries import blocked_for, tally, unanswered
from .warm_life import place_waiting
from .who_knows_whom import with_acquaintances


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
    persons = with_acquaintances(event, persons, focus)  # warm pairs first among equals
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


def after(persons: list[Member], made: Sequence[Introduction]) -> list[Member]:
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
) -> list[Member]:
    """The engine's view of the room: capacity held and introductions had, per person.

    `people` are attendees or roster rows; `held` is (a_id, b_id, status) per introduction.
    """
    open_count, received = tally(held)
    vocab = vocabulary_for(event)
    return [
        replace(person_of(p, vocab), open_count=open_count[p.id], received=received[p.id])
        for p in people
    ]


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

    `focus` None matches the whole room. Warm introductions waiting for a place take the
    places freed first, before any cold suggestion.
    """
    expired = expire_due(event, now)
    if focus is not None:
        focus = focus | {i.a_id for i in expired} | {i.b_id for i in expired}
    outbox = Outbox(event)
    warmed = place_waiting(event, outbox)
    made = rematch(event, focus)
    outbox.introductions([*changed, *expired, *warmed, *made])
    if event_changed:
        outbox.event_changed()
    return outbox
