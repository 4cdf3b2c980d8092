"""The organizer's numbers: computed from the database, pushed at most twice a second."""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from flask import Flask, current_app
from sqlalchemy import case, func, inspect, select
from sqlalchemy.exc import SQLAlchemyError

from ..domain.errors import described
from ..domain.models import (
    INTENTS,
    INTRO_STATUSES,
    Event,
    Introduction,
    Registration,
    WarmRequest,
)
from ..infra import cooperative, coordination
from ..infra.extensions import db, socketio
from ..shapes.presenters import round_info
from ..shapes.profile import Named
from ..shapes.stats import Stats, TopicSupply, WarmStats
from . import pushes, sequence
from .engine_view import room_as_read
from .locking import begin_write
from .queries import current_round, group_count, introduction_statuses, roster, tally
from .supply import canonical

MOST_TOPICS = 100  # the console lists at most this many topics, the most wanted first

log = logging.getLogger(__name__)


def compute(event: Event) -> Stats:
    """Everything the console shows, from two queries."""
    people = roster(event, topics=False)
    intros = introduction_statuses(event)
    by_status = Counter(status for _a, _b, status in intros)
    open_count, received = tally(intros)
    here = [p for p in people if p.presence == "here" and p.arrived_at is not None]
    seekers = [p for p in here if p.intent in ("seek", "both")]
    givers = [p for p in here if p.intent in ("give", "both")]
    waiting = [p for p in seekers if received[p.id] == 0]
    full = [p for p in givers if open_count[p.id] >= p.capacity]
    free = sum(max(0, p.capacity - open_count[p.id]) for p in givers)
    answered = by_status["accepted"] + by_status["met"] + by_status["declined"]
    by_intent = Counter(p.intent for p in people)
    counts = {intent: by_intent[intent] for intent in INTENTS}
    away = Counter(p.presence for p in people)
    counts |= {"here": len(here), "busy": away["busy"], "left": away["left"], "total": len(people)}
    made = sum(by_status.values())
    running = current_round(event)
    topics, unmatched = topic_supply(event, {p.id for p in waiting})
    return Stats(
        attendees=counts,
        introductions={status: by_status[status] for status in INTRO_STATUSES},
        seekers_without_introduction=[Named(id=p.id, name=p.name) for p in waiting],
        givers_at_capacity=[Named(id=p.id, name=p.name) for p in full],
        balance={
            "giver_free_capacity": free,
            "seekers_waiting": len(waiting),
            "ratio": round(free / len(waiting), 2) if waiting else float(free),
            "seekers_no_topic_match": unmatched,
        },
        acceptance_rate=round((by_status["accepted"] + by_status["met"]) / answered, 3)
        if answered
        else None,
        met_rate=round(by_status["met"] / made, 3) if made else None,
        round=round_info(running, group_count(running)) if running else None,
        topics=topics,
        warm=warm_numbers(event),
        arrivals=arrivals(event, people),
    )


def arrivals(event: Event, people: list[Any]) -> dict[str, int]:
    """Registered (on the list), arrived (checked in, came through a registration), and
    at the door (joined there, without one)."""
    linked = dict(
        db.session.execute(
            select(Registration.id, Registration.attendee_id).where(
                Registration.event_id == event.id
            )
        ).all()
    )
    came = set(linked.values())
    arrived = sum(1 for p in people if p.id in came and p.arrived_at is not None)
    door = sum(1 for p in people if p.id not in came)
    return {"registered": len(linked), "arrived": arrived, "at_the_door": door}


def warm_numbers(event: Event) -> WarmStats:
    """Warm requests asked, and warm against cold introductions: made, and both accepted."""
    asked = db.session.scalar(
        select(func.count()).select_from(WarmRequest).where(WarmRequest.event_id == event.id)
    )
    both = case((Introduction.a_accepted & Introduction.b_accepted, 1), else_=0)
    made = {
        warm: (int(count), int(accepted or 0))
        for warm, count, accepted in db.session.execute(
            select(Introduction.via_id.is_not(None), func.count(), func.sum(both))
            .where(Introduction.event_id == event.id)
            .group_by(Introduction.via_id.is_not(None))
        ).all()
    }
    warm, cold = made.get(True, (0, 0)), made.get(False, (0, 0))
    return WarmStats(
        asked=int(asked or 0),
        introduced=warm[0],
        accepted=warm[1],
        acceptance_rate=round(warm[1] / warm[0], 3) if warm[0] else None,
        cold_acceptance_rate=round(cold[1] / cold[0], 3) if cold[0] else None,
    )


