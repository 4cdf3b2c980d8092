"""Introductions, answered by one of their two people: accept, decline, met, followed up."""

from __future__ import annotations

from flask import Response

from ...services import answers
from ...shapes.presenters import introduction_out
from .. import auth, limits
from ..envelopes import AnswerEnvelope
from .blueprint import ID, bp, reply


@bp.post(f"/introductions/<{ID}:intro_id>/<any(accept, decline, met, followed_up):action>")
@limits.actions
def respond(intro_id: int, action: str) -> tuple[Response, int]:
    """Accept, decline, mark met, or (after the event) mark followed up."""
    person = auth.current_attendee()
    intro, seq = answers.respond(person, intro_id, action)
    return reply(AnswerEnvelope(introduction=introduction_out(intro, person.id), seq=seq))
