"""Homework before the night: the people worth looking for tonight, for someone who
joined from a personal link and has not arrived yet (GET /api/v1/me's `homework`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..domain.models import Attendee
from ..infra.extensions import db
from ..matching import Suggestion, score_pair
from .engine_view import around
from .queries import blocked_for

HOMEWORK = 5  # people to look for tonight, at most
SCORED = 2 * HOMEWORK  # best pairs read, some of whom may have left since


@dataclass(frozen=True)
class Match:
    """Someone worth looking for, with what each side gains (as an introduction says)."""

    other: Attendee
    for_you: list[str]
    for_them: list[str]


def homework(person: Attendee) -> list[Match]:
    """The person's best two-way matches in the event, best first (at most five).

    Scored by the engine's rule for an introduction (`score_pair`), among everyone still
    part of the event, arrived or not: two-way only (each gains something), never someone
    they already know. Read through the kept view's topic index, not a pass over the room.
    """
    event = person.event
    room = around(event, person.id, everyone=True)
    if room is None:
        return []
    me = room.people[person.id]
    two_way = {p.id for p in room.helpers} & {p.id for p in room.askers}
    known = {x if y == me.id else y for x, y in blocked_for(event, {me.id})}
    scored: list[tuple[float, int, Suggestion]] = []
    for pid in two_way - known:
        s = score_pair(me, room.people[pid], room.weights)
        if s is not None and not s.one_way and s.a_gets and s.b_gets:
            scored.append((-s.score, pid, s))
    best = sorted(scored)[:SCORED]
    ids = [pid for _score, pid, _s in best]
    rows = {
        p.id: p
        for p in db.session.scalars(
            select(Attendee).where(Attendee.id.in_(ids), Attendee.event_id == event.id)
        )
    }
    found = []
    for _score, pid, s in best:
        other = rows.get(pid)
        if other is None or not other.active or other.presence == "left":
            continue
        mine, theirs = (s.a_gets, s.b_gets) if s.a == me.id else (s.b_gets, s.a_gets)
        found.append(Match(other, list(mine), list(theirs)))
    return found[:HOMEWORK]