def topic_supply(event: Event, waiting_ids: set[int]) -> tuple[list[TopicSupply], int]:
    """Per canonical topic: who offers it, who seeks it, and the seekers still waiting on it;
    and how many of those waiting (`waiting_ids`) seek nothing anybody here offers.

    Who offers and seeks what is kept with the matching view until the room changes, so
    the numbers never read everyone's topics again, nor count introductions twice.
    """
    room, people, _weights = room_as_read(event)
    offered = room.tags_offered
    waiting: Counter[str] = Counter()
    unmatched = 0
    for pid in waiting_ids:
        p = people.get(pid)
        if p is not None:
            waiting.update(canonical(p.seeks))
            unmatched += all(offered[t] - (t in p.offers) <= 0 for t in p.seeks)
    topics = sorted(
        room.offers.keys() | room.seeks.keys(),
        key=lambda t: (-waiting[t], -room.seeks[t], -room.offers[t], t),
    )
    listed = [
        TopicSupply(topic=t, offers=room.offers[t], seeks=room.seeks[t], waiting=waiting[t])
        for t in topics[:MOST_TOPICS]
    ]
    return listed, unmatched


def changed(event: Event) -> None:
    """Push fresh stats now, or once the window has passed (trailing edge): nothing is lost.

    The window is claimed through `coordination`, so with several workers the organizer
    still gets at most one push per window, from whichever worker changed something first;
    a change inside the window books one trailing push (if none is booked) that reads the
    database after the window, and so includes every change made meanwhile.
    """
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    window = app.config["STATS_MIN_INTERVAL"]
    claims = coordination.claims(app)
    # The id without a query: after the commit, reading `event.id` would take a database
    # connection again, held by this request while the numbers take another one.
    event_id: int = inspect(event).identity[0]
    if window <= 0 or claims.claim(f"stats:{event_id}", window):
        try:
            push(event_id)
        except SQLAlchemyError as exc:  # the change itself is committed: never fail it for numbers
            log.error("stats push failed: %s", described(exc))
            db.session.rollback()
    elif claims.claim(f"stats-due:{event_id}", window):
        socketio.start_background_task(_later, app, event_id, window)


def _later(app: Flask, event_id: int, wait: float) -> None:
    socketio.sleep(wait)
    with app.app_context():
        coordination.claims(app).hold(f"stats:{event_id}", app.config["STATS_MIN_INTERVAL"])
        try:
            push(event_id)
        except SQLAlchemyError as exc:  # lost; the next change resends (one line, no SQL)
            log.error("stats push failed: %s", described(exc))
            db.session.rollback()
        except Exception:  # a lost trailing push must not kill the worker; the next change resends
            log.exception("stats push failed")
            db.session.rollback()


def current(event: Event) -> tuple[Stats, int]:
    """The numbers and the seq they were read at, for a console that asks (a load, a
    reconnect), computed off the server's loop as the pushed ones are (`push`)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    return cooperative.off_loop(app, _current_numbers, event.id)


def _current_numbers(event_id: int) -> tuple[Stats, int]:
    event = db.session.get(Event, event_id)
    assert event is not None  # the caller just found it; events are never deleted
    return compute(event), event.seq


def push(event_id: int) -> None:
    """Compute the numbers off the server's loop, then send them from it.

    Reading and walking a 10,000-person room takes tens of milliseconds of Python: on a
    gevent server's only loop, every phone waited that long, twice a second. The numbers
    are computed in a thread with its own database session (`cooperative.off_loop`), and
    only the finished numbers come back to the loop to be sent.
    """
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    numbered = cooperative.off_loop(app, _numbered, event_id)
    if numbered is not None:
        code, payload = numbered
        pushes.stats(code, payload)


def _numbered(event_id: int) -> tuple[str, dict[str, Any]] | None:
    """The event's code and its numbers with their seq (None: the event is gone).

    Computed, then the next seq taken only if nothing changed meanwhile. Computing
    outside the event's lock keeps joins from waiting behind it. The seq is taken by
    compare-and-set on the seq the numbers were read with: if any change (or push) came in
    between, the numbers are stale and are computed again, so a console never takes older
    numbers for newer ones.
    """
    for _attempt in range(3):
        event = db.session.get(Event, event_id)
        if event is None:
            db.session.rollback()
            return None
        code, read_at = event.code, event.seq
        payload = compute(event).model_dump(mode="json")
        begin_write()  # ends the read first where that matters (SQLite)
        seq = sequence.taken_if_unchanged(event_id, read_at)
        db.session.commit()
        if seq is not None:
            return code, {**payload, "seq": seq}
    # The room changes faster than the numbers can be read between changes: read them
    # once under the event's lock instead, so the last change is never left unpushed.
    begin_write()
    seq = sequence.taken(event_id)
    event = db.session.get(Event, event_id)
    db.session.refresh(event)  # type: ignore[arg-type]
    payload = compute(event).model_dump(mode="json")  # type: ignore[arg-type]
    db.session.commit()
    return code, {**payload, "seq": seq}
