"""The organizer's pages: console, projector screen and poster; every control uses the JSON API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from ..domain.errors import Refused
from ..domain.languages import DEFAULT
from ..domain.models import Event
from ..domain.vocabulary import label_in
from ..services import events, impact
from ..shapes.event import EventOut
from ..shapes.presenters import event_out
from . import auth
from .charts import LABEL, WIDTH, chart, outcome_labels, share
from .errors import status_of

bp = Blueprint("console", __name__, url_prefix="/console")

Page = str | tuple[str, int]


def _organizer_page(
    code: str, template: str, more: Callable[[Event], dict[str, Any]] | None = None
) -> Page:
    """Render `template` for this event's organizer; anyone else gets the friendly refusal.

    An unknown code raises the app's 404 first, so a mistyped link never reads as "sign in".
    """
    events.get_event(code)
    try:
        event = auth.current_organizer(code)
    except Refused as exc:
        return refusal(exc.message, status_of(exc))
    out = event_out(event, organizer=True)
    extra = more(event) if more else {}
    return render_template(template, event=out, short_join_url=short_url(out), **extra)


def refusal(message: str, status: int) -> Page:
    return render_template("message.html", title=_("Organizers only"), message=message), status


def short_url(event: EventOut) -> str:
    """The join link without its scheme: shorter to read off a screen or a poster."""
    return event.join_url.split("://", 1)[-1]


@bp.get("/<code>")
def console(code: str) -> Response | Page:
    """The link with ?token= signs this browser in, then the token leaves the address bar.

    A replaced link is refused here, and leaves this browser's sign-in as it was.
    """
    events.get_event(code)
    token = request.args.get("token")
    if token:
        if not auth.sign_in_organizer(code, token):
            return refusal(auth.NOT_THIS_EVENT, 403)
        return redirect(url_for("console.console", code=code), 303)
    return _organizer_page(code, "console.html")


@bp.get("/<code>/screen")
def screen(code: str) -> Page:
    """The projector view: big QR and live counts, readable across a room."""
    return _organizer_page(code, "screen.html")


@bp.get("/<code>/poster")
def poster(code: str) -> Page:
    """A printable page with the QR and three steps, for doors and tables."""
    return _organizer_page(code, "poster.html")


@bp.get("/<code>/impact")
def impact_page(code: str) -> Page:
    """What came of the evening: the funnel and the outcomes as bar charts, printable on one
    page; drawn by the server, counts only."""
    return _organizer_page(code, "impact.html", _impact_figures)


def _impact_figures(event: Event) -> dict[str, Any]:
    figures = impact.impact(event)
    funnel = [
        (_("Suggested"), figures.suggested),
        (_("Both accepted"), figures.accepted),
        (_("Met"), figures.met),
        (_("Followed up"), figures.followed_up),
        (_("Helped"), figures.helped),
    ]
    labels = outcome_labels()
    language = str(get_locale() or DEFAULT)
    told = [(labels[name], n) for name, n in figures.outcomes.items()]
    return {
        "figures": figures,
        "funnel": chart(funnel),
        "told": chart(told),
        "helped_topics": chart([(label_in(t.topic, language), t.helped) for t in figures.topics]),
        "share": share,
        "width": WIDTH,
        "label_x": LABEL,
    }
