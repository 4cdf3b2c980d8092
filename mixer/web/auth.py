"""Who is asking: attendee or organizer, by bearer token or by the cookie set at join.

The cookie (Flask's signed session) holds the tokens themselves per event code: each is
hashed and looked up again on every request, so removal, forgetting or a replaced console
link takes effect at once. Not the stored hashes: with those, a copy of the database and
the secret key would be enough to forge a sign-in; the tokens are in neither.
"""

from __future__ import annotations

import hmac
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, request, session
from flask_babel import gettext
from flask_babel import lazy_gettext as N_
from sqlalchemy import select

from ..domain.errors import Refused
from ..domain.models import Attendee, Event
from ..domain.tokens import hash_token
from ..infra.extensions import db
from .errors import ApiError

ATTENDEES = "attendees"
ORGANIZERS = "organizers"
# Events kept signed in per kind, newest first out last. Browsers silently drop a cookie
# over 4 KB, which would sign the person out of every event at once.
KEEP = 12


CREATE_KEY_HEADER = "X-Mixer-Create-Key"
NOT_THIS_EVENT = N_("That organizer link is not for this event, or it was replaced by a newer one.")


def may_create(given: str | None) -> bool:
    """With MIXER_CREATE_KEY set, only those who know it create events (else anyone)."""
    key = current_app.config.get("CREATE_KEY")
    if not key:
        return True
    return bool(given) and hmac.compare_digest(str(given).encode(), str(key).encode())


def require_create_key(given: str | None) -> None:
    if not may_create(given):
        raise ApiError(
            403,
            "create_key",
            gettext("Creating events on this Mixer needs its creation key: ask whoever runs it."),
            {"create_key": gettext("Enter the creation key.")},
        )


def bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def held(kind: str) -> dict[str, str]:
    """The events this browser is signed in to, code -> token, oldest first.

    Stored as a list of pairs: Flask sorts a dict's keys, which would lose the order. A
    cookie of an older Mixer holds hashes there: hashed again they match nobody, so such a
    browser signs in anew (with its link or by joining).
    """
    raw = session.get(kind) or []
    pairs = raw.items() if isinstance(raw, dict) else raw  # dict: a cookie of an older Mixer
    return {str(p[0]): str(p[1]) for p in pairs if len(p) == 2}


def remember(kind: str, code: str, token: str) -> None:
    """Keep this phone (or laptop) signed in to this event (and the latest others)."""
    pairs = [(c, t) for c, t in held(kind).items() if c != code] + [(code, token)]
    session[kind] = [list(p) for p in pairs[-KEEP:]]
    session["last"] = code
    session.permanent = True


def held_attendee_hash(code: str) -> str | None:
    """The attendee token hash this caller already holds for the event (bearer, else cookie).

    Read without the cross-site check: it can only refuse a join, never grant anything.
    """
    token = bearer() or held(ATTENDEES).get(code)
    return hash_token(token) if token else None


def let_go(kind: str, code: str) -> None:
    """This browser is no longer signed in to this event."""
    session[kind] = [[c, t] for c, t in held(kind).items() if c != code]


def sign_in_organizer(code: str, token: str) -> bool:
    """Remember a console link's token, only if it is this event's current one.

    A replaced (or mistyped) link grants nothing, and must not displace a valid sign-in.
    """
    event = organizer_by_hash(hash_token(token))
    if event is None or event.code != code:
        return False
    remember(ORGANIZERS, code, token)
    return True


UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _same_site_request() -> bool:
    """Did this browser request come from one of Mixer's own pages?

    The cookie is sent by the browser on its own; a page of another site must not be able
    to spend it. Browsers name the requesting origin (Origin, or Sec-Fetch-Site) on every
    cross-site request, so a request naming none is not from another site's page.
    """
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        ours = {_origin(request.host_url)}
        public = current_app.config.get("PUBLIC_URL")
        if public:
            ours.add(_origin(public))
        return _origin(origin) in ours
    if origin == "null":
        return False
    return request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")


DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: str) -> tuple[str, str, int | None] | None:
    """Scheme, host and port, the parts that make an origin (https://host is not http://host)."""
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        return scheme, (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:  # a port that is not a number
        return None


def _cookie_hash(kind: str, code: str | None) -> str | None:
    """The hash of the token this browser's cookie holds for the event (or its latest)."""
    if request.method in UNSAFE and not _same_site_request():
        raise ApiError(
            403,
            "cross_origin",
            gettext(
                "This request came from another site. Use Mixer's own pages, or send a bearer"
                " token."
            ),
        )
    mine = held(kind)
    if code is None:
        code = session.get("last") if session.get("last") in mine else next(iter(mine), None)
    token = mine.get(code) if code else None
    return hash_token(token) if token else None


def attendee_by_hash(token_hash: str | None) -> Attendee | None:
    if not token_hash:
        return None
    return db.session.scalars(select(Attendee).where(Attendee.token_hash == token_hash)).first()


def organizer_by_hash(token_hash: str | None) -> Event | None:
    if not token_hash:
        return None
    return db.session.scalars(select(Event).where(Event.organizer_token_hash == token_hash)).first()


def current_attendee(code: str | None = None) -> Attendee:
    """The attendee making this request; 401 without credentials, 403 once removed."""
    token = bearer()
    if token is None:
        code = code or request.args.get("event")
    person = attendee_by_hash(hash_token(token) if token else _cookie_hash(ATTENDEES, code))
    if person is None or person.forgotten_at is not None:
        raise ApiError(401, "unauthorized", gettext("Join the event first (scan its QR code)."))
    if person.removed_at is not None:
        raise ApiError(403, "removed", gettext("The organizer removed you from this event."))
    return person


def current_organizer(code: str) -> Event:
    """The event, if the request carries its organizer token; a token of another event is 403."""
    token = bearer()
    token_hash = hash_token(token) if token else _cookie_hash(ORGANIZERS, code)
    if token_hash is None:
        raise ApiError(
            401,
            "unauthorized",
            gettext("Open the organizer link you got when creating the event."),
        )
    event = organizer_by_hash(token_hash)
    if event is None or event.code != code:
        raise ApiError(403, "forbidden", NOT_THIS_EVENT)
    return event


def is_attendee(code: str) -> bool:
    """Whether this browser (or bearer token) is signed in as someone still in the event."""
    try:
        return current_attendee(code).event.code == code
    except Refused:
        return False


def is_organizer(code: str) -> bool:
    """Whether this browser may open the event's console (its cookie, or a bearer token)."""
    try:
        current_organizer(code)
    except Refused:
        return False
    return True


def current_member(code: str) -> tuple[Event, Attendee | None]:
    """The event and who asks (None: its organizer); anyone else is 401 or 403."""
    token = bearer()
    organizer = organizer_by_hash(hash_token(token) if token else _cookie_hash(ORGANIZERS, code))
    if organizer is not None:
        if organizer.code != code:
            raise ApiError(403, "forbidden", NOT_THIS_EVENT)
        return organizer, None
    person = current_attendee(code)
    if person.event.code != code:
        raise ApiError(403, "forbidden", NOT_THIS_EVENT)
    return person.event, person


def socket_identity(auth: Any) -> tuple[str, Attendee | Event] | None:
    """For a Socket.IO connect: ("attendee", person) or ("organizer", event), else None."""
    auth = auth if isinstance(auth, dict) else {}
    token = auth.get("token")
    code = auth.get("event") if isinstance(auth.get("event"), str) else None
    if isinstance(token, str) and token:
        token_hash = hash_token(token)
        person = attendee_by_hash(token_hash)
        if person is not None:
            return ("attendee", person) if person.active else None
        event = organizer_by_hash(token_hash)
        return ("organizer", event) if event is not None else None
    if auth.get("role") == "organizer" and code:
        event = organizer_by_hash(_cookie_hash(ORGANIZERS, code))
        return ("organizer", event) if event is not None and event.code == code else None
    person = attendee_by_hash(_cookie_hash(ATTENDEES, code))
    return ("attendee", person) if person is not None and person.active else None
