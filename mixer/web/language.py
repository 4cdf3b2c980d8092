"""Which language a page, an error or a push speaks, and remembering a person's choice.

In this order: `?lang=xx` (a link that switches, remembered in a cookie), the remembered
choice, the browser's `Accept-Language`, the language an attendee's phone last spoke (for
their own requests: `Attendee.language`, which their pushes speak too), the event's
default, English. The poster, the
projector screen and the exports speak the room's language: the event's default first
(the organizer chose it for everyone in the room), unless `?lang=` asks otherwise.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, current_app, g, has_request_context, request, url_for
from flask_babel import Babel, get_locale, get_timezone, refresh
from sqlalchemy.exc import SQLAlchemyError

from ..domain.languages import DEFAULT, SHIPPED, direction, script_words
from ..domain.models import Attendee
from ..services import attendees, events

COOKIE = "mixer_lang"
REMEMBERED_FOR = 365 * 24 * 3600  # a year: the same phone at next year's event
TRANSLATIONS = "data/translations"  # mixer/data/translations, shipped with the package
# Pages and files the whole room reads: the event's language before the reader's.
ROOM_ENDPOINTS = frozenset({"console.poster", "console.screen"})


def _asked() -> str | None:
    asked = request.args.get("lang", "")
    return asked if asked in SHIPPED else None


def _event_defaults() -> tuple[str, str] | None:
    """The event this request is about (its `code` in the route), read once per request."""
    if "event_defaults" not in g:
        code = (request.view_args or {}).get("code")
        try:
            g.event_defaults = events.language_of(code) if isinstance(code, str) else None
        except SQLAlchemyError:  # the database is away: its error page speaks all the same
            g.event_defaults = None
    return g.event_defaults


def _room_reads_it() -> bool:
    endpoint = request.endpoint or ""
    return endpoint in ROOM_ENDPOINTS or endpoint.startswith("exports.")


def chosen() -> str | None:
    """The language this request asks for itself: `?lang=`, the cookie, `Accept-Language`."""
    asked = _asked()
    if asked:
        return asked
    remembered = request.cookies.get(COOKIE, "")
    if remembered in SHIPPED:
        return remembered
    return request.accept_languages.best_match(SHIPPED)


def select_language() -> str:
    if not has_request_context():  # built outside a request without `force_locale`
        return DEFAULT
    asked = _asked()
    if asked:
        return asked
    defaults = _event_defaults()
    if defaults is not None and _room_reads_it():
        return defaults[0]
    mine = chosen()
    if mine:
        return mine
    spoken = g.get("attendee_language")
    if spoken in SHIPPED:
        return spoken
    return defaults[0] if defaults is not None else DEFAULT


def attendee_speaks(person: Attendee) -> None:
    """An attendee's own request (their home page, GET /me): a language it asks for is
    remembered as theirs (their pushes speak it; written only when it changed); a request
    that asks for none speaks the one remembered."""
    mine = chosen()
    if mine and mine != person.language:
        attendees.speaks(person, mine)
    elif not mine and person.language in SHIPPED:
        g.attendee_language = person.language
        refresh()  # in case something already spoke in the event's language


def select_time_zone() -> str:
    if not has_request_context():
        return "UTC"
    defaults = _event_defaults()
    return defaults[1] if defaults is not None else "UTC"


def _remember(response: Response) -> Response:
    """`?lang=xx` is a choice: the next pages speak it too, without the parameter."""
    asked = _asked()
    if asked and request.cookies.get(COOKIE) != asked:
        response.set_cookie(
            COOKIE, asked, max_age=REMEMBERED_FOR, samesite="Lax", secure=request.is_secure
        )
    return response


def words_of(code: str) -> tuple[bytes, str]:
    """The JSON file of a language's script words and its digest (see `script_words`)."""
    return script_words(code, Path(current_app.root_path) / TRANSLATIONS)


def words_url(code: str) -> str:
    """Where a page's scripts find their words: versioned, so it is cached for good."""
    return url_for("pwa.words", lang=code, v=words_of(code)[1])


def page_language() -> dict[str, object]:
    """What every template needs: `<html lang dir>`, the event's time zone, the switcher's
    choices, and the address of the scripts' words (none for English: their own words)."""
    code = str(get_locale() or DEFAULT)
    return {
        "lang": code,
        "dir": direction(code),
        "time_zone": str(get_timezone() or "UTC"),
        "languages": SHIPPED,
        "words_url": words_url(code) if code != DEFAULT else "",
    }


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", TRANSLATIONS)
    Babel(app, locale_selector=select_language, timezone_selector=select_time_zone)
    app.after_request(_remember)
    app.context_processor(page_language)
