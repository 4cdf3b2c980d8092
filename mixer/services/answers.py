"""Answering an introduction: accept, decline, mark met, say you followed up."""

from __future__ import annotations

from flask_babel import gettext
from sqlalchemy import select

from ..domain.errors import Conflict, Forbidden, NotFound
from ..domain.models import Attendee, Event, Introduction
from ..infra.extensions import db
from .introductions import answer
from .locking import lock_event
from .matchmaking import settle
from .publishing import finish


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
        raise NotFound("not_found", gettext("No such introduction for you."))
    if not me.active:
        db.session.rollback()
        raise Forbidden("removed", gettext("You are no longer part of this event."))
    if event.status == "closed" and action not in ("met", "followed_up"):
        db.session.rollback()
        raise Conflict("event_closed", gettext("This event has closed: introductions are over."))
    if not answer(event, intro, me.id, action):
        db.session.rollback()
    else:
        people = {intro.a_id, intro.b_id} if not intro.is_open else set()
        finish(event, settle(event, people, [intro]))
    # The commit or rollback above expired `intro`: its state is read after this seq.
    seq = db.session.scalar(select(Event.seq).where(Event.id == event.id))
    return intro, seq
