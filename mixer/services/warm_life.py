"""A warm request's life after the broker's yes, and its end: the introduction made once both
have a free place, requests ended when someone leaves, and what a phone shows of them.

The use cases that ask and answer are in `warm.py`; the matching pass after every change
(`matchmaking.settle`) calls `place_waiting` first, so a warm introduction takes a freed
place before a cold suggestion does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select, tuple_
from sqlalchemy.orm import selectinload

from ..domain.models import OPEN_STATUSES, Attendee, Event, Introduction, WarmRequest, utcnow
from ..infra.extensions import db
from ..matching import Member, Suggestion, score_pair, value
from .engine_view import open_counts, room_as_read
from .introductions import introduce
from .pushes import Outbox
from .who_knows_whom import acquainted

# Requests still to be carried out: asked of the broker, or said yes to and waiting for places.
OPEN_WARM = ("asked", "introduced")
SENT_SHOWN = 20  # the asker's own requests on the phone, newest first


def warm_suggestion(asker: Member, target: Member, weights: dict[str, float]) -> Suggestion:
    """The pair as an introduction: the engine's verdict where it allows one, else one-way
    (the broker vouches for it: the asker gains, the target gives freely)."""
    judged = score_pair(asker, target, weights)
    if judged is not None:
        return judged
    a, b = (asker, target) if asker.id < target.id else (target, asker)
    to_a, a_gets = value(a.seeks, b.offers, weights)
    to_b, b_gets = value(b.seeks, a.offers, weights)
    return Suggestion(a.id, b.id, to_a + to_b, a_gets, b_gets, not (to_a > 0 and to_b > 0))


def pair_row(x: int, y: int) -> Introduction | None:
    """The one introduction row the pair may ever have, whatever its status."""
    a, b = sorted((x, y))
    return db.session.scalars(
        select(Introduction).where(Introduction.a_id == a, Introduction.b_id == b)
    ).first()


def _end(req: WarmRequest) -> None:
    req.status = "ended"
    req.answered_at = req.answered_at or utcnow()


@dataclass
class _Batch:
    """What every waiting request of one pass needs, read once: open introductions per
    person (kept up to date as introductions are made), who knows whom, the pairs' rows."""

    held: dict[int, int]
    circles: dict[int, set[int]]
    rows: dict[tuple[int, int], Introduction]

    def free(self, people: Iterable[Attendee]) -> bool:
        return all(self.held.get(p.id, 0) < p.capacity for p in people)


def _batch(event: Event, waiting: list[WarmRequest]) -> _Batch:
    ids = {pid for r in waiting for pid in (r.asker_id, r.target_id)}
    pairs = {tuple(sorted((r.asker_id, r.target_id))) for r in waiting}
    rows = db.session.scalars(
        select(Introduction).where(
            Introduction.event_id == event.id,
            tuple_(Introduction.a_id, Introduction.b_id).in_(sorted(pairs)),
        )
    ).all()
    return _Batch(
        {pid: counts[0] for pid, counts in open_counts(event, ids).items()},
        acquainted(ids, event.id),
        {(i.a_id, i.b_id): i for i in rows},
    )


def place(event: Event, req: WarmRequest, batch: _Batch) -> Introduction | None:
    """Carry out an introduced request now if both have a place: an introduction "Introduced
    by" the broker; a suggestion the pair already had becomes that. Ends the request when
    the pair can no longer be introduced (met already, declined, someone gone)."""
    asker, target = req.asker, req.target
    existing = batch.rows.get(tuple(sorted((asker.id, target.id))))  # type: ignore[arg-type]
    gone = not (asker.active and target.active) or "left" in (asker.presence, target.presence)
    if gone or target.id in batch.circles.get(asker.id, set()):  # met on their own since
        _end(req)
        return None
    if existing is not None:
        if existing.status not in OPEN_STATUSES:
            _end(req)
            return None
        if existing.via_id is None:
            existing.via_id, existing.via_note = req.broker_id, req.broker_note
        req.introduction_id = existing.id
        return existing
    if not (asker.arrived and target.arrived) or not batch.free((asker, target)):
        return None  # placed once both are in the room, and both have a place
    _supply, people, weights = room_as_read(event)
    if asker.id not in people or target.id not in people:
        return None
    s = warm_suggestion(people[asker.id], people[target.id], dict(weights))
    intro = introduce(event, s, via_id=req.broker_id, via_note=req.broker_note)
    db.session.flush()  # counted now: the next request and the cold pass see the place taken
    for pid in (asker.id, target.id):
        batch.held[pid] = batch.held.get(pid, 0) + 1
    req.introduction_id = intro.id
    return intro


