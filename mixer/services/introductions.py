"""Answering an introduction, and letting unanswered ones expire."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, select

from ..domain.errors import Conflict, Forbidden, NotFound
from ..domain.models import Attendee, Event, Introduction, utcnow
from ..infra.extensions import db
from ..shapes.presenters import viewer_status
from .locking import lock_event
from .matchmaking import assign_spot, close, settle
from .publishing import finish
from .pushes import Outbox

ACTIONS = ("accept", "decline", "met", "followed_up")


def respond(person: Attendee, intro_id: int, action: str) -> tuple[Introduction, int]:
    """Accept, decline or mark met. Repeating an answer already given changes nothing.

    Returns the introduction with the event's seq, read first: the state loaded after it
    is at least that new, so a phone may safely ignore this answer if it already drew a
    push with a higher seq.
    """
    event = lock_event(person.event.code)
    intro = db.session.get(Introduction, intro_id)
    me = db.session.get(Attendee, person.id)
    if intro is None or me is None or person.id not in (intro.a_id, intro.b_id):
        db.session.rollback()
        raise NotFound("not_found", "No such introduction for you.")
    if not me.active:
        db.session.rollback()
        raise Forbidden("removed", "You are no longer part of this event.")
    if event.status == "closed" and action not in ("met", "followed_up"):
        db.session.rollback()
        raise Conflict("event_closed", "This event has closed: introductions are over.")
    if not _apply(event, intro, me.id, action):
        db.session.rollback()
    else:
        people = {intro.a_id, intro.b_id} if not intro.is_open else set()
        finish(event, settle(event, people, [intro]))
    # The commit or rollback above expired `intro`: its state is read after this seq.
    seq = db.session.scalar(select(Event.seq).where(Event.id == event.id))
    return intro, seq


def _apply(event: Event, intro: Introduction, me: int, action: str) -> bool:
    """Change the introduction; False when the answer was already given (idempotent)."""
    side = intro.side(me)
    if action == "accept":
        if intro.accepted_by(me) and intro.status in ("suggested", "accepted", "met"):
            return False
        # A round's pair may meet first and agree to keep in touch after.
        met_in_round = intro.status == "met" and intro.round_id is not None
        _require(
            intro.status == "suggested" or met_in_round, intro, me, "It can no longer be accepted."
        )
        setattr(intro, f"{side}_accepted", True)
        if intro.status == "suggested" and intro.a_accepted and intro.b_accepted:
            intro.status = "accepted"
            intro.accepted_at = utcnow()
            intro.expires_at = None
            assign_spot(event, intro)
        return True
    if action == "decline":
        if intro.status == "declined" and intro.declined_by == me:
            return False
        _require(intro.status in ("suggested", "accepted"), intro, me, "It is already over.")
        close(intro, "declined")
        intro.declined_by = me
        return True
    if action == "followed_up":
        if intro.followed_up_by(me):
            return False
        if not intro.mutual:
            raise Conflict("conflict", "Follow-ups are for people you both agreed to meet.")
        setattr(intro, f"{side}_followed_up", True)
        return True
    if intro.status == "met":
        return False
    # A round's pair meets without accepting first: the organizer sent them to each other.
    # Accepting there means keeping in touch (contacts need both), not permission to meet.
    in_round = intro.round_id is not None and intro.status == "suggested"
    _require(
        intro.status == "accepted" or in_round,
        intro,
        me,
        "You can mark it met once you both accepted.",
    )
    intro.status = "met"
    intro.met_at = utcnow()
    return True


def _require(ok: bool, intro: Introduction, me: int, message: str) -> None:
    """Refuse with the status as this person sees it: a decline reads as an expiry to the other."""
    if not ok:
        status = viewer_status(intro, me)
        raise Conflict("conflict", f"This introduction is {status}. {message}")


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
        for side in ("a", "b"):
            if getattr(intro, f"{side}_reminded_at") or getattr(intro, f"{side}_followed_up"):
                continue
            setattr(intro, f"{side}_reminded_at", now)
            sent += 1
            viewer = intro.a_id if side == "a" else intro.b_id
            outbox.introduction_for(intro, viewer)
    finish(event, outbox, numbers=False)
    return sent
