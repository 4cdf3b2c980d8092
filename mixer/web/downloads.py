"""Downloads: the organizer's CSV and JSON records, and each attendee's mutual contacts.

Every file speaks the event's language (its headers, yes and no, the cards' note) unless
`?lang=xx` asks for another, and gives its times in the event's time zone (see
mixer.services.exports). The organizer's files are under the event's code, so
mixer.web.language chooses that language for them; an attendee's files are under `/me`,
so the event is known only here, and its language is forced for their making.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from flask import Blueprint, Response, request, stream_with_context
from flask_babel import force_locale

from ..domain.formats import archive, spreadsheet, vcard
from ..domain.formats.rows import (
    AttendeeRecord,
    ContactRecord,
    IntroductionRecord,
    InvitationRecord,
)
from ..domain.formats.text import safe_filename
from ..domain.languages import SHIPPED
from ..domain.models import Event, utcnow
from ..infra.cooperative import let_others_run
from ..services import events, exports, impact, registrations
from ..services import records as rows
from . import auth

bp = Blueprint("exports", __name__, url_prefix="/api/v1")


def download(body: str | Iterable[str], media: str, stem: str, suffix: str) -> Response:
    """A file to save, never to keep in a cache: it holds personal data. Its name is
    `stem` made safe for the header (see `safe_filename`), then `suffix`."""
    response = Response(body, content_type=media)
    filename = safe_filename(stem, suffix)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def streamed(chunks: Iterable[str]) -> Iterator[str]:
    """A big export sent piece by piece, letting others run between pieces: built whole,
    a 10,000-person room's file held the server's only loop for over a second."""
    for chunk in chunks:
        yield chunk
        let_others_run()


def stream(chunks: Iterable[str]) -> Iterator[str]:
    """`streamed` with the request's context (and database session) kept to the end."""
    return stream_with_context(streamed(chunks))


def organizer_event(code: str) -> Event:
    """An unknown event is 404 before anything else; then only its own organizer may pass."""
    events.get_event(code)
    return auth.current_organizer(code)


def organizer_csv(
    code: str, kind: type[Any], pages: Callable[[Event], Iterable[list[Any]]], name: str
) -> Response:
    """One of the organizer's tables, `kind` rows read page by page and sent as they come
    (its words chosen now: the rows are written after the view has returned)."""
    event = organizer_event(code)
    chunks = spreadsheet.csv_chunks(kind, pages(event), exports.header(kind), exports.style(event))
    return download(stream(chunks), spreadsheet.CSV_MEDIA, f"{event.code}-{name}", ".csv")


def room_language(event: Event) -> str:
    """The language of a file about this event: `?lang=xx` if it asks for one we ship, else
    the event's own."""
    asked = request.args.get("lang", "")
    return asked if asked in SHIPPED else event.language


def my_contacts(render: Callable[[list[ContactRecord], Event], str], media: str, suffix: str
                ) -> Response:  # fmt: skip
    """The people who accepted the asking attendee back and share, in one file format."""
    person = auth.current_attendee()
    with force_locale(room_language(person.event)):
        body = render(rows.mutual_contacts(person), person.event)
    return download(body, media, f"{person.event.name} contacts", suffix)


def contact_cards(contacts: list[ContactRecord], event: Event) -> str:
    return vcard.vcards(contacts, exports.note(event))


def contact_table(contacts: list[ContactRecord], event: Event) -> str:
    header = exports.header(ContactRecord)
    return spreadsheet.contacts_csv(contacts, header, exports.style(event))


@bp.get("/events/<code>/export/attendees.csv")
def attendees_csv(code: str) -> Response:
    """Organizer: everyone still in the event; contact fields only where shared."""
    return organizer_csv(code, AttendeeRecord, rows.attendee_pages, "attendees")


@bp.get("/events/<code>/export/introductions.csv")
def introductions_csv(code: str) -> Response:
    """Organizer: every introduction and how it ended."""
    return organizer_csv(code, IntroductionRecord, rows.introduction_pages, "introductions")


@bp.get("/events/<code>/export/invitations.csv")
def invitations_csv(code: str) -> Response:
    """Organizer: the registrations for a mail merge: name, email and personal link."""
    return organizer_csv(code, InvitationRecord, registrations.invitation_pages, "invitations")


@bp.get("/events/<code>/export/event.json")
def event_json(code: str) -> Response:
    """Organizer: the whole event as one JSON archive."""
    event = organizer_event(code)
    chunks = archive.archive_json_chunks(
        rows.event_row(event),
        rows.attendee_pages(event),
        rows.introduction_pages(event),
        rows.round_rows(event),
        exported_at=utcnow(),
        zone=exports.zone(event),
    )
    return download(stream(chunks), archive.JSON_MEDIA, f"{event.code}-event", ".json")


@bp.get("/events/<code>/export/impact.csv")
def impact_csv(code: str) -> Response:
    """Organizer: what came of the evening, one metric a row (counts only, never names)."""
    event = organizer_event(code)
    figures = impact.impact(event).model_dump(mode="json")
    header = [exports.column(name) for name in spreadsheet.METRIC_HEADER]
    body = spreadsheet.metrics_csv(figures, header, impact.csv_label)
    return download(body, spreadsheet.CSV_MEDIA, f"{event.code}-impact", ".csv")


@bp.get("/me/contacts.vcf")
def contacts_vcf() -> Response:
    """Attendee: the people who accepted me back and share, as cards for an address book."""
    return my_contacts(contact_cards, vcard.VCARD_MEDIA, ".vcf")


@bp.get("/me/contacts.csv")
def contacts_csv() -> Response:
    """Attendee: the same people as a spreadsheet."""
    return my_contacts(contact_table, spreadsheet.CSV_MEDIA, ".csv")
