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

Counts of introductions change with every answer and are read fresh each time, as one
aggregate query.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from flask import current_app
from sqlalchemy import case, func, select, union_all

from ..extensions import db
from ..matching import Person, TopicCounts
from ..matching.understanding import Vocabulary, engine_tags
from ..models import INTRO_STATUSES, OPEN_STATUSES, Attendee, Event, Introduction
from ..vocabulary import vocabulary_for
from .room import RECEIVED_STATUSES, active_in, held_ids, roster
from .supply import Supply

Fingerprint = tuple[int, int, int]  # active people, sum of their versions, highest id


@dataclass
class View:
    fingerprint: Fingerprint = (0, 0, 0)
    base: dict[int, Person] = field(default_factory=dict)  # in order of arrival; no counts
    built: dict[int, Person] = field(default_factory=dict)  # last handed out, with counts
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
    every change cost a 10,000-person room's loop tens of milliseconds per toggle."""

    intros: dict[int, tuple[int, int, str]] = field(default_factory=dict)  # id -> a, b, status
    buckets: dict[int, tuple[int, ...]] = field(default_factory=dict)
    per_person: dict[int, list[int]] = field(default_factory=dict)  # id -> [open, received]


@dataclass
class _Views:
    lock: threading.Lock = field(default_factory=threading.Lock)
    by_event: dict[int, View] = field(default_factory=dict)
    counts: dict[int, Counts] = field(default_factory=dict)


def matching_people(event: Event) -> tuple[list[Person], Mapping[str, float], TopicCounts]:
    """Everyone active, as the engine sees them with their current counts, the weights, and
    the kept index of who offers and seeks each topic (for a newcomer's suggestions).

    Call inside the event's lock, so the view and the counts describe one moment.
    """
    held = held_ids(event)  # a burst's newcomers: usually none, one indexed query
    views, view = _current(event)
    with views.lock:
        counts = _counted(event, views)
        people = []
        for pid, base in view.base.items():
            open_count, received = counts.get(pid, (0, 0))
            person = view.built.get(pid, base)
            if person.open_count != open_count or person.received != received:
                person = replace(base, open_count=open_count, received=received)
                view.built[pid] = person
            if pid in held:  # a burst's newcomer, held back briefly: no suggestions yet
                person = replace(person, available=False)
            people.append(person)
        return people, view.topics.weights(), view.topics


RANK = {status: n for n, status in enumerate(INTRO_STATUSES, start=1)}


def _counted(event: Event, views: _Views) -> dict[int, list[int]]:
    """Per person: [open introductions, introductions had], brought up to date (call with
    the views' lock held)."""
    kept = views.counts.setdefault(event.id, Counts())
    rank = case(*((Introduction.status == s, n) for s, n in RANK.items()), else_=0)
    bucket = Introduction.id // BUCKET
    stored = {
        b: tuple(int(x or 0) for x in sums)
        for b, *sums in db.session.execute(
            select(
                bucket,
                func.count(),
                func.sum(rank),
                func.sum(rank * Introduction.id),
                func.sum(Introduction.a_id),
                func.sum(Introduction.b_id),
            )
            .where(Introduction.event_id == event.id)
            .group_by(bucket)
        ).all()
    }
    moved = {b for b in stored.keys() | kept.buckets.keys() if stored.get(b) != kept.buckets.get(b)}
    if not moved:
        return kept.per_person
    rows = _in_buckets(
        select(Introduction.id, Introduction.a_id, Introduction.b_id, Introduction.status).where(
            Introduction.event_id == event.id
        ),
        Introduction.id,
        moved,
    )
    per_person = {pid: list(n) for pid, n in kept.per_person.items()}  # held outside: a copy
    for intro_id in [i for i in kept.intros if i // BUCKET in moved]:
        _count(per_person, kept.intros.pop(intro_id), -1)
    for intro_id, row in rows.items():
        kept.intros[intro_id] = row
        _count(per_person, row, 1)
    kept.per_person = {pid: n for pid, n in per_person.items() if n != [0, 0]}
    kept.buckets = stored
    return kept.per_person


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


def _current(event: Event) -> tuple[_Views, View]:
    """This worker's view of the room, brought up to date with the database."""
    views: _Views = current_app.extensions.setdefault("mixer_room_views", _Views())
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
                or _refreshed(event, view)
                or _built(event, fingerprint, vocab)
            )
        views.by_event[event.id] = view
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
    highest = view.fingerprint[2]
    changed = [pid for pid, version in current.items() if view.versions.get(pid) != version]
    gone = [pid for pid in view.versions if pid // BUCKET in moved and pid not in current]
    if len(changed) + len(gone) > MOST_CHANGED or any(
        pid <= highest and pid not in view.base for pid in changed
    ):
        return None
    rows = roster(event, ids=changed) if changed else []
    # New containers for what callers hold outside the lock (`room_as_read`): a request
    # reading the old ones while this one refreshes never sees them change under it.
    base, supply = dict(view.base), view.supply.copy()
    built, versions = view.built, view.versions  # only ever read under the views' lock
    for pid in gone:
        old = base.pop(pid)
        view.topics.remove(old)
        supply.remove(old)
        built.pop(pid, None)
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
        built.pop(person.id, None)
        if person.id in versions:
            view.count(person.id, versions[person.id], -1)
        versions[person.id] = row.version
        view.count(person.id, row.version)
    fingerprint = (len(versions), sum(versions.values()), max(versions, default=0))
    return replace(
        view, fingerprint=fingerprint, base=base, built=built, supply=supply, versions=versions
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
