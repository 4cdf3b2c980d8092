"""After the night: what came of an introduction (its people tell), and the event's impact
(its organizer reads)."""

from __future__ import annotations

from flask import Response

from ...services import events, impact, outcomes
from ...shapes.impact import Impact, OutcomeIn
from ...shapes.presenters import introduction_out
from .. import auth, limits
from ..envelopes import AnswerEnvelope
from .blueprint import ID, bp, parse, reply


@bp.post(f"/introductions/<{ID}:intro_id>/outcome")
@limits.actions
def tell_outcome(intro_id: int) -> tuple[Response, int]:
    """One of its two people: what came of it for me (the other side never sees it)."""
    person = auth.current_attendee()
    told = parse(OutcomeIn)
    intro, seq = outcomes.tell(person, intro_id, told.outcome)
    return reply(AnswerEnvelope(introduction=introduction_out(intro, person.id), seq=seq))


@bp.get("/events/<code>/impact")
def event_impact(code: str) -> tuple[Response, int]:
    """Organizer: the funnel, the outcomes told, warm against cold, the topics that helped."""
    events.get_event(code)  # an unknown event is 404 before anything else
    figures: Impact = impact.impact(auth.current_organizer(code))
    return reply(figures)
