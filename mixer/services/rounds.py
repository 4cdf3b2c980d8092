"""Rounds mode: the organizer starts a timed pass in which everyone present meets someone."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from itertools import combinations

from sqlalchemy import func, select

from ..broadcast import Outbox
from ..errors import ApiError
from ..extensions import db
from ..matching import Person, Suggestion, plan_round, topic_weights, value
from ..models import Introduction, Round, utcnow
from . import live_stats
from .locking import lock_event, require_not_closed
from .matchmaking import engine_people, introduce, never_again, ttl
from .room import active_attendees, current_round, group_count


def start_round(code: str, minutes: int) -> tuple[Round, int]:
    """Pair everyone present (one trio when odd), maximising two-way value, never a repeat.

    A round still running is ended first. Returns the round and how many groups it has.
    """
    event = lock_event(code)
    require_not_closed(event, "rounds")
    now = utcnow()
    here = [p for p in active_attendees(event) if p.presence == "here"]
    if len(here) < 2:
        db.session.rollback()
        raise ApiError(409, "too_few", "A round needs at least two people present.")
    intros = list(
        db.session.scalars(select(Introduction).where(Introduction.event_id == event.id)).all()
    )
    people = engine_people(here, intros)
    weights = topic_weights(engine_people(active_attendees(event), intros))
    plan = plan_round(people, never_again(event, intros), weights)
    if not plan.groups:
        db.session.rollback()
        raise ApiError(409, "no_pairs", "Everyone present has already met everyone they could.")
    running = current_round(event, now)
    if running is not None:
        running.ends_at = now
    number = (
        db.session.scalar(select(func.max(Round.number)).where(Round.event_id == event.id)) or 0
    ) + 1
    round_ = Round(
        event_id=event.id, number=number, started_at=now, ends_at=now + timedelta(minutes=minutes)
    )
    db.session.add(round_)
    db.session.flush()
    by_id = {p.id: p for p in people}
    spots = event.meeting_spots
    made = []
    for index, group in enumerate(plan.groups):
        spot = spots[index % len(spots)] if spots else None
        for x, y in combinations(group.members, 2):
            pair = _pair(by_id[x], by_id[y], weights)
            expires = round_.ends_at + ttl()
            made.append(introduce(event, pair, expires_at=expires, round_id=round_.id, spot=spot))
    db.session.flush()
    outbox = Outbox(event)
    outbox.introductions(made)
    outbox.round(round_.number, round_.ends_at, len(plan.groups))
    db.session.commit()
    outbox.send()
    live_stats.changed(event)
    return round_, len(plan.groups)


def _pair(a: Person, b: Person, weights: Mapping[str, float]) -> Suggestion:
    """What each side gets; a round may pair people with nothing in common (then: nothing)."""
    a_value, a_gets = value(a.seeks, b.offers, weights)
    b_value, b_gets = value(b.seeks, a.offers, weights)
    one_way = bool(a_value) != bool(b_value)
    return Suggestion(a.id, b.id, a_value + b_value, a_gets, b_gets, one_way)


def end_round(code: str) -> tuple[Round, int]:
    """Stop the timer now; the pairs keep their introductions."""
    event = lock_event(code)
    running = current_round(event)
    if running is None:
        db.session.rollback()
        raise ApiError(409, "no_round", "No round is running.")
    running.ends_at = utcnow()
    groups = group_count(running)
    outbox = Outbox(event)
    outbox.round(running.number, running.ends_at, groups)
    db.session.commit()
    outbox.send()
    live_stats.changed(event)
    return running, groups
