"""Who knows whom, read for the few people that matter: the engine's warm tie-break and
warm paths need the people someone knows and whom those know, never the whole room's pairs.

An acquaintance counts as a go-between only while still part of the event and not gone
home (`presence` "left"): busy or away is fine, they can still introduce.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import replace

from sqlalchemy import select

from ..domain.models import Attendee, Event, Known
from ..infra.extensions import db
from ..matching import Member
from .queries import active_in


def known_pairs(event: Event, ids: Collection[int] | None) -> list[tuple[int, int]]:
    """The `Known` rows (who marked whom) touching these people (None: the whole event)."""
    query = select(Known.attendee_id, Known.known_id).where(Known.event_id == event.id)
    if ids is not None:
        if not ids:
            return []
        listed = sorted(ids)
        query = query.where(Known.attendee_id.in_(listed) | Known.known_id.in_(listed))
    return [(x, y) for x, y in db.session.execute(query).all()]


def still_here(event: Event, ids: Iterable[int]) -> set[int]:
    """Of these people, those still part of the event and not gone home."""
    listed = sorted(set(ids))
    if not listed:
        return set()
    query = select(Attendee.id).where(
        *active_in(event), Attendee.presence != "left", Attendee.id.in_(listed)
    )
    return set(db.session.scalars(query).all())


def knows(rows: Iterable[tuple[int, int]]) -> dict[int, set[int]]:
    """Known rows as id -> ids known, both ways: marking someone known works both ways."""
    found: dict[int, set[int]] = defaultdict(set)
    for x, y in rows:
        if x != y:
            found[x].add(y)
            found[y].add(x)
    return found


def acquaintances(event: Event, focus: Collection[int] | None) -> dict[int, frozenset[int]]:
    """`Member.acquaintances` for deciding which pairs touching the focus are warm (None:
    the whole room): the go-betweens the focus knows, and for anyone else only which of
    those they know. Two queries and a few rows when the focus knows nobody."""
    rows = known_pairs(event, focus)
    if not rows:
        return {}
    graph = knows(rows)
    ok = still_here(event, graph)
    if focus is None:
        return {i: frozenset(ks & ok) for i, ks in graph.items() if ks & ok}
    brokers = {k for f in focus for k in graph.get(f, ()) if k in ok}
    if not brokers:
        return {}
    around = knows(known_pairs(event, brokers))
    found: dict[int, set[int]] = defaultdict(set)
    for k in brokers:
        for i in around.get(k, ()):
            found[i].add(k)
    return {i: frozenset(ks) for i, ks in found.items()}


def acquainted(event: Event, people: list[Member], focus: Collection[int] | None) -> list[Member]:
    """The engine's people with their `acquaintances` (see `acquaintances`); the same list
    when nobody there knows anyone, the usual case."""
    known = acquaintances(event, focus)
    if not known:
        return people
    return [replace(p, acquaintances=known[p.id]) if p.id in known else p for p in people]
