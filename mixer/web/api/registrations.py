"""Registrations before the night, the organizer's: import a ticketing tool's CSV (or preview
it), list them with where each person is, and mail everyone their personal link."""

from __future__ import annotations

from flask import Response, current_app, jsonify, request
from flask_babel import gettext, ngettext
from werkzeug.exceptions import RequestEntityTooLarge

from ...domain.formats.columns import ROLES
from ...domain.models.registration import REGISTRATION_STATUSES
from ...services import events, invitations, registrations
from ...shapes.registrations import (
    FailedMail,
    ImportOut,
    InvitationsIn,
    InvitationsOut,
    PreviewRow,
    ProblemOut,
    RegistrationList,
    RegistrationOut,
)
from .. import auth, limits
from ..errors import ApiError, error_body
from .blueprint import bp, parse, reply

# What browsers and tools call a CSV file (Excel's own name on Windows, plain text elsewhere).
CSV_TYPES = {"text/csv", "application/csv", "application/vnd.ms-excel", "text/plain",
             "text/tab-separated-values", "text/comma-separated-values"}  # fmt: skip
MAX_HEADER = 200  # a header named in the query: longer names no column


def _flag(name: str) -> bool:
    value = request.args.get(name, "0").strip().lower()
    if value not in ("0", "1", "true", "false", ""):
        raise ApiError(
            422,
            "invalid",
            gettext("Use %(name)s=1 or %(name)s=0.", name=name),
            {name: gettext("Use 1 or 0.")},
        )
    return value in ("1", "true")


def _mapping() -> dict[str, str]:
    """The columns the organizer named: role → header text, as query parameters."""
    named = {role: request.args[role] for role in ROLES if request.args.get(role, "").strip()}
    for role, header in named.items():
        if len(header) > MAX_HEADER or "\x00" in header:
            raise ApiError(
                422, "invalid", gettext("No column has such a name."), {role: gettext("Too long.")}
            )
    return named


def _csv_body() -> bytes:
    """The upload, up to MIXER_MAX_IMPORT_LENGTH (this route only: the API keeps its limit)."""
    if request.mimetype not in CSV_TYPES:
        raise ApiError(
            415,
            "unsupported_media_type",
            gettext("Send the CSV file with Content-Type: text/csv."),
        )
    limit = int(current_app.config["MAX_IMPORT_LENGTH"])
    request.max_content_length = limit
    try:
        return request.get_data(cache=False)
    except RequestEntityTooLarge as exc:
        megabytes = f"{limit / 1024 / 1024:.3g} MB"
        message = gettext(
            "The file is larger than %(size)s: split it and import each part.", size=megabytes
        )
        raise ApiError(413, "too_large", message) from exc


@bp.post("/events/<code>/registrations")
@limits.imports
def import_registrations(code: str) -> tuple[Response, int]:
    """Organizer: import (or with preview=1 only check) a ticketing tool's CSV export."""
    events.get_event(code)
    auth.current_organizer(code)
    mapping, preview, valid_only = _mapping(), _flag("preview"), _flag("valid_only")
    result = registrations.import_registrations(
        code, _csv_body(), mapping, preview=preview, valid_only=valid_only
    )
    reading = result.reading
    problems = [
        ProblemOut(row=p.row, message=gettext(p.template, **p.params)) for p in reading.problems
    ]
    if result.refused and not preview:
        many = len({p.row for p in reading.problems})
        message = ngettext(
            "%(num)s row needs fixing: nothing was imported. Fix it and import again, or"
            " import the valid rows only.",
            "%(num)s rows need fixing: nothing was imported. Fix them and import again, or"
            " import the valid rows only.",
            many,
        )
        body = error_body("problems", message) | {"problems": [p.model_dump() for p in problems]}
        return jsonify(body), 422
    fresh = {row.row for row in result.new}
    first = [
        PreviewRow(row=r.row, name=r.name, email=r.email, headline=r.headline, new=r.row in fresh)
        for r in reading.rows[: registrations.FIRST_ROWS]
    ]
    return reply(
        ImportOut(
            imported=len(result.new) if preview else result.imported, unchanged=result.unchanged,
            problems=problems, preview=preview, rows=reading.total, first=first,
            headers=reading.headers, mapping=reading.mapping, missing=reading.missing,
        )
    )  # fmt: skip


def _limit() -> int | None:
    raw = request.args.get("limit")
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit()) or int(raw) > 1_000_000:
        said = gettext("Use a whole number.")
        raise ApiError(422, "invalid", said, {"limit": said})
    return int(raw)


@bp.get("/events/<code>/registrations")
def list_registrations(code: str) -> tuple[Response, int]:
    """Organizer: the registrations, with where each person is, and the counts by status."""
    events.get_event(code)
    auth.current_organizer(code)
    status = request.args.get("status")  # absent: all; empty or another word: 422
    if status is not None and status not in REGISTRATION_STATUSES:
        choices = ", ".join(REGISTRATION_STATUSES)
        said = gettext("Choose %(choices)s.", choices=choices)
        raise ApiError(422, "invalid", said, {"status": said})
    rows, counts = registrations.registrations(code, status, _limit())
    listed = [
        RegistrationOut(
            id=r.id, name=r.name, email=r.email, headline=r.headline, status=state,  # type: ignore[arg-type]
            created_at=r.created_at, invited_at=r.invited_at, invitations_sent=r.invitations_sent,
        )
        for r, state in rows
    ]  # fmt: skip
    mail = invitations.mail_configured()
    return reply(RegistrationList(registrations=listed, counts=counts, mail=mail))


@bp.post("/events/<code>/invitations")
@limits.imports
def send_invitations(code: str) -> tuple[Response, int]:
    """Organizer: mail each registration not invited yet its personal link."""
    events.get_event(code)
    auth.current_organizer(code)
    again = parse(InvitationsIn).again
    done = invitations.send_invitations(code, again)
    failed = [FailedMail(email=email, message=said) for email, said in done.failed]
    return reply(InvitationsOut(sent=done.sent, skipped=done.skipped, failed=failed))
