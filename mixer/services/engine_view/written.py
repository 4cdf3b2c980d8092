"""The rows this worker wrote, noted when the session flushes and carried past the commit.

Comparing buckets still reads every row of the room (an aggregate per bucket, grouped), a
few milliseconds each in a room of 10,000. Most changes were made by this worker a moment
ago, so the rows this worker wrote are read first: when they account for the whole change
of the room's fingerprint (the people's, and one total over the introductions), nothing
else is read. A change by another worker leaves a difference they do not explain, and the
buckets are compared.

The session listeners are registered once, when this module is first imported (with the
package).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain

from flask import has_app_context
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session, SessionTransaction

from ...domain.models import Attendee, Event, Introduction
from ...infra.extensions import db
from .kept import Views, worker_views


@dataclass
class Written:
    """Attendees and introductions of one event written by this worker and not yet seen
    by its view: a hint of what changed, which the fingerprints then confirm (another
    worker's changes show as a mismatch, and are looked for bucket by bucket)."""

    people: set[int] = field(default_factory=set)
    intros: set[int] = field(default_factory=set)


_WRITTEN = "mixer_room_written"  # in the session's info: event id -> Written, this transaction


def touched(event: Event, views: Views) -> Written:
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
    views = worker_views()
    with views.lock:
        for event_id, found in written.items():
            recent = views.recent.setdefault(event_id, Written())
            recent.people |= found.people
            recent.intros |= found.intros


@sa_event.listens_for(Session, "after_transaction_end")
def _forget_written(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # rolled back, or kept above: nothing to carry over
        session.info.pop(_WRITTEN, None)
