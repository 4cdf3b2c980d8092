"""The pages people open: the front page, the join form, the attendee home, the QR."""

from __future__ import annotations

import gzip
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext
from pydantic import ValidationError
from werkzeug.wrappers import Response as BaseResponse

from ..domain import qr
from ..domain.errors import Refused
from ..domain.tokens import new_token
from ..domain.vocabulary import vocabulary_for
from ..infra.links import absolute
from ..services import events, handovers, joining
from ..shapes.inputs import EventCreate, JoinIn
from ..shapes.presenters import event_out
from . import auth, language, limits
from .errors import status_of, validation_fields
from .forms import form_data

bp = Blueprint("pages", __name__)

JOIN_FIELDS = (
    "name", "headline", "intent", "offers", "seeks", "offers_note", "seeks_note",
    "capacity", "email", "phone", "profile_url", "share_contact", "share_with_organizer", "mentor",
    "nonce", "door_code",
)  # fmt: skip
EVENT_FIELDS = ("name", "venue", "topics", "giver_capacity", "meeting_spots", "mode", "nonce")
# Addresses only the server's own machine can open: a phone scanning them reaches nothing.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0")


@bp.get("/")
def index() -> str:
    """What Mixer is, and a form to create an event (with its one-time nonce)."""
    return render_template("index.html", values={"nonce": new_token()}, errors={})


@bp.post("/")
@limits.create
def create_event() -> BaseResponse | tuple[str, int]:
    """Create an event from the form, then redirect to its ready page (a reload makes no
    second event; the same form sent again lands on the event it made)."""
    values = form_data(request.form, EVENT_FIELDS)
    if not auth.may_create(request.form.get("create_key")):
        errors = {"create_key": gettext("Enter this Mixer's creation key (ask whoever runs it).")}
        return render_template("index.html", values=request.form, errors=errors), 403
    try:
        data = EventCreate.model_validate(values)
    except ValidationError as exc:
        return render_template(
            "index.html", values=request.form, errors=validation_fields(exc)
        ), 422
    key = handovers.key_for(data.nonce)
    event, token = events.create_event(data, hand_over=key)
    if token is not None:
        auth.remember(auth.ORGANIZERS, event.code, token)
    again = {} if token is not None else {"again": 1}
    return redirect(url_for("pages.created", code=event.code, key=key, **again), 303)


@bp.get("/created/<code>")
def created(code: str) -> Response:
    """The new event's links: the console link the first time only, then a plain word.

    Never stored (no-store): neither the browser's cache nor the offline copies the service
    worker keeps of pages may hold the link.
    """
    event = event_out(events.get_event(code))
    token = handovers.take(code, request.args.get("key", ""))
    if token is not None:
        auth.remember(auth.ORGANIZERS, code, token)
    host = urlsplit(event.join_url).hostname or ""
    page = make_response(
        render_template(
            "created.html",
            event=event,
            console_url=absolute("console.console", code=code, token=token) if token else None,
            signed_in=token is not None or auth.is_organizer(code),
            again="again" in request.args,
            local=host in LOCAL_HOSTS or host.startswith("127."),
        )
    )
    page.headers["Cache-Control"] = "no-store"
    return page


@bp.get("/e/<code>")
def event_home(code: str) -> str | tuple[str, int]:
    """The QR target: the join form, or this phone's home once joined."""
    event = events.get_event(code)
    try:
        person = auth.current_attendee(code)
    except Refused as exc:
        if exc.code == "removed":
            return render_template(
                "message.html", title=gettext("You were removed"), message=exc.message
            ), 403
        if event.status == "closed":
            message = gettext(
                "%(name)s has ended, so it no longer takes new people.", name=event.name
            )
            title = gettext("This event has ended")
            return render_template("message.html", title=title, message=message)
        return render_template(
            "join.html", event=event_out(event), values={"nonce": new_token()}, errors={}
        )
    language.attendee_speaks(person)
    return render_template("home.html", event=event_out(event), me=person)


@bp.post("/e/<code>")
@limits.join_by_address
@limits.join_by_event
def join(code: str) -> BaseResponse | tuple[str, int]:
    """Join from the form; errors come back next to their fields, with what was typed."""
    event = events.get_event(code)
    try:
        person, token = joining.join(
            code,
            JoinIn.model_validate(form_data(request.form, JOIN_FIELDS)),
            auth.held_attendee_hash(code),
            limits.join_address(),
            language=language.chosen(),
        )
    except ValidationError as exc:
        errors = validation_fields(exc)
        return render_template(
            "join.html", event=event_out(event), values=request.form, errors=errors
        ), 422
    except Refused as exc:
        if exc.code == "removed":
            return render_template(
                "message.html", title=gettext("You were removed"), message=exc.message
            ), 403
        if exc.code == "already_joined" and auth.is_attendee(code):
            return redirect(url_for("pages.event_home", code=code), 303)  # it was this phone
        values = request.form.copy()
        values["nonce"] = new_token()  # this one is spent: sending again joins anew
        errors = {"form": exc.message} | exc.fields
        return render_template(
            "join.html", event=event_out(event), values=values, errors=errors
        ), status_of(exc)
    auth.remember(auth.ATTENDEES, code, token)
    return redirect(url_for("pages.event_home", code=person.event.code), 303)


@bp.get("/e/<code>/qr.svg")
def qr_svg(code: str) -> Response:
    """The join QR as SVG (crisp at any size, for posters and screens)."""
    url = event_out(events.get_event(code)).join_url
    return Response(qr.svg(url), mimetype="image/svg+xml", headers=_qr_caching())


@bp.get("/e/<code>/qr.png")
def qr_png(code: str) -> Response:
    """The join QR as PNG."""
    url = event_out(events.get_event(code)).join_url
    return Response(qr.png(url), mimetype="image/png", headers=_qr_caching())


def _qr_caching() -> dict[str, str]:
    """Without MIXER_PUBLIC_URL the code carries the Host the request named: no shared cache
    may keep it for others."""
    if current_app.config.get("PUBLIC_URL"):
        return {"Cache-Control": "max-age=3600"}
    return {"Cache-Control": "private, max-age=3600", "Vary": "Host"}


@bp.get("/e/<code>/vocabulary.json")
def vocabulary(code: str) -> Response:
    """The event's topics and the words that lead to them, for the join form's typeahead.

    Public like the join form itself: the vocabulary and the organizer's topics only, no
    counts and nothing anyone typed. Signed-in phones ask the topics API instead.
    """
    names = vocabulary_for(events.get_event(code)).names()
    body = jsonify({"topics": [{"topic": t, "aliases": a} for t, a in sorted(names.items())]})
    body.headers["Cache-Control"] = "max-age=600"
    body.vary.add("Accept-Encoding")
    if "gzip" in request.accept_encodings:  # about 110 KB, 30 KB gzipped: venue Wi-Fi is slow
        body.set_data(gzip.compress(body.get_data(), compresslevel=6))
        body.headers["Content-Encoding"] = "gzip"
    return body
