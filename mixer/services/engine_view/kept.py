"""What a worker keeps between requests, per event: its view of the room, its counts of
introductions, and the rows it wrote since its view last looked; and the buckets of ids
both are compared by."""

from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flask import current_app

from ...infra.extensions import db

if TYPE_CHECKING:
    from .counts import Counts
    from .refresh import View
    from .written import Written

# Past this many changed people a rebuild is as cheap as reading them one by one.
MOST_CHANGED = 500
# Rows compared as one (people by id, introductions by id): a change re-reads its bucket.
BUCKET = 256


@dataclass
class Views:
    """A worker's views, counts and rows written, per event, under one lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    by_event: dict[int, View] = field(default_factory=dict)
    counts: dict[int, Counts] = field(default_factory=dict)
    recent: dict[int, Written] = field(default_factory=dict)  # see `Written`


def worker_views() -> Views:
    """This worker's views (one per app: each worker runs its own)."""
    views: Views = current_app.extensions.setdefault("mixer_room_views", Views())
    return views


def in_buckets(query: Any, key: Any, buckets: Collection[int]) -> dict[int, Any]:
    """The query's rows (first column: the id, then one value) in those id buckets."""
    found: dict[int, Any] = {}
    for b in sorted(buckets):
        rows = db.session.execute(query.where(key.between(b * BUCKET, b * BUCKET + BUCKET - 1)))
        found.update((row[0], row[1] if len(row) == 2 else tuple(row[1:])) for row in rows)
    return found
