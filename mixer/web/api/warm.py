"""Warm introductions: ask someone both know to introduce you; the broker answers."""

from __future__ import annotations

from flask import Response

from ...services import warm
from ...shapes.inputs import WarmAnswerIn, WarmIn
from ...shapes.warm_presenters import warm_out
from .. import auth, limits
from ..envelopes import WarmEnvelope
from .blueprint import ID, bp, parse, reply


@bp.post("/warm")
@limits.actions
def ask_warm() -> tuple[Response, int]:
    """Ask `via` to introduce me to `to`; the same request again answers the open one (200)."""
    person = auth.current_attendee()
    req, new = warm.ask(person, parse(WarmIn))
    return reply(WarmEnvelope(warm=warm_out(req, person.id)), 201 if new else 200)


@bp.post(f"/warm/<{ID}:request_id>/introduce")
@limits.actions
def introduce_warm(request_id: int) -> tuple[Response, int]:
    """The broker introduces the two, with an optional line to both."""
    person = auth.current_attendee()
    req = warm.respond(person, request_id, "introduce", parse(WarmAnswerIn).note)
    return reply(WarmEnvelope(warm=warm_out(req, person.id)))


@bp.post(f"/warm/<{ID}:request_id>/decline")
@limits.actions
def decline_warm(request_id: int) -> tuple[Response, int]:
    """The broker says "Not me" (no reason asked); the asker reads "not this time"."""
    person = auth.current_attendee()
    req = warm.respond(person, request_id, "decline")
    return reply(WarmEnvelope(warm=warm_out(req, person.id)))
