"""Exports speak the event's language and give its times in the event's time zone."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import vobject
from sqlalchemy import update

from mixer.domain.models import Event
from mixer.infra.extensions import db
from tests.api.test_api_exports import SHARING, accepted_pair, export
from tests.api.test_invitations_mail import Mailbox, imported, mailbox, send
from tests.conftest import Room

GERMAN = {"language": "de", "time_zone": "Europe/Berlin"}
__all__ = ["mailbox"]  # the SMTP server fixture, shared with the invitations' tests


def start_at(room: Room, start: datetime) -> None:
    """The event's start, stored as naive UTC (the API sets it only at creation)."""
    with room.app.app_context():
        db.session.execute(update(Event).where(Event.code == room.code).values(starts_at=start))
        db.session.commit()


def settle(room: Room, **settings: object) -> None:
    answer = room.organizer.patch(
        f"/api/v1/events/{room.code}", json=settings, headers=room.org_headers()
    )
    assert answer.status_code == 200, answer.json


def rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff") and text.endswith("\r\n")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_a_german_event_gives_german_headers_berlin_times_and_a_german_card(room: Room) -> None:
    settle(room, **GERMAN)
    start_at(room, datetime(2025, 3, 14, 23, 30))  # 00:30 on the 15th in Berlin
    _giver, seeker, _ = accepted_pair(room, **SHARING)
    header, *table = rows(export(room, "attendees.csv").get_data(as_text=True))
    assert header[:3] == ["ID", "Name", "Kurzprofil"] and "Beigetreten am" in header
    assert len(header) == 13  # the same columns in the same order
    joined = table[0][header.index("Beigetreten am")]
    assert joined.endswith(("+01:00", "+02:00"))  # the venue's clock with its offset
    assert table[0][header.index("Mentor:in")] in ("ja", "nein")
    intro_header = rows(export(room, "introductions.csv").get_data(as_text=True))[0]
    assert intro_header[:3] == ["ID", "Erstellt am", "Status"]
    impact = rows(export(room, "impact.csv").get_data(as_text=True))
    assert impact[0] == ["Kennzahl", "Wert"]
    assert impact[1][0] == "Vorgeschlagene Vorstellungen"
    archive = export(room, "event.json").json
    assert archive["event"]["starts_at"] == "2025-03-15T00:30:00+01:00"
    assert "language" not in archive["event"] or archive["event"]["language"] == "de"

    card = seeker.client.get("/api/v1/me/contacts.vcf", headers=seeker.headers())
    [parsed] = vobject.readComponents(card.get_data(as_text=True))
    assert parsed.note.value == (
        "Kennengelernt bei Test Mixer am 15. März 2025, 00:30, Themen: hiring, design."
    )  # Berlin's date: in UTC it was still the 14th
    mine = seeker.client.get("/api/v1/me/contacts.csv", headers=seeker.headers())
    assert rows(mine.get_data(as_text=True))[0][:3] == ["Name", "Kurzprofil", "E-Mail"]


def test_arabic_headers_are_readable_utf8_with_a_bom(room: Room) -> None:
    settle(room, language="ar")
    body = export(room, "attendees.csv").data
    assert body.startswith("\ufeff".encode())
    header = rows(body.decode("utf-8"))[0]
    assert header[:2] == ["المعرّف", "الاسم"]


def test_english_stays_the_default_and_lang_asks_for_another(room: Room) -> None:
    _giver, seeker, _ = accepted_pair(room, **SHARING)
    header = rows(export(room, "attendees.csv").get_data(as_text=True))[0]
    assert header[:3] == ["id", "name", "headline"] and header[9] == "joined_at"
    settle(room, **GERMAN)
    french = room.organizer.get(
        f"/api/v1/events/{room.code}/export/attendees.csv?lang=fr", headers=room.org_headers()
    )
    assert rows(french.get_data(as_text=True))[0][:3] == ["ID", "Nom", "Accroche"]
    cards = seeker.client.get("/api/v1/me/contacts.vcf?lang=fr", headers=seeker.headers())
    [card] = vobject.readComponents(cards.get_data(as_text=True))
    assert card.note.value == "Rencontre à Test Mixer autour de : hiring, design."


def test_the_invitation_speaks_the_events_language_whatever_the_organizer_reads(
    room: Room, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    settle(room, language="ar", time_zone="Asia/Dubai")
    start_at(room, datetime(2025, 3, 14, 16, 0))  # 20:00 in Dubai
    imported(room, port)
    room.organizer.set_cookie("mixer_lang", "fr")  # the organizer's own language: not the mail's
    assert send(room).json["sent"] == 3
    ben = next(m for m in box.messages if "ben@" in str(m["To"]))
    assert str(ben["Subject"]) == "رابطك الشخصي لفعالية Test Mixer"
    text = ben.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = ben.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "مرحبًا Ben،" in text and "تم تسجيلك في Test Mixer" in text
    assert "الجمعة، 14 مارس 2025، 8:00 م" in text  # Dubai's evening, not UTC's 16:00
    assert "16:00" not in text and '<html lang="ar" dir="rtl">' in html
