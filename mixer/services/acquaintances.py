"""Who knows whom: one `Known` row either way round is enough (one side may not have said so).

Read in batches: a phone's whole state asks for the people both sides know for every
introduction at once, in two queries, not two per card.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable

from sqlalchemy import select

from ..domain.models import Attendee, Known
from ..infra.extensions import db
from ..shapes.profile import Named


def acquainted(ids: Collection[int]) -> dict[int, set[int]]:
    """Each of `ids` -> everyone they know or who knows them (one query)."""
    found: dict[int, set[int]] = defaultdict(set)
    if not ids:
        return found
    wanted = list(ids)
    rows = db.session.execute(
        select(Known.attendee_id, Known.known_id).where(
            Known.attendee_id.in_(wanted) | Known.known_id.in_(wanted)
        )
    ).all()
    for x, y in rows:
        found[x].add(y)
        found[y].add(x)
    return found


def knows(x: int, y: int) -> bool:
    """Whether x and y know each other, as either of them said."""
    return y in acquainted([x]).get(x, set())


def known_by_both(pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], list[Named]]:
    """Per pair, the active people both sides know, by name (two queries for all pairs)."""
    pairs = list(pairs)
    circles = acquainted({pid for pair in pairs for pid in pair})
    common = {(x, y): (circles.get(x, set()) & circles.get(y, set())) - {x, y} for x, y in pairs}
    everyone = set().union(*common.values()) if common else set()
    names = (
        dict(
            db.session.execute(
                select(Attendee.id, Attendee.name).where(
                    Attendee.id.in_(list(everyone)),
                    Attendee.removed_at.is_(None),
                    Attendee.forgotten_at.is_(None),
                )
            ).all()
        )
        if everyone
        else {}
    )
    return {
        pair: sorted(
            (Named(id=pid, name=names[pid]) for pid in ids if pid in names),
            key=lambda n: (n.name.casefold(), n.id),
        )
        for pair, ids in common.items()
    }
