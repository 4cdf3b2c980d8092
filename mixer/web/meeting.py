"""The page a phone's "My code" opens on another phone: /e/<event>/k/<code>.

"Do you know Ana?" with a confirm button (a plain form: it works without JavaScript, and
the CSRF token guards it as every form), then "You know each other" and a link home. A
phone that has not joined is sent to join first; a spent, expired or unknown code says so
and what to do. Sending the form twice, or reloading, changes nothing more.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as N_
from werkzeug.wrappers import Response as BaseResponse

from ..domain.errors import Refused
from ..domain.models import Attendee, Event
from ..services import acquaintances, events
from ..shapes.inputs import KnownIn
from . import auth, limits
from .errors import status_of

bp = Blueprint("meet", __name__)


@bp.get("/e/<code>/k/<meet>")
def meet_page(code: str, meet: str) -> str | tuple[str, int]:
    """Whose code this is, to confirm; or why it cannot be used, and what to do."""
    event = events.get_event(code)
    person = _signed_in(event)
    if not isinstance(person, Attendee):
        return person or _join_first(event)
    try:
        seen = acquaintances.look(person, meet)
    except Refused as exc:
        return _refused(event, exc)
    return render_template(
        "meet.html", event=event, me=person, owner=seen.owner, meet=meet, done=seen.used,
        asked=seen.asked, swapped=seen.swapped,
    )  # fmt: skip


@bp.post("/e/<code>/k/<meet>")
@limits.actions
def meet_confirm(code: str, meet: str) -> BaseResponse | str | tuple[str, int]:
    """Both know each other now; the page again says so (a reload sends nothing twice)."""
    event = events.get_event(code)
    person = _signed_in(event, form=True)
    if not isinstance(person, Attendee):
        return person or _join_first(event)
    body: dict[str, object] = {"code": meet[:20]}
    if "swap_contact" in request.form:
        body["swap_contact"] = True  # unticked: a second tap takes back no earlier yes
    try:
        acquaintances.mark_known(person, KnownIn.model_validate(body))
    except Refused as exc:
        return _refused(event, exc)
    except ValueError:  # not a code's shape: nobody's
        return _refused(event, Refused("unknown_code", gettext("No such code.")))
    return redirect(url_for("meet.meet_page", code=event.code, meet=meet), 303)


def _signed_in(event: Event, form: bool = False) -> Attendee | tuple[str, int] | None:
    """This phone's person at the event; None when it has not joined (or was forgotten);
    the page that says so when the organizer removed them.

    A `form` sent from the page is read as the join form is: its CSRF token shows it came
    from Mixer's own page (with no-referrer, Chromium names its origin "null").
    """
    try:
        if not form:
            return auth.current_attendee(event.code)
        person = auth.attendee_by_hash(auth.held_attendee_hash(event.code))
        if person is None or person.forgotten_at is not None or person.event_id != event.id:
            return None
    except Refused as exc:
        if exc.code == "removed":
            return _removed(exc.message)
        return None
    return person if person.removed_at is None else _removed(REMOVED)


REMOVED = N_("The organizer removed you from this event.")


def _removed(message: object) -> tuple[str, int]:
    title = gettext("You were removed")
    return render_template("message.html", title=title, message=message), 403


def _join_first(event: Event) -> tuple[str, int]:
    return render_template("meet.html", event=event, me=None, owner=None, problem=None), 200


def _refused(event: Event, exc: Refused) -> tuple[str, int]:
    return render_template(
        "meet.html", event=event, me=True, owner=None, problem=exc.message
    ), status_of(exc)
