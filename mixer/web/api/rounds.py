"""Rounds, the organizer's controls: start one, and end, undo, swap two people of, pause,
resume or extend the one running."""

from __future__ import annotations

from flask import Response

from ...services import round_controls, rounds
from ...shapes.inputs import ExtendIn, RoundIn, SwapIn
from ...shapes.presenters import round_info
from .. import auth, limits
from ..envelopes import RoundEnvelope
from .blueprint import bp, parse, reply


@bp.post("/events/<code>/rounds")
@limits.actions
def start_round(code: str) -> tuple[Response, int]:
    """Organizer: pair everyone present for a timed round."""
    auth.current_organizer(code)
    round_, groups = rounds.start_round(code, parse(RoundIn).minutes)
    return reply(RoundEnvelope(round=round_info(round_, groups)), 201)


@bp.post("/events/<code>/rounds/current/end")
@limits.actions
def end_round(code: str) -> tuple[Response, int]:
    """Organizer: stop the running round's timer now."""
    auth.current_organizer(code)
    round_, groups = rounds.end_round(code)
    return reply(RoundEnvelope(round=round_info(round_, groups)))


@bp.post("/events/<code>/rounds/current/undo")
@limits.actions
def undo_round(code: str) -> tuple[Response, int]:
    """Organizer: withdraw the round just started, as if it never was."""
    auth.current_organizer(code)
    return reply(RoundEnvelope(round=round_info(round_controls.undo_round(code), 0)))


@bp.post("/events/<code>/rounds/current/swap")
@limits.actions
def swap_round(code: str) -> tuple[Response, int]:
    """Organizer: two people of the running round trade partners and places."""
    auth.current_organizer(code)
    first, second = parse(SwapIn).attendees
    return reply(
        RoundEnvelope(round=round_info(*round_controls.swap_partners(code, first, second)))
    )


@bp.post("/events/<code>/rounds/current/pause")
@limits.actions
def pause_round(code: str) -> tuple[Response, int]:
    """Organizer: stop the running round's timer where it is."""
    auth.current_organizer(code)
    return reply(RoundEnvelope(round=round_info(*round_controls.pause_round(code))))


@bp.post("/events/<code>/rounds/current/resume")
@limits.actions
def resume_round(code: str) -> tuple[Response, int]:
    """Organizer: start the paused round's timer again."""
    auth.current_organizer(code)
    return reply(RoundEnvelope(round=round_info(*round_controls.resume_round(code))))


@bp.post("/events/<code>/rounds/current/extend")
@limits.actions
def extend_round(code: str) -> tuple[Response, int]:
    """Organizer: add minutes (default 2) to the running round's timer."""
    auth.current_organizer(code)
    minutes = parse(ExtendIn).minutes
    return reply(RoundEnvelope(round=round_info(*round_controls.extend_round(code, minutes))))
