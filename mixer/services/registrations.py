"""Registrations before the night: importing a ticketing tool's list (or previewing it), and
the organizer's list with where each person is (invited, joined by their link, arrived).

An import is all or nothing: any problem and nothing is stored, unless the organizer chose
to import the valid rows alone. A registration is one address per event: importing the same
file again changes nothing, and a second file adds only the people not there yet. The
existing addresses are read in one query and the new rows inserted in one statement, so
10,000 rows take a second, not minutes, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as N_
from sqlalchemy import case, func, insert, select

from ..domain.errors import Invalid
from ..domain.formats import registrations as csv_in
from ..domain.formats.rows import InvitationRecord
from ..domain.models import Attendee, Event, Registration, utcnow
from ..infra.cooperative import off_loop
from ..infra.extensions import db
from . import events, personal_links
from .locking import lock_event
from .publishing import finish
from .pushes import Outbox

FIRST_ROWS = 10  # rows a preview shows
PAGE = 500  # rows per page of the mail-merge export
# No column for these, said whole (with the file's headers and how to name the columns).
COLUMNS_UNKNOWN = {
    ("name",): N_(
        "No column for the name was recognised. The file's headers: %(headers)s. Say which"
        " column is which (name, or first_name and last_name; email)."
    ),
    ("email",): N_(
        "No column for the email address was recognised. The file's headers: %(headers)s. Say"
        " which column is which (name, or first_name and last_name; email)."
    ),
    ("name", "email"): N_(
        "No column for the name and the email address was recognised. The file's headers:"
        " %(headers)s. Say which column is which (name, or first_name and last_name; email)."
    ),
}


@dataclass
class ImportResult:
    reading: csv_in.Reading
    new: list[csv_in.Row]
    unchanged: int
    preview: bool
    refused: bool  # problems, and the organizer did not choose to import the valid rows alone

    @property
    def imported(self) -> int:
        return 0 if self.refused else len(self.new)


def _reading(data: bytes, mapping: Mapping[str, str]) -> csv_in.Reading:
    """The file read in a thread under gevent: 10,000 rows are ~0.2 s of CPU, which on the
    server's one loop would stall every socket for as long."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        return off_loop(app, csv_in.read, data, dict(mapping))
    except csv_in.Unreadable as exc:
        raise Invalid("unreadable", gettext(exc.template, **exc.params)) from exc
    except csv_in.UnknownHeader as exc:
        message = gettext(exc.template, **exc.params)
        raise Invalid("unknown_column", message, {exc.role: message}) from exc


def columns_unknown(reading: csv_in.Reading) -> Invalid:
    """No column for the name or the address: say which, and the headers the file has."""
    found = ", ".join(f'"{h}"' for h in reading.headers if h) or gettext("none")
    message = str(COLUMNS_UNKNOWN[tuple(reading.missing)]) % {"headers": found}
    return Invalid("columns_unknown", message, dict.fromkeys(reading.missing, message))


def _keys(event: Event) -> set[str]:
    """Every address already registered for the event, as compared: one query."""
    query = select(Registration.email_key).where(Registration.event_id == event.id)
    return set(db.session.scalars(query).all())


def import_registrations(
    code: str, data: bytes, mapping: Mapping[str, str], *, preview: bool, valid_only: bool
) -> ImportResult:
    """Read the file; unless it is a preview or refused, store the new people at once."""
    event = events.get_event(code)
    reading = _reading(data, mapping)
    if reading.missing and not preview:
        raise columns_unknown(reading)
    refused = bool(reading.problems) and not valid_only
    if not preview and not refused:
        event = lock_event(code)  # two imports at once: the second sees the first's rows
    existing = _keys(event)
    new = [row for row in reading.rows if personal_links.email_key(row.email) not in existing]
    result = ImportResult(reading, new, len(reading.rows) - len(new), preview, refused)
    if preview or refused:
        db.session.rollback()
        return result
    if new:
        now = utcnow()
        db.session.execute(insert(Registration), [_values(event, row, now) for row in new])
    finish(event, Outbox(event), numbers=False)
    return result


def _values(event: Event, row: csv_in.Row, now: object) -> dict[str, object]:
    key = personal_links.email_key(row.email)
    return {
        "event_id": event.id, "name": row.name, "email": row.email, "email_key": key,
        "headline": row.headline, "token_hash": personal_links.token_hash_for(event, key),
        "created_at": now, "invitations_sent": 0,
    }  # fmt: skip


# Where someone is: arrived (checked in), joined (their phone signed in by the link), invited.
STATUS = case(
    (Attendee.arrived_at.is_not(None), "arrived"),
    (Registration.attendee_id.is_not(None), "joined"),
    else_="invited",
)


def _of(event: Event) -> object:
    return (
        select(Registration, STATUS.label("status"))
        .outerjoin(Attendee, Attendee.id == Registration.attendee_id)
        .where(Registration.event_id == event.id)
    )


def registrations(
    code: str, status: str | None = None, limit: int | None = None
) -> tuple[list[tuple[Registration, str]], dict[str, int]]:
    """The event's registrations (of one status, the first `limit`), and the counts of all."""
    event = events.get_event(code)
    query = _of(event).order_by(Registration.id)  # type: ignore[attr-defined]
    if status is not None:
        query = query.where(STATUS == status)  # noqa: SIM300  (a SQL expression)
    if limit is not None:
        query = query.limit(limit)
    rows = [(row, str(state)) for row, state in db.session.execute(query).all()]
    counted = (
        select(STATUS, func.count())
        .select_from(Registration)
        .outerjoin(Attendee, Attendee.id == Registration.attendee_id)
        .where(Registration.event_id == event.id)
        .group_by(STATUS)
    )
    counts = dict.fromkeys(("invited", "joined", "arrived"), 0)
    counts |= {str(state): int(n) for state, n in db.session.execute(counted).all()}
    counts["total"] = sum(counts.values())
    return rows, counts


def invitation_pages(event: Event) -> Iterator[list[InvitationRecord]]:
    """The mail-merge rows (name, email, personal link) a page at a time, in import order."""
    last = 0
    while True:
        page = db.session.scalars(
            select(Registration)
            .where(Registration.event_id == event.id, Registration.id > last)
            .order_by(Registration.id)
            .limit(PAGE)
        ).all()
        if not page:
            return
        last = page[-1].id
        rows = [InvitationRecord(r.name, r.email, personal_links.link_for(event, r)) for r in page]
        for registration in page:  # not kept for the rest of a long streamed answer
            db.session.expunge(registration)
        yield rows
