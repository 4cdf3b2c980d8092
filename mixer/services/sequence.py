"""The event's `seq`: the one number every push carries, owned here and nowhere else.

It counts changes, not only pushes. Every change of an event moves it on when it takes
the event's lock (`changed`), each push takes the next number when it is sent
(`numbered`), and the console's numbers take one only if nothing changed since they
were read (`taken_if_unchanged`). So a phone's pushes carry numbers that only grow,
`GET /api/v1/me` says where a phone stands, and numbers read before a change are known
to be stale.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from ..domain.models import Event
from ..infra.extensions import db


def changed(code: str) -> bool:
    """A change begins: move the seq on (the write that takes the event's row lock).

    False when there is no such event.
    """
    done = db.session.execute(
        update(Event).where(Event.code == code).values(seq=Event.seq + 1),
        execution_options={"synchronize_session": False},
    )
    return done.rowcount > 0


def numbered(event: Event, payloads: list[dict[str, Any]]) -> None:
    """Give each planned push of a locked change the next number, in order."""
    for payload in payloads:
        event.seq += 1
        payload["seq"] = event.seq


def taken_if_unchanged(event_id: int, read_at: int) -> int | None:
    """The next number, only if the seq is still `read_at` (None: something changed)."""
    return db.session.execute(
        update(Event)
        .where(Event.id == event_id, Event.seq == read_at)
        .values(seq=Event.seq + 1)
        .returning(Event.seq)
    ).scalar_one_or_none()


def taken(event_id: int) -> int:
    """The next number, whatever changed: the caller holds the event's lock."""
    return db.session.execute(
        update(Event).where(Event.id == event_id).values(seq=Event.seq + 1).returning(Event.seq)
    ).scalar_one()
