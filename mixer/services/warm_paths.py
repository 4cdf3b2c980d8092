"""Warm paths for one attendee: whom to ask someone we both know to introduce me to.

Read from the people I know outwards (my acquaintances, then theirs), never the room's
pairs: a person knows a handful of people, so this costs a few small queries whatever the
size of the room. The rule itself is the engine's (`matching.warm_paths`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from sqlalchemy import func, select

from ..domain.models import Attendee, Introduction, WarmRequest
from ..infra.extensions import db
from ..matching.warm_paths import warm_paths as engine_paths
from ..shapes.presenters import profile_out
from ..shapes.profile import Named
from ..shapes.warm import WarmPath
from .engine_view import room_as_read
from .who_knows_whom import circles, known_pairs, still_here


def warm_paths(person: Attendee) -> list[WarmPath]:
    """The best few people `person` could meet through someone both know, best first."""
    event = person.event
    known = circles(known_pairs(event, {person.id})).get(person.id, set())
    brokers = still_here(event, known)
    if not brokers:
        return []
    around = circles(known_pairs(event, brokers))
    reach = still_here(event, set().union(*(around[k] for k in brokers)) - known - {person.id})
    if not reach:
        return []
    _supply, base, weights = room_as_read(event)
    me = base.get(person.id)
    if me is None:
        return []
    people = {
        i: replace(base[i], acquaintances=frozenset(around.get(i, ())))
        for i in brokers | reach
        if i in base
    }
    me = replace(me, acquaintances=frozenset(brokers))
    never = _introduced(person.id, reach)
    paths = engine_paths(me, people, never, weights, _open_asks(brokers))
    if not paths:
        return []
    shown = {p.to for p in paths} | {k for p in paths for k in p.via}
    rows = {a.id: a for a in db.session.scalars(select(Attendee).where(Attendee.id.in_(shown)))}
    asked = _asked(person.id, {p.to for p in paths})
    return [
        WarmPath(
            to=profile_out(rows[p.to]),
            via=[Named(id=k, name=rows[k].name) for k in p.via],
            for_you=list(p.for_you),
            for_them=list(p.for_them),
            asked=p.to in asked,
        )
        for p in paths
    ]


def _introduced(me: int, others: Collection[int]) -> set[int]:
    """Of these people, those with an introduction to me, open or past, in any state."""
    listed = sorted(others)
    rows = db.session.execute(
        select(Introduction.a_id, Introduction.b_id).where(
            ((Introduction.a_id == me) & Introduction.b_id.in_(listed))
            | ((Introduction.b_id == me) & Introduction.a_id.in_(listed))
        )
    ).all()
    return {b if a == me else a for a, b in rows}


def _open_asks(brokers: Collection[int]) -> dict[int, int]:
    """Warm requests each broker still has to answer: the least asked is asked first."""
    rows = db.session.execute(
        select(WarmRequest.broker_id, func.count())
        .where(WarmRequest.broker_id.in_(sorted(brokers)), WarmRequest.status == "asked")
        .group_by(WarmRequest.broker_id)
    ).all()
    return {broker: int(count) for broker, count in rows}


def _asked(me: int, others: Collection[int]) -> set[int]:
    """Of these people, those with an open warm request with me, either way round."""
    listed = sorted(others)
    rows = db.session.execute(
        select(WarmRequest.asker_id, WarmRequest.target_id).where(
            WarmRequest.status == "asked",
            ((WarmRequest.asker_id == me) & WarmRequest.target_id.in_(listed))
            | ((WarmRequest.target_id == me) & WarmRequest.asker_id.in_(listed)),
        )
    ).all()
    return {t if a == me else a for a, t in rows}
