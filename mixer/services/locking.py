"""Per-event serialisation of changes, portable across SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select, text, update

from ..errors import ApiError, not_found
from ..extensions import db
from ..models import Event


def lock_event(code: str) -> Event:
    """Take the event's write lock for the rest of the transaction and return it fresh.

    The first statement is an UPDATE of the event row: PostgreSQL holds that row lock and
    SQLite its database write lock until commit, so two joins at the same instant are
    matched one after the other and can never push a giver over capacity.
    """
    if db.session.get_bind().dialect.name == "postgresql":
        # Under overload, fail in seconds with a 503 instead of piling up behind the lock.
        db.session.execute(text("SET LOCAL lock_timeout = '10s'"))
    done = db.session.execute(
        update(Event).where(Event.code == code).values(seq=Event.seq + 1),
        execution_options={"synchronize_session": False},
    )
    if done.rowcount == 0:
        db.session.rollback()
        raise not_found()
    db.session.expire_all()
    return db.session.scalars(select(Event).where(Event.code == code)).one()


def require_not_closed(event: Event, doing: str = "changes") -> None:
    """After the event only its connections and exports remain: say so plainly."""
    if event.status == "closed":
        db.session.rollback()
        raise ApiError(409, "event_closed", f"This event has closed: {doing} are over.")
