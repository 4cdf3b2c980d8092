"""The room-wide re-balance: re-choose every suggestion nobody has answered yet.

Suggestions are made one arrival at a time, so early arrivals can hold places a later
seeker needed more. Every MIXER_REBALANCE_INTERVAL seconds (and when the organizer asks)
the unanswered suggestions are re-chosen for the whole room at once: first as many
seekers with an introduction as possible, then the most value. Accepted introductions
are never touched; a withdrawn suggestion closes as "not this time", like an expiry.

The plan is solved from a snapshot in the solver process, without the event's lock (it
may take a second in a big room); under the lock it is applied only as far as it still
holds: a suggestion answered meanwhile stays, and a new one is made only where both
people are still here with a free place.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from ..broadcast import Outbox
from ..errors import ApiError, not_found
from ..extensions import db
from ..matching import Person, Suggestion, pair_key, topic_weights
from ..matching import rebalance as plan_rebalance
from ..matching.rebalance import Rebalance
from ..models import Event, Introduction
from ..offload import OffloadFailed, solver
from . import live_stats
from .locking import lock_event, require_not_closed
from .matchmaking import close, engine_people, introduce, matching_enabled, never_again
from .room import introduction_rows, roster

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What a re-balance changed, for the organizer."""

    withdrawn: int
    made: int
    seekers_before: int
    seekers_after: int


NOTHING = Outcome(0, 0, 0, 0)


def rebalance_now(code: str) -> Outcome:
    """The organizer asked: say plainly why nothing can happen, else re-balance."""
    event = db.session.scalars(select(Event).where(Event.code == code)).first()
    if event is None:
        raise not_found()
    require_not_closed(event, "re-balances")
    if not matching_enabled(event):
        db.session.rollback()
        raise ApiError(
            409,
            "no_suggestions",
            "Suggestions are off (paused, or rounds only): there is nothing to re-balance.",
        )
    return rebalance(code)


def rebalance(code: str) -> Outcome:
    """Re-choose the unanswered suggestions of this event; returns what changed."""
    event = db.session.scalars(select(Event).where(Event.code == code)).first()
    if event is None or not matching_enabled(event):
        db.session.rollback()
        return NOTHING
    people = roster(event)
    rows = introduction_rows(event)
    unanswered = [
        pair_key(r.a_id, r.b_id)
        for r in rows
        if r.status == "suggested" and not r.a_accepted and not r.b_accepted
    ]
    persons = engine_people(people, [(r.a_id, r.b_id, r.status) for r in rows])
    blocked = never_again(event, rows)
    weights = topic_weights(persons)
    db.session.rollback()  # hold nothing while the solver works
    plan = _solve(persons, unanswered, blocked, weights)
    if not plan.withdraw and not plan.make:
        return Outcome(0, 0, plan.served[0], plan.served[0])
    return _apply(code, plan)


def _solve(
    persons: list[Person],
    unanswered: list[tuple[int, int]],
    blocked: set[tuple[int, int]],
    weights: Mapping[str, float],
) -> Rebalance:
    if current_app.config["OFFLOAD_SOLVES"]:
        try:
            return solver.call(plan_rebalance, persons, unanswered, blocked, weights)
        except OffloadFailed:
            log.exception("solver process unavailable; re-balancing in-process")
    return plan_rebalance(persons, unanswered, blocked, weights)


def _apply(code: str, plan: Rebalance) -> Outcome:
    """Under the lock: withdraw what is still unanswered, then make what still fits."""
    event = lock_event(code)
    if not matching_enabled(event):
        db.session.rollback()
        return NOTHING
    intros = {
        pair_key(i.a_id, i.b_id): i
        for i in db.session.scalars(
            select(Introduction).where(Introduction.event_id == event.id)
        ).all()
    }
    ended = []
    for pair in plan.withdraw:
        intro = intros.get(pair)
        if intro and intro.status == "suggested" and not (intro.a_accepted or intro.b_accepted):
            close(intro, "expired")
            ended.append(intro)
    here = {p.id: p.capacity for p in roster(event) if p.presence == "here"}
    blocked = never_again(event, list(intros.values()))
    held = Counter(
        pid
        for i in intros.values()
        if i.status in ("suggested", "accepted")
        for pid in (i.a_id, i.b_id)
    )
    made = [introduce(event, s) for s in plan.make if _still_fits(s, blocked, here, held)]
    if not ended and not made:
        db.session.rollback()
        return NOTHING
    db.session.flush()
    outbox = Outbox(event)
    outbox.introductions([*ended, *made])
    db.session.commit()
    outbox.send()
    live_stats.changed(event)
    return Outcome(len(ended), len(made), plan.served[0], plan.served[1])


def _still_fits(
    s: Suggestion, blocked: set[tuple[int, int]], here: dict[int, int], held: Counter[int]
) -> bool:
    """Not introduced before nor known, both here with a free place; if so, count it."""
    if (s.a, s.b) in blocked or s.a not in here or s.b not in here:
        return False
    if any(held[pid] >= here[pid] for pid in (s.a, s.b)):
        return False
    held[s.a] += 1
    held[s.b] += 1
    return True


def rebalance_changed(seen: dict[int, int]) -> int:
    """Re-balance every open event that changed since it was last looked at (`seen`: id -> seq).

    Returns how many suggestions were withdrawn or made in all.
    """
    rows = db.session.execute(
        select(Event.id, Event.code, Event.seq).where(
            Event.status == "open", Event.mode.in_(("continuous", "both"))
        )
    ).all()
    db.session.rollback()
    moved = 0
    for event_id, code, seq in rows:
        if seen.get(event_id) == seq:
            continue
        done = rebalance(code)
        moved += done.withdrawn + done.made
        seen[event_id] = seq if not (done.withdrawn or done.made) else -1  # look again next time
    return moved
