""" "My code": the attendee's current code to show another attendee, as JSON and as a QR."""

from __future__ import annotations

from flask import Response

from ...domain import qr
from ...services import acquaintances
from ...shapes.presenters import me_code_out
from .. import auth
from .blueprint import bp, reply


@bp.get("/me/code")
def my_code() -> tuple[Response, int]:
    """My current code: a fresh one once used, or with under a minute left."""
    person = auth.current_attendee()
    return reply(me_code_out(acquaintances.my_code(person), person.event.code))


@bp.get("/me/code.svg")
def my_code_svg() -> Response:
    """My current code's link as a QR code, for the other phone's camera."""
    person = auth.current_attendee()
    shown = me_code_out(acquaintances.my_code(person), person.event.code)
    return Response(
        qr.svg(shown.url), mimetype="image/svg+xml", headers={"Cache-Control": "no-store"}
    )
