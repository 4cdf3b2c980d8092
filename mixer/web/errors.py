"""One error shape for the whole API: {"error": {"code", "message", "fields"}}; pages get a page.

The domain's refusals get their HTTP status here, once.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from babel.lists import format_list
from flask import Flask, Response, jsonify, render_template, request
from flask_babel import get_locale, gettext, ngettext
from flask_babel import lazy_gettext as N_
from flask_wtf.csrf import CSRFError
from pydantic import ValidationError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from ..domain.errors import (
    Conflict,
    Forbidden,
    Invalid,
    NotFound,
    Refused,
    TooMany,
    described,
    not_found,
)
from ..infra.extensions import db
from ..matching.phrases import Phrase
from ..shapes.speech import say

log = logging.getLogger(__name__)


class ApiError(Refused):
    """A refusal only the web layer knows (unreadable JSON, no token), with its own status."""

    def __init__(
        self, status: int, code: str, message: str, fields: dict[str, str] | None = None
    ) -> None:
        super().__init__(code, message, fields)
        self.status = status


# What each kind of refusal means over HTTP.
STATUSES: dict[type[Refused], int] = {
    NotFound: 404, Forbidden: 403, Conflict: 409, Invalid: 422, TooMany: 429,
}  # fmt: skip


def status_of(exc: Refused) -> int:
    if isinstance(exc, ApiError):
        return exc.status
    return next(code for kind, code in STATUSES.items() if isinstance(exc, kind))


def error_body(code: str, message: str, fields: dict[str, str] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


# Names people must give, said the way a person would ask for them.
NAMED = {
    "EventCreate": N_("Give the event a name."),
    "EventPatch": N_("Give the event a name."),
}
NAMED |= dict.fromkeys(("JoinIn", "MePatch"), N_("Enter your name."))
# Pydantic's error types whose one message needs no value from the error.
WORDS = {
    "missing": N_("Fill this in."),
    "int_parsing": N_("Enter a whole number."),
    "int_type": N_("Enter a whole number."),
    "int_from_float": N_("Enter a whole number."),
    "float_parsing": N_("Enter a number."),
    "float_type": N_("Enter a number."),
    "bool_type": N_("Choose yes or no."),
    "bool_parsing": N_("Choose yes or no."),
    "string_type": N_("Enter text."),
    "datetime_parsing": N_("Enter a date and time, like 2026-12-03T18:30."),
    "datetime_from_date_parsing": N_("Enter a date and time, like 2026-12-03T18:30."),
    "datetime_type": N_("Enter a date and time, like 2026-12-03T18:30."),
    "extra_forbidden": N_("This field is not known here: check its name."),
    "json_invalid": N_("This is not valid JSON."),
    "json_type": N_("This is not valid JSON."),
    "model_type": N_('Send an object here, like {"name": "…"}.'),
    "model_attributes_type": N_('Send an object here, like {"name": "…"}.'),
    "dict_type": N_('Send an object here, like {"name": "…"}.'),
    "list_type": N_('Send a list here, like ["…"].'),
    "none_required": N_("Leave this empty."),
    "url_parsing": N_("Enter a full web address starting with https://"),
    "url_scheme": N_("Enter a full web address starting with https://"),
}
PATTERNS = {
    "phone": N_("Use digits, spaces and + ( ) - . / only."),
    "nonce": N_("Use letters, digits, - and _ only."),
}
# Pydantic's error types that name a bound: the context key holding it, and the words.
BOUNDS = {
    "too_long": ("max_length", N_("At most %(number)s, please.")),
    "too_short": ("min_length", N_("At least %(number)s, please.")),
    "greater_than_equal": ("ge", N_("Use %(number)s or more.")),
    "greater_than": ("gt", N_("Use more than %(number)s.")),
    "less_than_equal": ("le", N_("Use %(number)s or less.")),
    "less_than": ("lt", N_("Use less than %(number)s.")),
}
NOT_VALID = N_("This value is not valid.")


def choices(expected: str) -> str:
    """Pydantic's "'a', 'b' or 'c'" in the request's language (English: as pydantic says it)."""
    locale = get_locale()
    values = re.findall(r"'[^']*'", expected) or expected.replace(" or ", ", ").split(", ")
    if locale is None or locale.language == "en" or len(values) < 2:
        return expected
    return format_list(values, style="or", locale=locale)


def said(message: str) -> str:
    """A message in the request's language: one the domain marked for the catalogs is
    translated here; one a service already said in it passes through unchanged."""
    return gettext(message) if message else message


def plain(err: Any, model: str) -> str:
    """One validation error in plain words, saying what to do ("Use 1 or more.")."""
    kind, ctx = err["type"], err.get("ctx") or {}
    field = str(err["loc"][-1]) if err["loc"] else ""
    error = ctx.get("error")
    if isinstance(error, ValueError) and error.args and isinstance(error.args[0], Phrase):
        return say(error.args[0])  # a rule's sentence with its values, in the language
    if kind in ("value_error", "assertion_error"):  # our own validators already speak plainly
        return said(
            str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        )
    if kind in ("missing", "string_too_short") and field == "name" and model in NAMED:
        return str(NAMED[model])
    if kind == "string_too_short":
        least = int(ctx.get("min_length", 1))
        if least <= 1:
            return gettext("Fill this in.")
        return ngettext(
            "Use at least %(num)s character.", "Use at least %(num)s characters.", least
        )
    if kind == "string_too_long":
        most = int(ctx.get("max_length", 0))
        return ngettext("Keep it to %(num)s character.", "Keep it to %(num)s characters.", most)
    if kind in BOUNDS:
        key, words = BOUNDS[kind]
        return str(words) % {"number": ctx.get(key)}
    if kind in ("literal_error", "enum"):
        return gettext("Choose %(choices)s.", choices=choices(str(ctx.get("expected", ""))))
    if kind == "string_pattern_mismatch" and field in PATTERNS:
        return str(PATTERNS[field])
    return str(WORDS.get(kind, NOT_VALID))


def validation_fields(exc: ValidationError) -> dict[str, str]:
    """Pydantic's errors as {"field.path": "message"} for forms and API clients alike."""
    fields: dict[str, str] = {}
    for err in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in err["loc"]) or "body"
        fields.setdefault(loc, plain(err, exc.title))
    return fields