def place_waiting(event: Event, outbox: Outbox) -> list[Introduction]:
    """Before cold suggestions: every introduced request still without its introduction,
    oldest yes first, made where both now have a place; their brokers and askers told.
    Runs on every change of a room: a few queries for all of them, none per request."""
    if event.status != "open":
        return []
    waiting = list(
        db.session.scalars(
            select(WarmRequest)
            .where(
                WarmRequest.event_id == event.id,
                WarmRequest.status == "introduced",
                WarmRequest.introduction_id.is_(None),
            )
            .order_by(WarmRequest.answered_at, WarmRequest.id)
            .options(selectinload(WarmRequest.asker), selectinload(WarmRequest.target))
        ).all()
    )
    if not waiting:
        return []
    batch = _batch(event, waiting)
    made, changed = [], []
    for req in waiting:
        intro = place(event, req, batch)
        if intro is not None or req.status != "introduced":
            changed.append(req)
        if intro is not None:
            made.append(intro)
    outbox.warm(changed)
    return made


def end_for(person: Attendee, *, left: bool = False) -> list[WarmRequest]:
    """Someone removed, forgotten (or, with `left`, gone home) is never a broker, asker or
    target again: their open requests end ("not this time"). A broker who left has already
    vouched for the pairs they said yes to: those still wait for places."""
    involved = (
        (WarmRequest.asker_id == person.id)
        | (WarmRequest.target_id == person.id)
        | (WarmRequest.broker_id == person.id)
    )
    found = db.session.scalars(
        select(WarmRequest).where(
            involved, WarmRequest.status.in_(OPEN_WARM), WarmRequest.introduction_id.is_(None)
        )
    ).all()
    ended = []
    for req in found:
        if left and req.broker_id == person.id and req.status == "introduced":
            continue
        _end(req)
        ended.append(req)
    return ended


def end_all(event: Event) -> list[WarmRequest]:
    """The event closes: requests nobody answered, and introductions still waiting for a
    place, end ("not this time"); nobody's phone is left waiting on one."""
    found = db.session.scalars(
        select(WarmRequest).where(
            WarmRequest.event_id == event.id,
            WarmRequest.status.in_(OPEN_WARM),
            WarmRequest.introduction_id.is_(None),
        )
    ).all()
    for req in found:
        _end(req)
    return list(found)


@dataclass
class WarmState:
    """What a phone shows of warm requests: asked of me, asked by me, and how many I made."""

    requests: list[WarmRequest] = field(default_factory=list)
    sent: list[WarmRequest] = field(default_factory=list)
    introduced_count: int = 0


def warm_state(person: Attendee) -> WarmState:
    """Three queries, the people of every request loaded with them."""
    people = (
        selectinload(WarmRequest.asker),
        selectinload(WarmRequest.target),
        selectinload(WarmRequest.broker),
    )
    newest = (WarmRequest.created_at.desc(), WarmRequest.id.desc())
    asked_of_me = db.session.scalars(
        select(WarmRequest)
        .where(WarmRequest.broker_id == person.id, WarmRequest.status == "asked")
        .order_by(*newest)
        .options(*people)
    ).all()
    sent = db.session.scalars(
        select(WarmRequest)
        .where(WarmRequest.asker_id == person.id)
        .order_by(*newest)
        .limit(SENT_SHOWN)
        .options(*people)
    ).all()
    pairs = db.session.execute(
        select(Introduction.a_id, Introduction.b_id).where(Introduction.via_id == person.id)
    ).all()
    people_met = {pid for pair in pairs for pid in pair}  # one person met through me twice: one
    return WarmState(list(asked_of_me), list(sent), len(people_met))
