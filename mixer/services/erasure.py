"""Erasing a person's data, as `mixer.personal` lists it: forget me and purge both come here."""

from __future__ import annotations

import logging

from sqlalchemy import delete, or_, text, update

from ..domain.models import Attendee, Event, Introduction, WarmRequest, utcnow
from ..domain.personal import (
    DELETED_WITH_ATTENDEE,
    DELETED_WITH_EVENT,
    ERASED_ATTENDEE,
    ERASED_INTRODUCTION,
    ERASED_INTRODUCTION_VIA,
    ERASED_WARM_REQUEST,
)
from ..domain.tokens import hash_token, new_token
from ..infra.extensions import db

log = logging.getLogger(__name__)


def erase(person: Attendee) -> None:
    """Personal data gone for good: every field `ERASED_ATTENDEE` names, the topics in their
    introductions, the rows that exist because of them; their token dead.

    The row stays (as "Former attendee") so the other side's history still adds up.
    """
    person.forgotten_at = person.forgotten_at or utcnow()
    for field, value in ERASED_ATTENDEE.items():
        setattr(person, field, list(value) if isinstance(value, list) else value)
    person.token_hash = hash_token(new_token())  # nobody holds this one
    db.session.execute(
        update(Introduction)
        .where((Introduction.a_id == person.id) | (Introduction.b_id == person.id))
        .values(**ERASED_INTRODUCTION),
        execution_options={"synchronize_session": "fetch"},
    )
    db.session.execute(
        update(Introduction)
        .where(Introduction.via_id == person.id)
        .values(**ERASED_INTRODUCTION_VIA),
        execution_options={"synchronize_session": "fetch"},
    )
    named = (
        (WarmRequest.asker_id == person.id)
        | (WarmRequest.target_id == person.id)
        | (WarmRequest.broker_id == person.id)
    )
    db.session.execute(
        update(WarmRequest).where(named).values(**ERASED_WARM_REQUEST),
        execution_options={"synchronize_session": "fetch"},
    )
    tables: dict[object, list[object]] = {}
    for column in DELETED_WITH_ATTENDEE:
        tables.setdefault(column.class_, []).append(column == person.id)
    for model, conditions in tables.items():
        db.session.execute(delete(model).where(or_(*conditions)))  # type: ignore[arg-type]


def erase_event_rows(event: Event) -> None:
    """What the event itself kept that may name people (announcements): purge deletes it,
    and erases the topics of every introduction of the event."""
    for model in DELETED_WITH_EVENT:
        db.session.execute(delete(model).where(model.event_id == event.id))
    db.session.execute(
        update(Introduction).where(Introduction.event_id == event.id).values(**ERASED_INTRODUCTION),
        execution_options={"synchronize_session": "fetch"},
    )
    db.session.execute(
        update(WarmRequest).where(WarmRequest.event_id == event.id).values(**ERASED_WARM_REQUEST),
        execution_options={"synchronize_session": "fetch"},
    )


def checkpoint(*, wait: bool) -> bool:
    """After a commit that erased something: on SQLite, copy the write-ahead log into the
    database and empty it, so the old rows do not linger in the `-wal` file (secure_delete,
    set on every connection, zeroes them in the database file itself).

    A truncating checkpoint waits for every reader to finish. Inside the server (`wait`
    false) it must not: SQLite's busy wait would stall every socket on gevent's one thread,
    so it tries once, and if a reader is busy the next erase (or `mixer purge`, which
    waits) empties the log. Returns whether the log is empty now.
    """
    if db.session.get_bind().dialect.name != "sqlite":
        return True
    patience = db.session.execute(text("PRAGMA busy_timeout")).scalar()
    if not wait:
        db.session.execute(text("PRAGMA busy_timeout = 0"))
    try:
        row = db.session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)")).first()
    finally:
        db.session.execute(text(f"PRAGMA busy_timeout = {int(patience or 0)}"))
        db.session.commit()
    done = row is not None and row[0] == 0
    if not done:
        log.info("Erased data stays in SQLite's log until the next checkpoint: a reader was busy")
    return done
