"""The people of a room as the engine sees them, kept between joins, checked before every use.

Each worker keeps, per event, the people as the engine sees them and the topic counts, and
before each use compares a fingerprint of the room (how many active people, the sum of
their row versions, the highest id) with the one the view was built from. The ORM raises
an attendee's version on every update, so any change by any worker shows. A join by
this worker or another only adds rows: those are read alone. Any other change (a presence
toggle, a profile edit, someone leaving) is found by comparing each person's version with
the one the view holds, and only those people's rows are read again: rebuilding everyone
cost over half a second of the server's only loop in a room of 10,000, per toggle.
"""

from __future__ import annotations

import gc
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, select

from ...domain.models import Attendee, Event
from ...domain.vocabulary import vocabulary_for
from ...infra.extensions import db
from ...matching import Member, TopicCounts
from ...matching.markers import engine_tags
from ...matching.understanding import Vocabulary
from ..queries import active_in, roster
from ..supply import Supply
from .kept import BUCKET, MOST_CHANGED, Views, in_buckets, worker_views
from .written import Written, touched

Fingerprint = tuple[int, int, int]  # active people, sum of their versions, highest id

# A view of this many people or more is kept off the garbage collector once built.
FREEZE_FROM = 2000


@dataclass
class View:
    fingerprint: Fingerprint = (0, 0, 0)
    base: dict[int, Member] = field(default_factory=dict)  # in order of arrival; no counts
    # Everyone as last handed to the engine (with counts), in the order of `base`, and each
    # one's place in it: a change replaces its people in place instead of a new list of
    # thousands. `listed` None: build it again (after someone left, or a rebuild).
    listed: list[Member] | None = None
    slot: dict[int, int] = field(default_factory=dict)
    stale: dict[int, None] = field(default_factory=dict)  # read again since: in arrival order
    topics: TopicCounts = field(default_factory=TopicCounts)
    vocabulary: Vocabulary | None = None  # people's words were read with this one
    supply: Supply = field(default_factory=Supply)  # who here offers and seeks what
    versions: dict[int, int] = field(default_factory=dict)  # each person's row version, as read
    sums: dict[int, list[int]] = field(default_factory=dict)  # per bucket of ids, see _refreshed

    def count(self, pid: int, version: int, sign: int = 1) -> None:
        """Count (or with sign -1, uncount) one person's version in their bucket's sums."""
        sums = self.sums.setdefault(pid // BUCKET, [0, 0, 0])
        sums[0] += sign
        sums[1] += sign * version
        sums[2] += sign * version * pid
        if sums[0] == 0:
            del self.sums[pid // BUCKET]


def current_view(event: Event) -> tuple[Views, View]:
    """This worker's view of the room, brought up to date with the database."""
    views = worker_views()
    fingerprint: Fingerprint = tuple(  # type: ignore[assignment]
        db.session.execute(
            select(
                func.count(),
                func.coalesce(func.sum(Attendee.version), 0),
                func.coalesce(func.max(Attendee.id), 0),
            ).where(*active_in(event))
        ).one()
    )
    vocab = vocabulary_for(event)
    with views.lock:
        view = views.by_event.get(event.id)
        if view is None or view.vocabulary is not vocab:
            view = _built(event, fingerprint, vocab)
        elif view.fingerprint != fingerprint:
            view = (
                _grown(event, view, fingerprint)
                or _hinted(event, view, fingerprint, touched(event, views).people)
                or _refreshed(event, view)
                or _built(event, fingerprint, vocab)
            )
        views.by_event[event.id] = view
        views.recent.get(event.id, Written()).people.clear()  # looked at: now in the view
        return views, view


def person_of(row: Any, vocab: Vocabulary) -> Member:
    """An attendee (or a row of the same columns) as the engine sees it, before counts.

    The typed topics are read with the event's vocabulary here, so the engine only ever
    sees canonical topics.
    """
    offers, seeks = engine_tags(vocab, row.offers, row.seeks)
    return Member(
        id=row.id,
        intent=row.intent,
        offers=offers,
        seeks=seeks,
        capacity=row.capacity,
        mentor=row.mentor,
        # Nobody is introduced before they are in the room: someone who joined from a
        # personal link is neither suggested, nor offered to others, nor paired, until
        # they check in.
        available=row.presence == "here" and row.arrived_at is not None,
    )


def _built(event: Event, fingerprint: Fingerprint, vocab: Vocabulary) -> View:
    view = View(fingerprint=fingerprint, vocabulary=vocab)
    for row in roster(event):
        person = person_of(row, vocab)
        view.base[person.id] = person
        view.topics.add(person)
        view.supply.add(person)
        view.versions[person.id] = row.version
        view.count(person.id, row.version)
    if len(view.base) >= FREEZE_FROM:
        # A big room's view lives as long as the worker: keep the garbage collector off
        # it, as `mixer serve` does with what it loads at start. Else each full
        # collection walked its ~100,000 objects, holding the loop 50-100 ms at random
        # in a 10,000-person room. (Rare: once per event and worker, on a rebuild.)
        gc.collect()
        gc.freeze()
    return view


def _grown(event: Event, view: View, fingerprint: Fingerprint) -> View | None:
    """The view plus newcomers, if newcomers are all that changed; else None."""
    assert view.vocabulary is not None
    count, versions, highest = view.fingerprint
    rows = roster(event, after_id=highest)
    grown = (
        count + len(rows),
        versions + sum(r.version for r in rows),
        max([highest, *(r.id for r in rows)]),
    )
    if grown != fingerprint:
        return None
    for row in rows:
        person = person_of(row, view.vocabulary)
        view.base[person.id] = person
        view.topics.add(person)
        view.supply.add(person)
        view.versions[person.id] = row.version
        view.count(person.id, row.version)
        view.stale[person.id] = None
    view.fingerprint = fingerprint
    return view


def _refreshed(event: Event, view: View) -> View | None:
    """The view with only the people whose row changed read again, or None to rebuild.

    The room is compared in buckets of ids (how many, the sum of versions and of version
    times id, per bucket: one aggregate query), then each changed bucket's (id, version) and the
    changed rows themselves are read. Reading every (id, version) was most of a toggle's
    cost at 10,000 people. People who left the room (removed, forgotten) drop out; newcomers with
    ids above all known ones are added at the end, as a full build orders them. Anything
    else (someone back in the room under an older id, or very many changes) rebuilds, so
    the result is always what `_built` would give.
    """
    assert view.vocabulary is not None
    kept = view.sums
    bucket = Attendee.id // BUCKET
    stored = db.session.execute(
        select(
            bucket,
            func.count(),
            func.sum(Attendee.version),
            func.sum(Attendee.version * Attendee.id),
        )
        .where(*active_in(event))
        .group_by(bucket)
    ).all()
    moved = {b for b, *sums in stored if kept.get(b) != [int(x) for x in sums]}
    moved |= kept.keys() - {b for b, *_sums in stored}
    current = in_buckets(
        select(Attendee.id, Attendee.version).where(*active_in(event)), Attendee.id, moved
    )
    changed = [pid for pid, version in current.items() if view.versions.get(pid) != version]
    gone = [
        pid
        for b in moved
        for pid in range(b * BUCKET, b * BUCKET + BUCKET)
        if pid in view.versions and pid not in current
    ]
    return _applied(event, view, changed, gone)


def _hinted(
    event: Event, view: View, fingerprint: Fingerprint, hint: Collection[int]
) -> View | None:
    """The view with the people this transaction wrote read again, if they explain the
    whole change of the room's fingerprint (the usual case: one person's change, on this
    worker); else None, and the buckets are compared."""
    if not hint or len(hint) > MOST_CHANGED:
        return None
    current = dict(
        db.session.execute(
            select(Attendee.id, Attendee.version).where(
                *active_in(event), Attendee.id.in_(sorted(hint))
            )
        ).all()
    )
    count, versions, highest = view.fingerprint
    changed = [pid for pid, version in current.items() if view.versions.get(pid) != version]
    gone = [pid for pid in hint if pid in view.versions and pid not in current]
    if highest in gone:
        return None  # the highest id left: a full comparison finds the next
    count += sum(pid not in view.versions for pid in changed) - len(gone)
    versions += sum(current[pid] - view.versions.get(pid, 0) for pid in changed)
    versions -= sum(view.versions[pid] for pid in gone)
    if (count, versions, max([highest, *changed])) != fingerprint:
        return None
    return _applied(event, view, changed, gone)


def _applied(event: Event, view: View, changed: list[int], gone: list[int]) -> View | None:
    """The view with the changed people read again and those gone dropped, or None to
    rebuild (very many changes, or someone back in the room under an older id)."""
    assert view.vocabulary is not None
    highest = view.fingerprint[2]
    if len(changed) + len(gone) > MOST_CHANGED or any(
        pid <= highest and pid not in view.base for pid in changed
    ):
        return None
    rows = roster(event, ids=changed) if changed else []
    # New containers for what callers hold outside the lock (`room_as_read`): a request
    # reading the old ones while this one refreshes never sees them change under it.
    base, supply = dict(view.base), view.supply.copy()
    versions = view.versions  # only ever read under the views' lock
    listed = None if gone else view.listed  # someone left: places move, list again
    for pid in gone:
        old = base.pop(pid)
        view.topics.remove(old)
        supply.remove(old)
        view.count(pid, versions.pop(pid), -1)
    for row in rows:
        person = person_of(row, view.vocabulary)
        old = base.get(person.id)
        if old is not None:
            view.topics.replace(old, person)
            supply.remove(old)
        else:
            view.topics.add(person)
        supply.add(person)
        base[person.id] = person  # an update keeps its place: the order of arrival
        view.stale[person.id] = None
        if person.id in versions:
            view.count(person.id, versions[person.id], -1)
        versions[person.id] = row.version
        view.count(person.id, row.version)
    fingerprint = (len(versions), sum(versions.values()), max(versions, default=0))
    return replace(
        view, fingerprint=fingerprint, base=base, listed=listed, supply=supply, versions=versions
    )
