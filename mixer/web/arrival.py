"""Arriving: a registration's personal link (/r/<token>), which signs its phone in and
joins without the door code, and the venue's check-in confirmation without JavaScript.

The link is the proof, so it grants its own registration only: once that registration's
phone joined, the same link on another phone gets a plain page saying so. Opening the link
writes nothing to the session: the phone is signed in (the cookie, as at the door) when it
joins through it. A session written before joining would be made permanent, and then every
response refreshes the cookie: a slower answer started before the join (the vocabulary the
form fetches) would land after it and sign the phone out again. Nothing here
is ever stored by a cache (no-store): the pages carry a personal link.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as N_
from pydantic import ValidationError
from werkzeug.wrappers import Response as BaseResponse

from ..domain.errors import Refused
from ..domain.models import Event, Registration
from ..domain.tokens import new_token
from ..services import arrival, joining
from ..shapes.inputs import JoinIn
from ..shapes.presenters import event_out
from . import auth, limits
from .errors import status_of, validation_fields
from .forms import form_data
from .pages import JOIN_FIELDS

bp = Blueprint("arrival", __name__)

WRONG_LINK = N_(
    "This personal link is not valid: it may be mistyped, or an older one. Open the link in"
    " your latest invitation, or scan the event's QR code at the venue."
)
IN_USE = N_(
    "This personal link is already in use on another phone. One link signs in one phone:"
    " ask the organizer at the door, who can check you in or help you join."
)
PageAnswer = BaseResponse | tuple[str, int] | str


@bp.after_request
def never_stored(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


def _message(title: object, message: object, status: int) -> tuple[str, int]:
    return render_template("message.html", title=title, message=message), status


LINK_BROKEN = N_("This link does not work")
LINK_ELSEWHERE = N_("This link is in use on another phone")
ENDED = N_("This event has ended")
REMOVED = N_("You were removed")


def _joined_here(registration: Registration, code: str) -> bool:
    """This phone is the one the registration joined with."""
    try:
        return auth.current_attendee(code).id == registration.attendee_id
    except Refused:
        return False


def _form(event: Event, token: str, values: Any, errors: dict[str, str]) -> str:
    return render_template(
        "join.html",
        event=event_out(event),
        values=values,
        errors=errors,
        action=url_for("arrival.personal", token=token),
        personal=True,
    )


@bp.get("/r/<token>")
def personal(token: str) -> PageAnswer:
    """The join form filled in from the registration; this phone's home once joined."""
    opened = arrival.opened(token)
    if opened is None:
        return _message(LINK_BROKEN, WRONG_LINK, 404)
    found, event = opened
    code = event.code
    if found.attendee_id is not None:
        if _joined_here(found, code):
            return redirect(url_for("pages.event_home", code=code), 303)
        return _message(LINK_ELSEWHERE, IN_USE, 409)
    if event.status == "closed":
        message = gettext("%(name)s has ended, so it no longer takes new people.", name=event.name)
        return _message(ENDED, message, 409)
    values = {
        "name": found.name,
        "email": found.email,
        "headline": found.headline,
        "nonce": new_token(),
    }
    return _form(event, token, values, {})


@bp.post("/r/<token>")
@limits.join_by_address
def join(token: str) -> PageAnswer:
    """Join through the link: no door code, and not arrived until the check-in."""
    opened = arrival.opened(token)
    if opened is None:
        return _message(LINK_BROKEN, WRONG_LINK, 404)
    found, event = opened
    code = event.code
    try:
        data = JoinIn.model_validate(form_data(request.form, JOIN_FIELDS))
        _person, attendee_token = joining.join(
            code,
            data,
            auth.held_attendee_hash(code),
            limits.join_address(),
            registration=found.id,
        )
    except ValidationError as exc:
        return _form(event, token, request.form, validation_fields(exc)), 422
    except Refused as exc:
        if exc.code == "link_in_use":
            if _joined_here(found, code):
                return redirect(url_for("pages.event_home", code=code), 303)
            return _message(LINK_ELSEWHERE, IN_USE, 409)
        if exc.code == "removed":
            return _message(REMOVED, exc.message, 403)
        values = request.form.copy()
        values["nonce"] = new_token()
        errors = {"form": exc.message} | exc.fields
        return _form(event, token, values, errors), status_of(exc)
    auth.remember(auth.ATTENDEES, code, attendee_token)
    return redirect(url_for("pages.event_home", code=code), 303)


@bp.post("/e/<code>/checkin")
@limits.actions
def checkin(code: str) -> PageAnswer:
    """The venue's confirmation, as a plain form: "I'm here", then the phone's home."""
    try:
        person = auth.current_attendee(code)
        if person.event.code != code:
            return redirect(url_for("pages.event_home", code=code), 303)
        arrival.check_in(person)
    except Refused as exc:
        if exc.code == "event_closed":
            return _message(ENDED, exc.message, 409)
        if exc.code == "removed":
            return _message(REMOVED, exc.message, 403)
        return redirect(url_for("pages.event_home", code=code), 303)
    return redirect(url_for("pages.event_home", code=code), 303)
