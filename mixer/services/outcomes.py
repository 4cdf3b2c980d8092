"""What came of an introduction, as one of its two people tells it after meeting: told to
Mixer alone (the other side never sees it), changeable, counted in the event's impact; and
what a giver's evening gave, from what the people they met chose to tell."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext
from flask_babel import lazy_gettext as N_
from sqlalchemy import select

from ..domain.errors import Conflict, Forbidden, NotFound
from ..domain.models import OUTCOMES, Attendee, Event, Introduction
from ..infra.extensions import db
from ..shapes.impact import Gave
from .locking import lock_event
from .publishing import finish
from .pushes import Outbox

NOT_YET = N_(
    "You can tell what came of an introduction once you have met, or after the event if you"
    " both accepted."
)
GIVERS = ("give", "both")


def may_tell(intro: Introduction, event: Event) -> bool:
    """Met, or both accepted and the event is over (they may have met without saying so)."""
    if intro.status == "met":
        return True
    return event.status == "closed" and intro.status == "accepted" and intro.mutual


def tell(person: Attendee, intro_id: int, outcome: str) -> tuple[Introduction, int]:
    """Record (or change) this side's outcome; the same one again changes nothing.

    Returns the introduction with the event's seq, as answering one does; only the teller's
    own phones hear of it (the other side never sees what was told).
    """
    event = lock_event(person.event.code)
    intro = db.session.get(Introduction, intro_id)
    me = db.session.get(Attendee, person.id)
    try:
        if intro is None or me is None or person.id not in (intro.a_id, intro.b_id):
            raise NotFound("not_found", gettext("No such introduction for you."))
        if not me.active:
            raise Forbidden("removed", gettext("You are no longer part of this event."))
        if not may_tell(intro, event):
            raise Conflict("not_met", NOT_YET)
    except (NotFound, Forbidden, Conflict):
        db.session.rollback()
        raise
    if intro.outcome_of(me.id) == outcome:
        db.session.rollback()
    else:
        setattr(intro, f"{intro.side(me.id)}_outcome", outcome)
        outbox = Outbox(event)
        outbox.introduction_for(intro, me.id)
        finish(event, outbox, numbers=False)
    seq = db.session.scalar(select(Event.seq).where(Event.id == event.id))
    return intro, seq


def gave(person: Attendee, intros: Iterable[Introduction]) -> Gave | None:
    """For a giver, once the event closed: the people they met and what those people told
    (their side's outcome, counted, never who). None for anyone else, or before the end."""
    event = person.event
    if person.intent not in GIVERS or event.status != "closed":
        return None
    # Told once they met, an outcome stays counted if the introduction ended after (the
    # other side asked to be forgotten, say).
    mine = [i for i in intros if person.id in (i.a_id, i.b_id)]
    met = [i for i in mine if may_tell(i, event) or i.a_outcome or i.b_outcome]
    told = [i.outcome_of(i.other_id(person.id)) for i in met]
    return Gave(met=len(met), outcomes={name: told.count(name) for name in OUTCOMES})
