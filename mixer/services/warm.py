"""Warm introductions: an attendee asks someone both know to introduce them to a third, and
that broker introduces them, or says "not me".

A broker is asked for a pair at most once, ever (either way round), and only so often an
hour; the asker never learns of a no as such ("not this time"). The introduction itself is
made by the introduction's usual life (`warm_life.place`, through `matchmaking.settle`),
so accepting, meeting and contacts follow the usual rules, and capacity always holds.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as N_
from sqlalchemy import func, or_, select

from ..domain.errors import Conflict, Forbidden, Invalid, NotFound, TooMany
from ..domain.models import Attendee, Event, WarmRequest, utcnow
from ..infra.extensions import db
from ..shapes.inputs import WarmIn
from ..shapes.warm_presenters import waits_for_place
from .engine_view import room_as_read
from .locking import lock_event
from .matchmaking import settle
from .publishing import finish
from .pushes import Outbox
from .queries import attendee_in
from .warm_life import OPEN_WARM, pair_row, warm_suggestion
from .who_knows_whom import acquainted

HOUR = timedelta(hours=1)
# Why no introductions now, by the event's status.
NOT_OPEN = {
    "paused": N_("This event is paused: no introductions now."),
    "closed": N_("This event is closed: no introductions now."),
}


def _locked(person: Attendee) -> tuple[Event, Attendee]:
    """The event locked, and the person as stored now: still part of it, the event open."""
    event = lock_event(person.event.code)
    me = db.session.get(Attendee, person.id)
    if me is None or not me.active:
        db.session.rollback()
        raise Forbidden("removed", gettext("You are no longer part of this event."))
    if event.status != "open":
        db.session.rollback()
        said = NOT_OPEN.get(event.status) or gettext(
            "This event is %(status)s: no introductions now.", status=event.status
        )
        raise Conflict("event_not_open", str(said))
    return event, me


def _refuse(kind: type[Conflict | Invalid], code: str, message: str, **fields: str) -> None:
    db.session.rollback()
    raise kind(code, message, fields)


def _between(x: int, y: int) -> object:
    """Requests about the pair x and y, whoever asked."""
    return or_(
        (WarmRequest.asker_id == x) & (WarmRequest.target_id == y),
        (WarmRequest.asker_id == y) & (WarmRequest.target_id == x),
    )


def ask(person: Attendee, data: WarmIn) -> tuple[WarmRequest, bool]:
    """Ask `data.via` to introduce me to `data.to`; returns the request and whether it is new
    (the same request sent again finds the open one: nothing new, no error)."""
    event, me = _locked(person)
    target = attendee_in(event, data.to, "to")
    broker = attendee_in(event, data.via, "via")
    if target.id == me.id:
        _refuse(Invalid, "invalid", "Choose someone other than yourself.", to="That is you.")
    if broker.id in (me.id, target.id):
        _refuse(Invalid, "invalid", "Ask a third person, someone you both know.", via="Not them.")
    mine = db.session.scalars(
        select(WarmRequest).where(
            WarmRequest.event_id == event.id,
            WarmRequest.asker_id == me.id,
            WarmRequest.target_id == target.id,
            WarmRequest.broker_id == broker.id,
            WarmRequest.status == "asked",
        )
    ).first()
    if mine is not None:  # a double tap
        db.session.rollback()
        return mine, False
    _check_pair(event, me, target, broker)
    _check_broker(event, me, target, broker)
    _supply, people, weights = room_as_read(event)
    if me.id in people and target.id in people:
        s = warm_suggestion(people[me.id], people[target.id], dict(weights))
        mine_gets, theirs = (s.a_gets, s.b_gets) if s.a == me.id else (s.b_gets, s.a_gets)
    else:  # not in the room as matching reads it: nothing anyone could gain
        mine_gets, theirs = (), ()
    if not mine_gets:
        _refuse(
            Conflict, "nothing_for_you",
            f"{target.name} offers nothing you are looking for: add what you seek first.",
        )  # fmt: skip
    req = WarmRequest(
        event_id=event.id, asker_id=me.id, target_id=target.id, broker_id=broker.id,
        status="asked", note=data.note.strip(), broker_note="", asker_gets=list(mine_gets),
        target_gets=list(theirs), one_way=not theirs, created_at=utcnow(),
    )  # fmt: skip
    db.session.add(req)
    db.session.flush()
    outbox = Outbox(event)
    outbox.warm([req])
    finish(event, outbox)
    return req, True


def _check_pair(event: Event, me: Attendee, target: Attendee, broker: Attendee) -> None:
    """The three know each other as a warm introduction needs, and the pair is still new."""
    circles = acquainted([me.id, target.id])
    if me.id in circles.get(target.id, set()):
        _refuse(Conflict, "already_known", f"You already know {target.name}.")
    if any(broker.id not in circles.get(p.id, set()) for p in (me, target)):
        _refuse(
            Conflict, "not_known_by_both",
            f"Ask someone who knows you both: {broker.name} is not marked as knowing you"
            f" and {target.name}.", via="Not known to you both.",
        )  # fmt: skip
    existing = pair_row(me.id, target.id)
    if existing is not None and (existing.status != "suggested" or existing.via_id is not None):
        _refuse(Conflict, "already_introduced", f"You and {target.name} were introduced already.")
    if "left" in (target.presence, broker.presence):
        gone = target if target.presence == "left" else broker
        _refuse(Conflict, "left", f"{gone.name} has left the event.")
    pending = db.session.scalars(
        select(WarmRequest).where(
            WarmRequest.event_id == event.id,
            _between(me.id, target.id),  # type: ignore[arg-type]
            WarmRequest.status.in_(OPEN_WARM),
        )
    ).first()
    if pending is not None:
        _refuse(
            Conflict, "already_asked",
            f"An introduction between you and {target.name} is already asked for: wait for"
            " the answer.",
        )  # fmt: skip


def _check_broker(event: Event, me: Attendee, target: Attendee, broker: Attendee) -> None:
    """Never the same broker twice for one pair (either way round), and not too often."""
    before = db.session.scalars(
        select(WarmRequest.id).where(
            WarmRequest.event_id == event.id,
            WarmRequest.broker_id == broker.id,
            _between(me.id, target.id),  # type: ignore[arg-type]
        )
    ).first()
    if before is not None:
        _refuse(
            Conflict, "asked_before",
            f"{broker.name} was already asked to introduce you and {target.name}: they are"
            " not asked twice.",
        )  # fmt: skip
    now = utcnow()
    recent = db.session.execute(
        select(func.count(), func.min(WarmRequest.created_at)).where(
            WarmRequest.event_id == event.id,
            WarmRequest.broker_id == broker.id,
            WarmRequest.created_at > now - HOUR,
        )
    ).one()
    if recent[0] >= int(current_app.config["WARM_PER_HOUR"]):
        db.session.rollback()
        wait = int((recent[1] + HOUR - now).total_seconds()) + 1
        raise TooMany(
            "broker_busy",
            gettext(
                "%(name)s has had many requests for introductions: try again later.",
                name=broker.name,
            ),
            wait,
        )


def respond(person: Attendee, request_id: int, action: str, note: str = "") -> WarmRequest:
    """The broker introduces the two (`note`: their line to both) or declines ("Not me").

    The same answer again changes nothing; the other answer, once the request is closed,
    is a 409. The asker may see the request but not answer it.
    """
    event, me = _locked(person)
    req = db.session.get(WarmRequest, request_id)
    if req is None or req.event_id != event.id or me.id not in (req.broker_id, req.asker_id):
        db.session.rollback()
        raise NotFound("not_found", gettext("No such request for you."))
    if me.id != req.broker_id:
        db.session.rollback()
        raise Forbidden(
            "not_broker", gettext("Only %(name)s can answer this request.", name=req.broker.name)
        )
    done = "introduced" if action == "introduce" else "declined"
    if req.status == done:
        db.session.rollback()
        return req
    if req.status != "asked":
        shown = "ended" if req.status == "declined" else req.status
        _refuse(Conflict, "conflict", f"This request is {shown} already.")
    req.status = done
    req.answered_at = utcnow()
    if done == "introduced":
        req.broker_note = note.strip()
    outbox = settle(event, {req.asker_id, req.target_id} if done == "introduced" else set())
    if done == "declined" or waits_for_place(req):
        outbox.warm([req])  # else settle carried it out (or ended it) and told both already
    finish(event, outbox)
    return req
