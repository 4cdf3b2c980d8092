"""A worker's view of a room for matching: kept between joins, checked before every use.

Rebuilding everyone's matching profile from the database on every join costs time in
proportion to the room, under the event's lock, while every other join waits. So each
worker keeps, per event, the people as the engine sees them and the topic counts, and
before each use compares a fingerprint of the room (how many active people, the sum of
their row versions, the highest id) with the one the view was built from. The ORM raises
an attendee's version on every update, so any change by any worker shows. A join by
this worker or another only adds rows: those are read alone. Any other change (a presence
toggle, a profile edit, someone leaving) is found by comparing each person's version with
the one the view holds, and only those people's rows are read again: rebuilding everyone
cost over half a second of the server's only loop in a room of 10,000, per toggle.

Counts of introductions (open, had) are kept the same way, per bucket of introduction ids.

Comparing buckets still reads every row of the room (an aggregate per bucket, grouped), a
few milliseconds each in a room of 10,000. Most changes were made by this worker a moment
ago, so the rows this worker wrote (noted when the session flushes, carried past the
commit) are read first: when they account for the whole change of the room's fingerprint
(the people's, and one total over the introductions), nothing else is read. A change by
another worker leaves a difference they do not explain, and the buckets are compared.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from itertools import chain
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import case, func, select, union_all
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session, SessionTransaction

from ..extensions import db
from ..matching import Person, TopicCounts
from ..matching.markers import engine_tags
from ..matching.understanding import Vocabulary
from ..models import INTRO_STATUSES, OPEN_STATUSES, Attendee, Event, Introduction
from ..vocabulary import vocabulary_for
from .room import RECEIVED_STATUSES, active_in, held_ids, roster
from .supply import Supply

Fingerprint = tuple[int, int, int]  # active people, sum of their versions, highest id


@dataclass
class View:
    fingerprint: Fingerprint = (0, 0, 0)
    base: dict[int, Person] = field(default_factory=dict)  # in order of arrival; no counts
    # Everyone as last handed to the engine (with counts), in the order of `base`, and each
    # one's place in it: a change replaces its people in place instead of a new list of
    # thousands. `listed` None: build it again (after someone left, or a rebuild).
    listed: list[Person] | None = None
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


@dataclass
class _Views:
    lock: threading.Lock = field(default_factory=threading.Lock)
    by_event: dict[int, View] = field(default_factory=dict)
    counts: dict[int, Counts] = field(default_factory=dict)
    recent: dict[int, Written] = field(default_factory=dict)  # see `Written`


@dataclass
class Written:
    """Attendees and introductions of one event written by this worker and not yet seen
    by its view: a hint of what changed, which the fingerprints then confirm (another
    worker's changes show as a mismatch, and are looked for bucket by bucket)."""

    people: set[int] = field(default_factory=set)
    intros: set[int] = field(default_factory=set)


_WRITTEN = "mixer_room_written"  # in the session's info: event id -> Written, this transaction


def _views() -> _Views:
    views: _Views = current_app.extensions.setdefault("mixer_room_views", _Views())
    return views


def touched(event: Event, views: _Views) -> Written:
    """What this transaction wrote so far, and what this worker committed since its view
    last looked (call with the views' lock held)."""
    mine = db.session.info.get(_WRITTEN, {}).get(event.id, Written())
    recent = views.recent.get(event.id, Written())
    return Written(mine.people | recent.people, mine.intros | recent.intros)


@sa_event.listens_for(Session, "after_flush")
def _note_written(session: Session, _context: object) -> None:
    written = session.info.setdefault(_WRITTEN, {})
    for obj in chain(session.new, session.dirty, session.deleted):
        if not isinstance(obj, Attendee | Introduction):
            continue
        row_id, event_id = obj.__dict__.get("id"), obj.__dict__.get("event_id")  # no loads
        if row_id is None or event_id is None:
            continue
        into = written.setdefault(event_id, Written())
        (into.people if isinstance(obj, Attendee) else into.intros).add(row_id)


@sa_event.listens_for(Session, "after_commit")
def _keep_written(session: Session) -> None:
    written = session.info.pop(_WRITTEN, None)
    if not written or not has_app_context():
        return
    views = _views()
    with views.lock:
        for event_id, found in written.items():
            recent = views.recent.setdefault(event_id, Written())
            recent.people |= found.people
            recent.intros |= found.intros


@sa_event.listens_for(Session, "after_transaction_end")
def _forget_written(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # rolled back, or kept above: nothing to carry over
        session.info.pop(_WRITTEN, None)


def matching_people(event: Event) -> tuple[list[Person], Mapping[str, float], TopicCounts]:
    """Everyone active, as the engine sees them with their current counts, the weights, and
    the kept index of who offers and seeks each topic (for a newcomer's suggestions).

    Call inside the event's lock, so the view and the counts describe one moment.
    """
    held = held_ids(event)  # a burst's newcomers: usually none, one indexed query
    views, view = _current(event)
    with views.lock:
        counts, recounted = _counted(event, views)
        listed = _listed(view, counts, recounted)
        people = list(listed)  # the caller's own: the kept one changes with the room
        for pid in held:
            if pid in view.slot:  # a burst's newcomer, held back briefly: no suggestions yet
                people[view.slot[pid]] = replace(people[view.slot[pid]], available=False)
        return people, view.topics.weights(), view.topics


def _listed(view: View, counts: dict[int, list[int]], recounted: set[int]) -> list[Person]:
    """The view's people with their counts, brought up to date: in a big room usually a
    few people replaced in place (call with the views' lock held)."""

    def counted(base: Person) -> Person:
        open_count, received = counts.get(base.id, (0, 0))
        if open_count or received:
            return replace(base, open_count=open_count, received=received)
        return base

    if view.listed is None:
        view.listed = [counted(base) for base in view.base.values()]
        view.slot = {pid: n for n, pid in enumerate(view.base)}
    else:
        for pid in [*view.stale, *(recounted - view.stale.keys())]:
            base = view.base.get(pid)
            if base is None:
                continue  # an introduction of someone no longer in the room
            n = view.slot.setdefault(pid, len(view.listed))
            if n == len(view.listed):  # a newcomer: last, as in `base`
                view.listed.append(counted(base))
            else:
                view.listed[n] = counted(base)
    view.stale.clear()
    return view.listed


RANK = {status: n for n, status in enumerate(INTRO_STATUSES, start=1)}


def _counted(event: Event, views: _Views) -> tuple[dict[int, list[int]], set[int]]:
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
    rows = _in_buckets(select(*columns).where(of_event), Introduction.id, moved)
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


def room_as_read(event: Event) -> tuple[Supply, dict[int, Person], Mapping[str, float]]:
    """Who here offers and seeks what, everyone active with their topics read, by id
    (without introduction counts: ask `open_counts` for the few that matter), and the
    weights. Kept with the view: callers must not modify them."""
    views, view = _current(event)
    with views.lock:
        return view.supply, view.base, view.topics.weights()


@dataclass(frozen=True)
class Around:
    """The room as `room_as_read` gives it, and who shares a topic with one person."""

    supply: Supply
    people: dict[int, Person]
    weights: Mapping[str, float]
    helpers: list[Person]  # here, offering something they seek (in order of id)
    askers: list[Person]  # here, seeking something they offer


def around(event: Event, pid: int) -> Around | None:
    """`room_as_read`, with the people here who share a topic with `pid` found through the
    kept lists of who offers and seeks each topic, not a pass over the room (None: `pid`
    is not in the room)."""
    views, view = _current(event)
    with views.lock:  # the lists change in place with the room: read them here
        me = view.base.get(pid)
        if me is None:
            return None

        def here(index: dict[str, set[int]], tags: frozenset[str]) -> list[Person]:
            ids = set().union(*(index.get(t, ()) for t in tags)) - {pid}
            found = (view.base.get(i) for i in sorted(ids))
            return [p for p in found if p is not None and p.available]

        helpers = here(view.topics.offered, me.seeks)
        askers = here(view.topics.sought, me.offers)
        return Around(view.supply, view.base, view.topics.weights(), helpers, askers)


def _current(event: Event) -> tuple[_Views, View]:
    """This worker's view of the room, brought up to date with the database."""
    views = _views()
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


def person_of(row: Any, vocab: Vocabulary) -> Person:
    """An attendee (or a row of the same columns) as the engine sees it, before counts.

    The typed topics are read with the event's vocabulary here, so the engine only ever
    sees canonical topics.
    """
    offers, seeks = engine_tags(vocab, row.offers, row.seeks)
    return Person(
        id=row.id,
        intent=row.intent,
        offers=offers,
        seeks=seeks,
        capacity=row.capacity,
        mentor=row.mentor,
        available=row.presence == "here",
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


# A view of this many people or more is kept off the garbage collector once built.
FREEZE_FROM = 2000
# Past this many changed people a rebuild is as cheap as reading them one by one.
MOST_CHANGED = 500
# Rows compared as one (people by id, introductions by id): a change re-reads its bucket.
BUCKET = 256


def _in_buckets(query: Any, key: Any, buckets: Collection[int]) -> dict[int, Any]:
    """The query's rows (first column: the id, then one value) in those id buckets."""
    found: dict[int, Any] = {}
    for b in sorted(buckets):
        rows = db.session.execute(query.where(key.between(b * BUCKET, b * BUCKET + BUCKET - 1)))
        found.update((row[0], row[1] if len(row) == 2 else tuple(row[1:])) for row in rows)
    return found


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
    current = _in_buckets(
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
