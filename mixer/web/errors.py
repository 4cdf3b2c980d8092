"""One error shape for the whole API: {"error": {"code", "message", "fields"}}; pages get a page.

The domain's refusals get their HTTP status here, once.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
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
NAMED = {"EventCreate": "Give the event a name.", "EventPatch": "Give the event a name."}
NAMED |= dict.fromkeys(("JoinIn", "MePatch"), "Enter your name.")


def plain(err: Any, model: str) -> str:
    """One validation error in plain words, saying what to do ("Use 1 or more.")."""
    kind, ctx = err["type"], err.get("ctx") or {}
    field = str(err["loc"][-1]) if err["loc"] else ""
    if kind == "value_error":  # our own validators already speak plainly
        return str(err["msg"]).removeprefix("Value error, ")
    if kind in ("missing", "string_too_short") and field == "name" and model in NAMED:
        return NAMED[model]
    words = {
        "missing": "Fill this in.",
        "string_too_short": "Fill this in."
        if ctx.get("min_length") == 1
        else f"Use at least {ctx.get('min_length')} characters.",
        "string_too_long": f"Keep it to {ctx.get('max_length')} characters.",
        "too_long": f"At most {ctx.get('max_length')}, please.",
        "greater_than_equal": f"Use {ctx.get('ge')} or more.",
        "less_than_equal": f"Use {ctx.get('le')} or less.",
        "int_parsing": "Enter a whole number.",
        "int_type": "Enter a whole number.",
        "int_from_float": "Enter a whole number.",
        "literal_error": f"Choose {ctx.get('expected')}.",
        "bool_type": "Choose yes or no.",
        "bool_parsing": "Choose yes or no.",
        "string_type": "Enter text.",
        "datetime_parsing": "Enter a date and time, like 2026-12-03T18:30.",
        "datetime_from_date_parsing": "Enter a date and time, like 2026-12-03T18:30.",
        "datetime_type": "Enter a date and time, like 2026-12-03T18:30.",
    }
    if kind == "string_pattern_mismatch" and field == "phone":
        return "Use digits, spaces and + ( ) - . / only."
    if kind == "string_pattern_mismatch" and field == "nonce":
        return "Use letters, digits, - and _ only."
    return words.get(kind) or str(err["msg"])


def validation_fields(exc: ValidationError) -> dict[str, str]:
    """Pydantic's errors as {"field.path": "message"} for forms and API clients alike."""
    fields: dict[str, str] = {}
    for err in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in err["loc"]) or "body"
        fields.setdefault(loc, plain(err, exc.title))
    return fields


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
        if not request.path.startswith("/api/"):
            title = "Not found" if status == 404 else "Sorry"
            return render_template("message.html", title=title, message=exc.message), status
        wait = {"Retry-After": str(exc.retry_after)} if isinstance(exc, TooMany) else None
        return _json(status, error_body(exc.code, exc.message, exc.fields), wait)

    @app.errorhandler(ValidationError)
    def invalid(exc: ValidationError) -> Response:
        return _json(422, error_body("invalid", "Some fields need fixing.", validation_fields(exc)))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response | HTTPException:
        if not request.path.startswith("/api/"):
            return exc
        code = (exc.name or "error").lower().replace(" ", "_")
        headers = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}
        return _json(exc.code or 400, error_body(code, exc.description or code), headers)

    @app.errorhandler(CSRFError)
    def stale_form(_exc: CSRFError) -> tuple[str, int]:
        """A form without its token: opened long ago in another session, or sent by another site."""
        message = (
            "This form has expired or did not come from this page. Nothing was saved: "
            "go back, reload the page and send it again."
        )
        return render_template("message.html", title="Please try again", message=message), 400

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    @app.errorhandler(PoolTimeout)  # every connection of this worker busy for too long
    def database_unavailable(exc: Exception) -> Response | tuple[str, int, dict[str, str]]:
        """The database is down or busy: nothing was stored, so the same request can be retried."""
        db.session.rollback()
        log.error("database unavailable: %s", described(exc))
        message = "The database is not answering just now. Nothing was changed: try again."
        headers = {"Retry-After": "5"}
        if not request.path.startswith("/api/"):
            return render_template("message.html", title="Sorry", message=message), 503, headers
        return _json(503, error_body("unavailable", message), headers)
