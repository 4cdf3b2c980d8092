"""Who knows whom: one `Known` row either way round is enough (one side may not have said so).

Read for the few people that matter: the engine's warm tie-break and warm paths need the
people someone knows and whom those know, never the whole room's pairs. An acquaintance
counts as a go-between only while still part of the event and not gone home (`presence`
"left"): busy or away is fine, they can still introduce.

Read in batches: a phone's whole state asks for the people both sides know for every
introduction at once, in two queries, not two per card. A batch of many people (a round's
pushes) reads the event's rows instead of naming thousands of ids in one statement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import replace

from sqlalchemy import select

from ..domain.models import Attendee, Event, Known
from ..infra.extensions import db
from ..matching import Member
from ..shapes.profile import Named
from .queries import active_in

MOST_NAMED = 500  # ids named in one statement; more: the event's rows are read instead


def acquainted(ids: Collection[int], event_id: int | None = None) -> dict[int, set[int]]:
    """Each of `ids` -> everyone they know or who knows them (one query)."""
    found: dict[int, set[int]] = defaultdict(set)
    if not ids:
        return found
    wanted = list(ids)
    query = select(Known.attendee_id, Known.known_id)
    if event_id is not None and len(wanted) > MOST_NAMED:
        query = query.where(Known.event_id == event_id)
    else:
        query = query.where(Known.attendee_id.in_(wanted) | Known.known_id.in_(wanted))
    found.update(circles(db.session.execute(query).all()))
    return found


def known_by_both(
    pairs: Iterable[tuple[int, int]], event_id: int | None = None
) -> dict[tuple[int, int], list[Named]]:
    """Per pair, the active people both sides know, by name (two queries for all pairs)."""
    pairs = list(pairs)
    circles = acquainted({pid for pair in pairs for pid in pair}, event_id)
    common = {(x, y): (circles.get(x, set()) & circles.get(y, set())) - {x, y} for x, y in pairs}
    everyone = set().union(*common.values()) if common else set()
    names: dict[int, str] = {}
    if everyone:
        query = select(Attendee.id, Attendee.name).where(
            Attendee.removed_at.is_(None), Attendee.forgotten_at.is_(None)
        )
        if event_id is not None and len(everyone) > MOST_NAMED:
            query = query.where(Attendee.event_id == event_id)
        else:
            query = query.where(Attendee.id.in_(list(everyone)))
        names = {pid: name for pid, name in db.session.execute(query).all() if pid in everyone}
    return {
        pair: sorted(
            (Named(id=pid, name=names[pid]) for pid in ids if pid in names),
            key=lambda n: (n.name.casefold(), n.id),
        )
        for pair, ids in common.items()
    }


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


def circles(rows: Iterable[tuple[int, int]]) -> dict[int, set[int]]:
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
    graph = circles(rows)
    ok = still_here(event, graph)
    if focus is None:
        return {i: frozenset(ks & ok) for i, ks in graph.items() if ks & ok}
    brokers = {k for f in focus for k in graph.get(f, ()) if k in ok}
    if not brokers:
        return {}
    around = circles(known_pairs(event, brokers))
    found: dict[int, set[int]] = defaultdict(set)
    for k in brokers:
        for i in around.get(k, ()):
            found[i].add(k)
    return {i: frozenset(ks) for i, ks in found.items()}


def with_acquaintances(
    event: Event, people: list[Member], focus: Collection[int] | None
) -> list[Member]:
    """The engine's people with their `acquaintances` (see `acquaintances`); the same list
    when nobody there knows anyone, the usual case."""
    known = acquaintances(event, focus)
    if not known:
        return people
    return [replace(p, acquaintances=known[p.id]) if p.id in known else p for p in people]
