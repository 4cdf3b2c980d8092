"""Downloads: the organizer's CSV and JSON records, and each attendee's mutual contacts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from flask import Blueprint, Response, stream_with_context

from ..domain import formats as fmt
from ..domain.models import Event, utcnow
from ..infra.cooperative import let_others_run
from ..services import events
from ..services import records as rows
from . import auth

bp = Blueprint("exports", __name__, url_prefix="/api/v1")


def download(body: str | Iterable[str], media: str, filename: str) -> Response:
    """A file to save, never to keep in a cache: it holds personal data."""
    response = Response(body, content_type=media)
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


@bp.get("/events/<code>/export/attendees.csv")
def attendees_csv(code: str) -> Response:
    """Organizer: everyone still in the event; contact fields only where shared."""
    event = organizer_event(code)
    body = stream(fmt.csv_chunks(fmt.AttendeeRow, rows.attendee_pages(event)))
    return download(body, fmt.CSV_MEDIA, fmt.safe_filename(f"{event.code}-attendees", ".csv"))


@bp.get("/events/<code>/export/introductions.csv")
def introductions_csv(code: str) -> Response:
    """Organizer: every introduction and how it ended."""
    event = organizer_event(code)
    body = stream(fmt.csv_chunks(fmt.IntroductionRow, rows.introduction_pages(event)))
    return download(body, fmt.CSV_MEDIA, fmt.safe_filename(f"{event.code}-introductions", ".csv"))


@bp.get("/events/<code>/export/event.json")
def event_json(code: str) -> Response:
    """Organizer: the whole event as one JSON archive."""
    event = organizer_event(code)
    chunks = fmt.archive_json_chunks(
        rows.event_row(event),
        rows.attendee_pages(event),
        rows.introduction_pages(event),
        rows.round_rows(event),
        exported_at=utcnow(),
    )
    name = fmt.safe_filename(f"{event.code}-event", ".json")
    return download(stream(chunks), fmt.JSON_MEDIA, name)


@bp.get("/me/contacts.vcf")
def contacts_vcf() -> Response:
    """Attendee: the people who accepted me back and share, as cards for an address book."""
    person = auth.current_attendee()
    body = fmt.vcards(rows.mutual_contacts(person))
    name = fmt.safe_filename(f"{person.event.name} contacts", ".vcf")
    return download(body, fmt.VCARD_MEDIA, name)


@bp.get("/me/contacts.csv")
def contacts_csv() -> Response:
    """Attendee: the same people as a spreadsheet."""
    person = auth.current_attendee()
    body = fmt.contacts_csv(rows.mutual_contacts(person))
    name = fmt.safe_filename(f"{person.event.name} contacts", ".csv")
    return download(body, fmt.CSV_MEDIA, name)
