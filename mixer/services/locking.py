"""Per-event serialisation of changes, portable across SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
import time
from typing import Any

from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as N_
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from ..domain.errors import Conflict, not_found
from ..domain.models import Event
from ..infra.extensions import db
from . import sequence


def lock_event(code: str) -> Event:
    """Take the event's write lock for the rest of the transaction and return it fresh.

    The first write is an UPDATE of the event row (on SQLite after `begin_write`):
    PostgreSQL holds that row lock and SQLite its database write lock until commit, so
    two joins at the same instant are matched one after the other and can never push a
    giver over capacity.
    """
    begin_write()
    if db.session.get_bind().dialect.name == "postgresql":
        # Under overload, fail in seconds with a 503 instead of piling up behind the lock.
        db.session.execute(text("SET LOCAL lock_timeout = '10s'"))
    if not sequence.changed(code):
        db.session.rollback()
        raise not_found()
    db.session.expire_all()
    return db.session.scalars(select(Event).where(Event.code == code)).one()


def begin_write() -> None:
    """Start the transaction of a change, before it writes anything; SQLite only.

    A read transaction still open is ended first: SQLite refuses at once, without
    waiting, to turn a read that another writer has overtaken into a write. BEGIN
    IMMEDIATE then takes the write lock, so in WAL mode "database is locked" can only
    happen here, before the change has done anything: trying again is starting it from
    scratch. Another process (a `mixer` command, a backup, a cron purge) or another
    change of this one may hold the lock: try again until MIXER_SQLITE_BUSY_TIMEOUT x
    (MIXER_SQLITE_BUSY_RETRIES + 1) seconds have passed, then let it fail (503).

    SQLite's own busy wait sleeps inside the C library: under gevent that stalls the
    server's only thread, so every socket, static file and read froze with the change.
    Here the driver is told not to wait (busy_timeout 0) and the wait is `time.sleep`,
    which gevent's patch turns into a yield: only the waiting change waits. PostgreSQL
    needs none of this: a change's first UPDATE takes the event's row lock, and waiting
    for it is bounded by lock_timeout.
    """
    if db.session.get_bind().dialect.name != "sqlite":
        return
    config = current_app.config
    patience = float(config["SQLITE_BUSY_TIMEOUT"]) * (int(config["SQLITE_BUSY_RETRIES"]) + 1)
    deadline = time.monotonic() + patience
    pause = 0.001
    while True:
        if _transaction_open():
            db.session.rollback()
        try:
            _begin_immediate_without_waiting()
            return
        except OperationalError as exc:
            db.session.rollback()
            if not _busy(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)  # a yield under gevent
        pause = min(pause * 2, _LONGEST_PAUSE)


_LONGEST_PAUSE = 0.05  # seconds between tries: SQLite's own wait polls about as often


def _begin_immediate_without_waiting() -> None:
    """BEGIN IMMEDIATE that fails at once when the lock is taken; other statements keep the
    connection's busy timeout (in WAL mode they hardly ever meet the lock)."""
    waits = int(float(current_app.config["SQLITE_BUSY_TIMEOUT"]) * 1000)
    driver: Any = db.session.connection().connection.dbapi_connection
    driver.execute("PRAGMA busy_timeout = 0")
    try:
        db.session.execute(text("BEGIN IMMEDIATE"))
    finally:
        driver.execute(f"PRAGMA busy_timeout = {waits}")


def _transaction_open() -> bool:
    """Whether the driver has begun a transaction: it begins one only to write, or on request."""
    driver: Any = db.session.connection().connection.dbapi_connection
    return bool(driver.in_transaction)


def _busy(exc: OperationalError) -> bool:
    code = getattr(exc.orig, "sqlite_errorcode", None)
    return code is not None and code & 0xFF == sqlite3.SQLITE_BUSY


# What is over once the event has closed, as the services name it, each said whole.
CLOSED = {
    "changes": N_("This event has closed: changes are over."),
    "check-ins": N_("This event has closed: check-ins are over."),
    "profile changes": N_("This event has closed: profile changes are over."),
    "announcements": N_("This event has closed: announcements are over."),
    "joining and changes": N_("This event has closed: joining and changes are over."),
    "rounds": N_("This event has closed: rounds are over."),
    "re-balances": N_("This event has closed: re-balances are over."),
    "changes to its settings": N_("This event has closed: changes to its settings are over."),
}


def require_not_closed(event: Event, doing: str = "changes") -> None:
    """After the event only its connections and exports remain: say so plainly."""
    if event.status == "closed":
        db.session.rollback()
        said = CLOSED.get(doing) or gettext(
            "This event has closed: %(doing)s are over.", doing=doing
        )
        raise Conflict("event_closed", str(said))
