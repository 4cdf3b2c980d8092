"""An introduction's life, in one place: suggested, answered, sent to a spot, met, ended.

Every change of an introduction's status is made here (`introduce`, `answer`, `close`,
`expire_due`, `end_open_for`, `end_unanswered`, `remind`). These change rows only: the use
cases around them take the event's lock, match the people affected and finish the change
(`answers`, `periodic`, `attendees`, `events`, `rounds`).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as N_
from sqlalchemy import select

from ..domain.errors import Conflict
from ..domain.models import Attendee, Event, Introduction, utcnow
from ..infra.extensions import db
from ..matching import Suggestion
from ..shapes.presenters import viewer_status


def ttl() -> timedelta:
    return timedelta(seconds=current_app.config["SUGGESTION_TTL_SECONDS"])


def introduce(
    event: Event, s: Suggestion, *, expires_at: datetime | None = None, **extra: object
) -> Introduction:
    """Store a suggestion as an introduction awaiting both answers."""
    now = utcnow()
    intro = Introduction(
        event_id=event.id,
        a_id=s.a,
        b_id=s.b,
        status="suggested",
        a_accepted=False,
        b_accepted=False,
        score=s.score,
        a_gets=list(s.a_gets),
        b_gets=list(s.b_gets),
        one_way=s.one_way,
        a_followed_up=False,
        b_followed_up=False,
        created_at=now,
        expires_at=expires_at or now + ttl(),
        **extra,
    )
    db.session.add(intro)
    return intro


def answer(event: Event, intro: Introduction, me: int, action: str) -> bool:
    """One side's answer; False when it was already given (repeating it changes nothing)."""
    side = intro.side(me)
    if action == "accept":
        if intro.accepted_by(me) and intro.status in ("suggested", "accepted", "met"):
            return False
        # A round's pair may meet first and agree to keep in touch after.
        met_in_round = intro.status == "met" and intro.round_id is not None
        _require(
            intro.status == "suggested" or met_in_round,
            intro,
            me,
            N_("It can no longer be accepted."),
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
        _require(
            intro.status in ("suggested", "accepted"),
            intro,
            me,
            N_("It is already over."),
        )
        close(intro, "declined")
        intro.declined_by = me
        return True
    if action == "followed_up":
        if intro.followed_up_by(me):
            return False
        if not intro.mutual:
            raise Conflict(
                "conflict", gettext("Follow-ups are for people you both agreed to meet.")
            )
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
        N_("You can mark it met once you both accepted."),
    )
    intro.status = "met"
    intro.met_at = utcnow()
    return True


# The introduction's status as a sentence, before what follows from it.
IS_NOW = {
    "suggested": N_("This introduction is suggested."),
    "accepted": N_("This introduction is accepted."),
    "declined": N_("This introduction is declined."),
    "expired": N_("This introduction is expired."),
    "met": N_("This introduction is met."),
}


def _require(ok: bool, intro: Introduction, me: int, message: object) -> None:
    """Refuse with the status as this person sees it: a decline reads as an expiry to the other."""
    if not ok:
        status = viewer_status(intro, me)
        said = IS_NOW.get(status) or gettext("This introduction is %(status)s.", status=status)
        raise Conflict("conflict", f"{said} {message}")


def assign_spot(event: Event, intro: Introduction) -> None:
    """Send the pair to the meeting spot with the fewest pairs heading there now."""
    if not event.meeting_spots:
        return
    busy = Counter(
        db.session.scalars(
            select(Introduction.spot).where(
                Introduction.event_id == event.id,
                Introduction.status == "accepted",
                Introduction.spot.is_not(None),
            )
        ).all()
    )
    intro.spot = min(
        event.meeting_spots, key=lambda spot: (busy[spot], event.meeting_spots.index(spot))
    )


def close(intro: Introduction, status: str, now: datetime | None = None) -> None:
    """End an open introduction; who accepted is kept, so contacts already earned stay."""
    intro.status = status
    intro.closed_at = now or utcnow()
    intro.expires_at = None


def expire_due(event: Event, now: datetime | None = None) -> list[Introduction]:
    """Unanswered suggestions past their time end as 'expired' and free capacity."""
    now = now or utcnow()
    due = db.session.scalars(
        select(Introduction).where(
            Introduction.event_id == event.id,
            Introduction.status == "suggested",
            Introduction.expires_at <= now,
        )
    ).all()
    for intro in due:
        close(intro, "expired", now)
    return list(due)


def end_open_for(person: Attendee) -> list[Introduction]:
    """Someone leaves or is removed: their open introductions end for both sides."""
    intros = db.session.scalars(
        select(Introduction).where(
            Introduction.status.in_(("suggested", "accepted")),
            (Introduction.a_id == person.id) | (Introduction.b_id == person.id),
        )
    ).all()
    for intro in intros:
        close(intro, "expired")
    return list(intros)


def end_unanswered(event: Event) -> list[Introduction]:
    """The event closes: suggestions still waiting for an answer end like an expiry."""
    waiting = db.session.scalars(
        select(Introduction).where(
            Introduction.event_id == event.id, Introduction.status == "suggested"
        )
    ).all()
    for intro in waiting:
        close(intro, "expired")
    return list(waiting)


def remind(intro: Introduction, now: datetime) -> list[int]:
    """The one follow-up reminder, to each side not yet reminded and not yet followed up;
    returns who is reminded now."""
    reminded = []
    for side in ("a", "b"):
        if getattr(intro, f"{side}_reminded_at") or getattr(intro, f"{side}_followed_up"):
            continue
        setattr(intro, f"{side}_reminded_at", now)
        reminded.append(intro.a_id if side == "a" else intro.b_id)
    return reminded
