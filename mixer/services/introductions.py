"""Answering an introduction, and letting unanswered ones expire."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from ..errors import ApiError
from ..extensions import db
from ..models import Attendee, Event, Introduction, utcnow
from .locking import lock_event
from .matchmaking import assign_spot, close, settle

ACTIONS = ("accept", "decline", "met")


def respond(person: Attendee, intro_id: int, action: str) -> Introduction:
    """Accept, decline or mark met. Repeating an answer already given changes nothing."""
    event = lock_event(person.event.code)
    intro = db.session.get(Introduction, intro_id)
    me = db.session.get(Attendee, person.id)
    if intro is None or me is None or person.id not in (intro.a_id, intro.b_id):
        db.session.rollback()
        raise ApiError(404, "not_found", "No such introduction for you.")
    if not me.active:
        db.session.rollback()
        raise ApiError(403, "removed", "You are no longer part of this event.")
    if event.status == "closed" and action != "met":
        db.session.rollback()
        raise ApiError(409, "event_closed", "This event has closed: introductions are over.")
    if not _apply(event, intro, me.id, action):
        db.session.rollback()
        return intro
    settle(event, {intro.a_id, intro.b_id} if not intro.is_open else set(), [intro])
    return intro


def _apply(event: Event, intro: Introduction, me: int, action: str) -> bool:
    """Change the introduction; False when the answer was already given (idempotent)."""
    side = intro.side(me)
    if action == "accept":
        if intro.accepted_by(me) and intro.status in ("suggested", "accepted", "met"):
            return False
        _require(intro.status == "suggested", intro, "It can no longer be accepted.")
        setattr(intro, f"{side}_accepted", True)
        if intro.a_accepted and intro.b_accepted:
            intro.status = "accepted"
            intro.accepted_at = utcnow()
            intro.expires_at = None
            assign_spot(event, intro)
        return True
    if action == "decline":
        if intro.status == "declined" and intro.declined_by == me:
            return False
        _require(intro.status in ("suggested", "accepted"), intro, "It is already over.")
        close(intro, "declined")
        intro.declined_by = me
        return True
    if intro.status == "met":
        return False
    _require(intro.status == "accepted", intro, "You can mark it met once you both accepted.")
    intro.status = "met"
    intro.met_at = utcnow()
    return True


def _require(ok: bool, intro: Introduction, message: str) -> None:
    if not ok:
        raise ApiError(409, "conflict", f"This introduction is {intro.status}. {message}")


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
        settle(lock_event(code), set(), now=now)
    return len(codes)
