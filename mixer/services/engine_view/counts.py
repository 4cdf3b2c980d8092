"""Per person, open introductions (capacity held) and introductions had (fairness).

For the whole room they are kept the same way as the view of the room, per bucket of
introduction ids (see `Counts`); for a few people, `open_counts` reads them afresh.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, func, select, union_all

from ...domain.models import INTRO_STATUSES, OPEN_STATUSES, Event, Introduction
from ...infra.extensions import db
from ..queries import RECEIVED_STATUSES
from .kept import BUCKET, MOST_CHANGED, Views, in_buckets
from .written import Written, touched


@dataclass
class Counts:
    """Open introductions and introductions had, per person, kept like the view: each
    bucket of introduction ids is compared (count, and sums of status rank, rank times id,
    a_id and b_id) and only changed buckets are read again. Recounting the whole room on
    every change cost a 10,000-person room's loop tens of milliseconds per toggle. A status
    only ever moves up the ranks (suggested, accepted, met, declined, expired), so a change
    always moves the sums."""

    # bucket -> introduction id -> (a, b, status)
    intros: dict[int, dict[int, tuple[int, int, str]]] = field(default_factory=dict)
    buckets: dict[int, tuple[int, ...]] = field(default_factory=dict)
    total: tuple[int, ...] = (0, 0, 0, 0, 0)  # the buckets' sums added up: the whole event
    per_person: dict[int, list[int]] = field(default_factory=dict)  # id -> [open, received]


RANK = {status: n for n, status in enumerate(INTRO_STATUSES, start=1)}


def current_counts(event: Event, views: Views) -> tuple[dict[int, list[int]], set[int]]:
    """Per person: [open introductions, introductions had], brought up to date, and whose
    counts changed since the last call (call with the views' lock held).

    One aggregate of the whole event first (no grouping: the cheapest read of every row);
    when the introductions this transaction wrote explain the whole change, only those
    are read. Else each bucket is compared and the moved ones read again."""
    kept = views.counts.setdefault(event.id, Counts())
    rank = case(*((Introduction.status == s, n) for s, n in RANK.items()), else_=0)
    sums = (
        func.count(),
        func.sum(rank),
        func.sum(rank * Introduction.id),
        func.sum(Introduction.a_id),
        func.sum(Introduction.b_id),
    )
    of_event = Introduction.event_id == event.id
    total = _ints(db.session.execute(select(*sums).where(of_event)).one())
    if total == kept.total:
        return kept.per_person, set()
    columns = (Introduction.id, Introduction.a_id, Introduction.b_id, Introduction.status)
    hint = touched(event, views).intros
    views.recent.get(event.id, Written()).intros.clear()  # looked at: now in the counts
    if hint and len(hint) <= MOST_CHANGED:
        rows = {
            intro_id: tuple(row)
            for intro_id, *row in db.session.execute(
                select(*columns).where(of_event, Introduction.id.in_(sorted(hint)))
            )
        }
        replaced: dict[int, tuple[int, int, str] | None] = {i: rows.get(i) for i in hint}
        expected = list(kept.total)
        for intro_id, row in replaced.items():
            old = kept.intros.get(intro_id // BUCKET, {}).get(intro_id)
            _add(expected, _sums(intro_id, old), -1)
            _add(expected, _sums(intro_id, row), 1)
        if tuple(expected) == total:
            return kept.per_person, _replace_intros(kept, replaced)
    bucket = Introduction.id // BUCKET
    stored = {
        b: _ints(found)
        for b, *found in db.session.execute(select(bucket, *sums).where(of_event).group_by(bucket))
    }
    moved = {b for b in stored.keys() | kept.buckets.keys() if stored.get(b) != kept.buckets.get(b)}
    rows = in_buckets(select(*columns).where(of_event), Introduction.id, moved)
    replaced = {i: None for b in moved for i in kept.intros.get(b, {})} | rows
    recounted = _replace_intros(kept, replaced)
    kept.buckets, kept.total = stored, total  # as read: the authority, whatever was kept
    return kept.per_person, recounted


def _ints(found: Any) -> tuple[int, ...]:
    return tuple(int(x or 0) for x in found)


def _sums(intro_id: int, row: tuple[int, int, str] | None) -> tuple[int, ...]:
    """One introduction's part in its bucket's sums (as the aggregate query adds them)."""
    if row is None:
        return (0, 0, 0, 0, 0)
    a, b, status = row
    rank = RANK.get(status, 0)
    return (1, rank, rank * intro_id, a, b)


def _add(into: list[int], part: tuple[int, ...], sign: int) -> None:
    for n, value in enumerate(part):
        into[n] += sign * value


def _replace_intros(kept: Counts, replaced: dict[int, tuple[int, int, str] | None]) -> set[int]:
    """Kept counts with these introductions as now read (None: gone); returns whose
    counts changed. Everything is worked out first: the kept counts never hold half a
    change."""
    change: dict[int, list[int]] = {}  # per person, what the change adds or takes away
    buckets = {i // BUCKET for i in replaced}
    bucket_sums = {b: list(kept.buckets.get(b, (0, 0, 0, 0, 0))) for b in buckets}
    total = list(kept.total)
    for intro_id, row in replaced.items():
        old = kept.intros.get(intro_id // BUCKET, {}).get(intro_id)
        for sign, version in ((-1, old), (1, row)):
            if version is not None:
                _count(change, version, sign)
                _add(bucket_sums[intro_id // BUCKET], _sums(intro_id, version), sign)
                _add(total, _sums(intro_id, version), sign)
    for intro_id, row in replaced.items():
        intros = kept.intros.setdefault(intro_id // BUCKET, {})
        if row is None:
            intros.pop(intro_id, None)
        else:
            intros[intro_id] = row
        if not intros:
            del kept.intros[intro_id // BUCKET]
    for b, found in bucket_sums.items():
        if found[0]:
            kept.buckets[b] = tuple(found)
        else:
            kept.buckets.pop(b, None)
    kept.total = tuple(total)
    recounted = set()
    for pid, (open_change, received_change) in change.items():
        if open_change or received_change:
            n = kept.per_person.setdefault(pid, [0, 0])
            n[0] += open_change
            n[1] += received_change
            if n == [0, 0]:
                del kept.per_person[pid]
            recounted.add(pid)
    return recounted


def _count(per_person: dict[int, list[int]], intro: tuple[int, int, str], sign: int) -> None:
    a, b, status = intro
    for pid in (a, b):
        n = per_person.setdefault(pid, [0, 0])
        n[0] += sign * (status in OPEN_STATUSES)
        n[1] += sign * (status in RECEIVED_STATUSES)


def open_counts(event: Event, ids: Collection[int] | None = None) -> dict[int, tuple[int, int]]:
    """Per person (of `ids`; None: everyone): open introductions (capacity held) and
    introductions had (fairness)."""
    sides = [
        select(side.label("pid"), Introduction.status).where(
            Introduction.event_id == event.id,
            Introduction.status.in_(RECEIVED_STATUSES),
            *(() if ids is None else (side.in_(list(ids)),)),
        )
        for side in (Introduction.a_id, Introduction.b_id)
    ]
    both = union_all(*sides).subquery()
    rows = db.session.execute(
        select(
            both.c.pid,
            func.sum(case((both.c.status.in_(OPEN_STATUSES), 1), else_=0)),
            func.count(),
        ).group_by(both.c.pid)
    ).all()
    return {pid: (int(open_count), int(received)) for pid, open_count, received in rows}
