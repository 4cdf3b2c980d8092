"""The passes that run beside requests, in one place: the sweep (expiry, the one follow-up
reminder, the end of a burst hold) and the re-balance. `mixer.run.background` runs them
on one worker at a time; each pass is a use case like any other (lock, change, finish).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, select

from ..domain.models import Attendee, Event, Introduction, utcnow
from ..infra.extensions import db
from . import join_guards, rebalancing
from .introductions import remind
from .locking import lock_event
from .matchmaking import settle
from .publishing import finish
from .pushes import Outbox


def sweep(now: datetime | None = None) -> None:
    """Expire unanswered suggestions on time, send the one follow-up reminder, and let in
    people held back after a burst of joins once their hold is over."""
    expire_all(now)
    remind_follow_ups(now)
    join_guards.release_held(now)


def rebalance(seen: dict[int, int]) -> int:
    """Re-choose unanswered suggestions in every open event that changed since `seen`."""
    return rebalancing.rebalance_changed(seen)


def expire_all(now: datetime | None = None) -> int:
    """The sweeper: end overdue suggestions in every event and refill freed capacity.

    Returns how many events had overdue suggestions.
    """
    now = now or utcnow()
    codes = db.session.scalars(
        select(Event.code)
        .join(Introduction, Introduction.event_id == Event.id)
        .where(Introduction.status == "suggested", Introduction.expires_at <= now)
        .distinct()
    ).all()
    db.session.rollback()
    for code in codes:
        event = lock_event(code)
        finish(event, settle(event, set(), now=now))
    return len(codes)


def remind_follow_ups(now: datetime | None = None) -> int:
    """One gentle reminder per person and contact, a while after the event: never more.

    Returns how many reminders were sent.
    """
    now = now or utcnow()
    delay = timedelta(seconds=current_app.config["REMINDER_AFTER_SECONDS"])
    due = db.session.scalars(
        select(Introduction)
        .join(Event, Event.id == Introduction.event_id)
        .where(
            Event.status == "closed",
            Event.closed_at <= now - delay,
            *_both_still_there(),
            Introduction.a_accepted,
            Introduction.b_accepted,
            ((Introduction.a_reminded_at.is_(None)) & (~Introduction.a_followed_up))
            | ((Introduction.b_reminded_at.is_(None)) & (~Introduction.b_followed_up)),
        )
    ).all()
    db.session.rollback()
    sent = 0
    for event_id in sorted({i.event_id for i in due}):
        sent += _remind_in(db.session.get(Event, event_id).code, now)  # type: ignore[union-attr]
    return sent


def _both_still_there() -> tuple[ColumnElement[bool], ...]:
    """Neither side erased (forget me, or a purge): a reminder to follow up with "Former
    attendee", or to someone nobody can reach, helps nobody. Decided per introduction, not
    per event, so an event purged and reopened reminds the people of its second evening."""
    erased = select(Attendee.id).where(Attendee.forgotten_at.is_not(None))
    return (Introduction.a_id.not_in(erased), Introduction.b_id.not_in(erased))


def _remind_in(code: str, now: datetime) -> int:
    event = lock_event(code)
    intros = db.session.scalars(
        select(Introduction).where(
            Introduction.event_id == event.id,
            Introduction.a_accepted,
            Introduction.b_accepted,
            *_both_still_there(),
        )
    ).all()
    outbox = Outbox(event)
    sent = 0
    for intro in intros:
        for viewer in remind(intro, now):
            outbox.introduction_for(intro, viewer)
            sent += 1
    finish(event, outbox, numbers=False)
    return sent
