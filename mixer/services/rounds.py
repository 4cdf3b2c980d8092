"""Rounds mode: the organizer starts a timed pass in which everyone present meets someone."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from itertools import combinations

from flask_babel import gettext
from sqlalchemy import func, select

from ..domain.errors import Conflict
from ..domain.models import Attendee, Event, Round, utcnow
from ..infra.extensions import db
from ..infra.offload import Remote
from ..matching import Group, Member, RoundPlan, pair_key, round_pair, topic_weights
from .events import get_event
from .introductions import introduce, ttl
from .locking import lock_event, require_not_closed
from .matchmaking import engine_people
from .publishing import finish
from .pushes import Outbox
from .queries import (
    active_attendees,
    blocked_for,
    current_round,
    group_count,
    introduction_statuses,
)
from .solving import Gathered, solved

PLAN_ROUND: Remote[RoundPlan] = Remote("mixer.matching.round_plan", "plan_round")


def start_round(code: str, minutes: int) -> tuple[Round, int]:
    """Pair everyone present (one trio when odd), maximising two-way value, never a repeat.

    The plan is solved from a snapshot, without holding the event's lock, in the solver
    process (a big room takes seconds of CPU). Then, under the lock, groups that a change
    meanwhile made impossible (someone left, or met one of them) are dropped and the rest
    stored. While a round runs (or is paused), starting another is refused: a second
    click must not cut the first short. Returns the round and its group count.
    """

    def gather() -> Gathered[tuple[list[Member], Mapping[str, float]]]:
        event = get_event(code)
        require_not_closed(event, "rounds")
        _require_none_running(event)
        here = _present(event)
        held = introduction_statuses(event)
        people = engine_people(event, here, held)
        weights = topic_weights(engine_people(event, active_attendees(event), held))
        return (people, weights), (people, blocked_for(event, None), weights)

    db.session.rollback()  # hold nothing while the room is read and solved
    found = solved(PLAN_ROUND, gather)
    assert found is not None and found[1] is not None  # gather always asks for a solve
    (people, weights), plan = found

    event = lock_event(code)
    require_not_closed(event, "rounds")
    _require_none_running(event)
    still = {p.id for p in _present(event)}
    taken = blocked_for(event, None)
    groups = [g for g in plan.groups if _still_possible(g, still, taken)]
    if not groups:
        db.session.rollback()
        raise Conflict("no_pairs", gettext("Everyone present has already met everyone they could."))
    now = utcnow()
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
    for index, group in enumerate(groups):
        spot = spots[index % len(spots)] if spots else None
        for x, y in combinations(group.members, 2):
            pair = round_pair(by_id[x], by_id[y], weights)
            expires = round_.ends_at + ttl()
            made.append(introduce(event, pair, expires_at=expires, round_id=round_.id, spot=spot))
    db.session.flush()
    outbox = Outbox(event)
    outbox.introductions(made)
    outbox.round(round_, len(groups))
    finish(event, outbox)
    return round_, len(groups)


def _require_none_running(event: Event) -> None:
    running = current_round(event)
    if running is not None:
        db.session.rollback()
        raise Conflict(
            "round_running",
            gettext(
                "Round %(number)s is still running. End it first, or wait for its timer.",
                number=running.number,
            ),
        )


def _present(event: Event) -> list[Attendee]:
    here = [p for p in active_attendees(event) if p.presence == "here" and p.arrived]
    if len(here) < 2:
        db.session.rollback()
        raise Conflict("too_few", gettext("A round needs at least two people present."))
    return here


def _still_possible(group: Group, here: set[int], taken: set[tuple[int, int]]) -> bool:
    """Everyone still present, and no two of them introduced since the snapshot."""
    return all(m in here for m in group.members) and not any(
        pair_key(x, y) in taken for x, y in combinations(group.members, 2)
    )


def end_round(code: str) -> tuple[Round, int]:
    """Stop the timer now; the pairs keep their introductions."""
    event = lock_event(code)
    running = current_round(event)
    if running is None:
        db.session.rollback()
        raise Conflict("no_round", gettext("No round is running."))
    running.ends_at = utcnow()
    running.paused_at = None
    groups = group_count(running)
    outbox = Outbox(event)
    outbox.round(running, groups)
    finish(event, outbox)
    return running, groups
