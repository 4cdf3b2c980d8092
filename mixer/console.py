"""The organizer console page; all its controls go through the JSON API."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from . import auth
from .errors import ApiError
from .presenters import event_out
from .services import events

bp = Blueprint("console", __name__, url_prefix="/console")


@bp.get("/<code>")
def console(code: str) -> Response | str | tuple[str, int]:
    """The link with ?token= signs this browser in, then the token leaves the address bar."""
    events.get_event(code)
    token = request.args.get("token")
    if token:
        auth.remember(auth.ORGANIZERS, code, token)
        return redirect(url_for("console.console", code=code), 303)
    try:
        event = auth.current_organizer(code)
    except ApiError as exc:
        return render_template(
            "message.html", title="Organizers only", message=exc.message
        ), exc.status
    return render_template("console.html", event=event_out(event))
