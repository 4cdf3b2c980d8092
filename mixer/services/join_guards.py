"""Guards at the door against scripted joins: a door code, bursts from one address, a hold.

Fake joiners can take every giver's free places within the rate limits. The organizer
gets the tools: an optional door code (shown in the room, not in the QR's link), a flag
on people who joined in a burst (many joins from one address within seconds), and a
brief hold on a burst's newcomers (no suggestions yet), released by the periodic pass.

Privacy: the address itself is never stored. A join keeps a keyed, truncated hash of it
(keyed by the app's secret and the event, so it links nothing across events) only for
the seconds a burst is looked for; then it is cleared. The burst flag stays, without it.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as N_
from sqlalchemy import select, update

from ..domain.errors import Forbidden
from ..domain.models import Attendee, Event, utcnow
from ..infra.extensions import db
from .locking import lock_event
from .matchmaking import settle
from .publishing import finish

DOOR_CODE_MESSAGE = N_("Enter the door code shown at the venue (on the screen or the poster).")


def check_door_code(event: Event, given: str | None) -> None:
    """Refuse a join without the event's door code (if it has one): spaces and case aside."""
    if not event.door_code:
        return
    if not hmac.compare_digest(_plain(given or "").encode(), _plain(event.door_code).encode()):
        db.session.rollback()
        wrong = gettext("That is not the door code.") if given else gettext("Enter the door code.")
        raise Forbidden("door_code", DOOR_CODE_MESSAGE, {"door_code": wrong})


def _plain(code: str) -> str:
    return "".join(code.split()).casefold()


def note_arrival(event: Event, person: Attendee, address: str | None) -> None:
    """Mark a join's address (hashed, briefly); a burst flags its people and holds the newcomer.

    Call under the event's lock, before the newcomer is matched.
    """
    size = int(current_app.config["JOIN_BURST_SIZE"])
    if size <= 0 or not address:
        return
    now = utcnow()
    since = now - timedelta(seconds=float(current_app.config["JOIN_BURST_SECONDS"]))
    forget_marks(since, event)
    mark = _mark(event.code, address)
    recent = db.session.scalars(
        select(Attendee).where(
            Attendee.event_id == event.id,
            Attendee.join_mark == mark,
            Attendee.joined_at >= since,
            Attendee.id != person.id,
        )
    ).all()
    person.join_mark = mark
    if len(recent) + 1 < size:
        return
    person.join_burst = True
    for other in recent:
        if not other.join_burst:
            other.join_burst = True
    hold = float(current_app.config["BURST_HOLD_SECONDS"])
    if hold > 0:
        person.held_until = now + timedelta(seconds=hold)


def _mark(code: str, address: str) -> str:
    key = (current_app.secret_key or "").encode()
    return hmac.new(key, f"join:{code}:{address}".encode(), hashlib.sha256).hexdigest()[:16]


def forget_marks(before: datetime, event: Event | None = None) -> None:
    """Clear the address marks of joins older than the burst window (one event, or all)."""
    where = [Attendee.join_mark.is_not(None), Attendee.joined_at < before]
    if event is not None:
        where.append(Attendee.event_id == event.id)
    db.session.execute(
        update(Attendee).where(*where).values(join_mark=None),
        execution_options={"synchronize_session": False},
    )


def release_held(now: datetime | None = None) -> int:
    """The periodic pass: people whose hold has run out are matched now; stale marks go.

    Only reads until it finds work; each event's change is made under its lock (as every
    change is, so SQLite's write lock is only ever taken there). Returns how many people
    were released.
    """
    now = now or utcnow()
    since = now - timedelta(seconds=float(current_app.config["JOIN_BURST_SECONDS"]))
    due = db.session.execute(
        select(Event.code, Attendee.id)
        .join(Event, Event.id == Attendee.event_id)
        .where(Attendee.held_until.is_not(None), Attendee.held_until <= now)
    ).all()
    stale = db.session.scalars(
        select(Event.code)
        .join(Attendee, Event.id == Attendee.event_id)
        .where(Attendee.join_mark.is_not(None), Attendee.joined_at < since)
        .distinct()
    ).all()
    db.session.rollback()
    by_event: dict[str, set[int]] = {code: set() for code in stale}
    for code, pid in due:
        by_event.setdefault(code, set()).add(pid)
    released = 0
    for code, ids in by_event.items():
        event = lock_event(code)
        forget_marks(since, event)
        people = db.session.scalars(
            select(Attendee).where(Attendee.id.in_(ids), Attendee.held_until <= now)
        ).all()
        for person in people:
            person.held_until = None
        released += len(people)
        finish(event, settle(event, {p.id for p in people if p.active}))
    return released