# What an HTTP error says, by status, when the code that raised it said nothing of its own.
HTTP_MESSAGES = {
    400: N_("This request could not be read. Check it and send it again."),
    401: N_("Sign in first."),
    403: N_("You may not do this."),
    404: N_("Nothing here: check the address."),
    405: N_("This address does not take that kind of request."),
    408: N_("The request took too long. Send it again."),
    409: N_("This clashes with a change made just now. Reload, then try again."),
    413: N_("What you sent is too large."),
    415: N_("This address does not take that kind of content."),
    429: N_("Too many requests just now: wait a moment, then try again."),
    500: N_("Something went wrong on our side. Nothing was changed: try again."),
    503: N_("Mixer is not available just now: try again in a moment."),
}


def http_message(exc: HTTPException) -> str:
    """The error's own words when its code gave some (already in the request's language),
    else what its status means, translated."""
    own = exc.description
    if own and own != type(exc).description:
        return str(own)
    known = HTTP_MESSAGES.get(exc.code or 0)
    return str(known) if known is not None else str(own or exc.name)


def _json(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    response = jsonify(body)
    response.status_code = status
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def register(app: Flask) -> None:
    """JSON errors under /api; the usual HTML pages elsewhere."""

    @app.before_request
    def refuse_nul() -> None:
        """No code or id holds a NUL character, and PostgreSQL would refuse to look one up."""
        if "\x00" in request.path:
            raise not_found("page")

    @app.errorhandler(Refused)
    def refused(exc: Refused) -> Response | tuple[str, int]:
        status = status_of(exc)
        message = said(exc.message)
        if not request.path.startswith("/api/"):
            title = gettext("Not found") if status == 404 else gettext("Sorry")
            return render_template("message.html", title=title, message=message), status
        wait = {"Retry-After": str(exc.retry_after)} if isinstance(exc, TooMany) else None
        fields = {name: said(text) for name, text in exc.fields.items()}
        return _json(status, error_body(exc.code, message, fields), wait)

    @app.errorhandler(ValidationError)
    def invalid(exc: ValidationError) -> Response:
        message = gettext("Some fields need fixing.")
        return _json(422, error_body("invalid", message, validation_fields(exc)))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response | HTTPException | tuple[str, int, Any]:
        if exc.code is None or exc.code < 400:
            return exc
        headers = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}
        message = http_message(exc)
        if not request.path.startswith("/api/"):
            title = gettext("Not found") if exc.code == 404 else gettext("Sorry")
            page = render_template("message.html", title=title, message=message)
            return page, exc.code, headers
        code = (exc.name or "error").lower().replace(" ", "_")
        return _json(exc.code, error_body(code, message), headers)

    @app.errorhandler(CSRFError)
    def stale_form(_exc: CSRFError) -> tuple[str, int]:
        """A form without its token: opened long ago in another session, or sent by another site."""
        message = gettext(
            "This form has expired or did not come from this page. Nothing was saved: "
            "go back, reload the page and send it again."
        )
        title = gettext("Please try again")
        return render_template("message.html", title=title, message=message), 400

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    @app.errorhandler(PoolTimeout)  # every connection of this worker busy for too long
    def database_unavailable(exc: Exception) -> Response | tuple[str, int, dict[str, str]]:
        """The database is down or busy: nothing was stored, so the same request can be retried."""
        db.session.rollback()
        log.error("database unavailable: %s", described(exc))
        message = gettext("The database is not answering just now. Nothing was changed: try again.")
        headers = {"Retry-After": "5"}
        if not request.path.startswith("/api/"):
            page = render_template("message.html", title=gettext("Sorry"), message=message)
            return page, 503, headers
        return _json(503, error_body("unavailable", message), headers)
