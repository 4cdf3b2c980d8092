"""Who knows whom: one `Known` row either way round is enough (one side may not have said so).

Read in batches: a phone's whole state asks for the people both sides know for every
introduction at once, in two queries, not two per card. A batch of many people (a round's
pushes) reads the event's rows instead of naming thousands of ids in one statement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable

from sqlalchemy import select

from ..domain.models import Attendee, Known
from ..infra.extensions import db
from ..shapes.profile import Named

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
    rows = db.session.execute(query).all()
    for x, y in rows:
        found[x].add(y)
        found[y].add(x)
    return found


def knows(x: int, y: int) -> bool:
    """Whether x and y know each other, as either of them said."""
    return y in acquainted([x]).get(x, set())


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
