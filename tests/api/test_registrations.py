"""Importing registrations from ticketing tools' CSV exports, listing them, the mail merge."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from werkzeug.test import TestResponse

from mixer.domain.models import Registration
from mixer.infra.extensions import db
from tests.conftest import Room

EVENTBRITE = (
    "Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Job Title,Company\r\n"
    "101,2026-11-02,Ana,Lopez,ana@example.com,1,General,CTO,Acme\r\n"
    "102,2026-11-02,Ben,Okafor,ben@example.com,1,General,,Globex\r\n"
    "103,2026-11-03,Cleo,Park,cleo@example.com,1,Student,Student,\r\n"
)


def upload(
    room: Room, body: str | bytes, media: str = "text/csv", headers: Any = None, **query: str
) -> TestResponse:
    data = body.encode() if isinstance(body, str) else body
    client = room.organizer if headers is None else room.app.test_client()
    return client.post(
        f"/api/v1/events/{room.code}/registrations",
        data=data,
        content_type=media,
        query_string=query,
        headers=room.org_headers() if headers is None else headers,
    )


def stored(room: Room) -> list[tuple[str, str, str]]:
    with room.app.app_context():
        rows = db.session.scalars(db.select(Registration).order_by(Registration.id)).all()
        return [(r.name, r.email, r.headline) for r in rows]


def listing(room: Room, **query: str) -> dict[str, Any]:
    response = room.organizer.get(
        f"/api/v1/events/{room.code}/registrations", query_string=query, headers=room.org_headers()
    )
    assert response.status_code == 200, response.json
    return response.json


def test_an_eventbrite_export_is_imported_and_listed(room: Room) -> None:
    answer = upload(room, EVENTBRITE)
    assert answer.status_code == 200, answer.json
    assert answer.json["imported"] == 3 and answer.json["unchanged"] == 0
    assert answer.json["problems"] == [] and answer.json["preview"] is False
    assert answer.json["mapping"] == {"first_name": "First Name", "last_name": "Last Name",
        "email": "Email", "headline": "Job Title", "organisation": "Company"}  # fmt: skip
    assert stored(room) == [
        ("Ana Lopez", "ana@example.com", "CTO, Acme"),
        ("Ben Okafor", "ben@example.com", "Globex"),
        ("Cleo Park", "cleo@example.com", "Student"),
    ]
    listed = listing(room)
    assert listed["counts"] == {"invited": 3, "joined": 0, "arrived": 0, "total": 3}
    assert [r["status"] for r in listed["registrations"]] == ["invited"] * 3
    assert listed["mail"] is False
    assert listing(room, status="joined")["registrations"] == []
    assert len(listing(room, limit="1")["registrations"]) == 1
    for odd in ("²", "-1", "1.5", "ten", "9" * 8):  # a clear 422, never a 500
        response = room.organizer.get(
            f"/api/v1/events/{room.code}/registrations",
            query_string={"limit": odd},
            headers=room.org_headers(),
        )
        assert response.status_code == 422, odd


@pytest.mark.parametrize(
    ("data", "media"),
    [
        (("\ufeff" + EVENTBRITE).encode(), "text/csv"),
        (EVENTBRITE.encode("utf-16"), "text/plain"),  # Excel's "Unicode text", BOM first
        (EVENTBRITE.replace(",", ";").encode("cp1252"), "application/vnd.ms-excel"),
        (EVENTBRITE.replace(",", "\t").encode(), "text/csv"),
    ],
    ids=["utf8-bom", "utf16", "semicolons-cp1252", "tabs"],
)
def test_encodings_and_separators_of_real_exports(room: Room, data: bytes, media: str) -> None:
    answer = upload(room, data, media)
    assert answer.status_code == 200, answer.json
    assert answer.json["imported"] == 3
    assert stored(room)[0] == ("Ana Lopez", "ana@example.com", "CTO, Acme")


def test_quoted_newlines_and_columns_in_any_order_keep_spreadsheet_row_numbers(room: Room) -> None:
    text = (
        'E-mail,"Full\nName",Notes\n'
        'ana@example.com,"Ana\nLopez","line one\nline two"\n'
        "not-an-address,Ben,\n"
    )
    answer = upload(room, text, valid_only="1")
    assert answer.status_code == 200, answer.json
    assert answer.json["problems"] == [
        {"row": 3, "message": '"not-an-address" is not an email address.'}
    ]
    assert stored(room) == [("Ana Lopez", "ana@example.com", "")]


def test_german_french_and_spanish_headers(room: Room) -> None:
    german = "Vorname;Nachname;E-Mail-Adresse;Unternehmen;Berufsbezeichnung\nJörg;Müller;j@example.de;ACME GmbH;Leiter\n"  # noqa: E501
    french = "Prénom,Nom,Adresse e-mail,Société,Poste\nÉlodie,Roux,e@example.fr,Sopra,Cheffe\n"
    spanish = (
        "Nombre,Apellidos,Correo electrónico,Empresa,Cargo\nJosé,Pérez,j@example.es,Indra,Jefe\n"
    )
    for text in (german, french, spanish):
        assert upload(room, text).json["imported"] == 1
    assert stored(room) == [
        ("Jörg Müller", "j@example.de", "Leiter, ACME GmbH"),
        ("Élodie Roux", "e@example.fr", "Cheffe, Sopra"),
        ("José Pérez", "j@example.es", "Jefe, Indra"),
    ]


def test_unknown_columns_are_named_in_the_preview_and_mapped_by_query(room: Room) -> None:
    text = "Teilnehmer*in,Kontakt,Rolle\nAna Lopez,ana@example.com,CTO\n"
    preview = upload(room, text, preview="1")
    assert preview.status_code == 200
    assert preview.json["missing"] == ["email"] or preview.json["missing"] == ["name", "email"]
    assert preview.json["headers"] == ["Teilnehmer*in", "Kontakt", "Rolle"]
    refused = upload(room, text)
    assert refused.status_code == 422
    assert refused.json["error"]["code"] == "columns_unknown"
    assert '"Kontakt"' in refused.json["error"]["message"]
    mapped = upload(room, text, name="Teilnehmer*in", email="Kontakt", headline="Rolle")
    assert mapped.status_code == 200, mapped.json
    assert mapped.json["mapping"] == {
        "name": "Teilnehmer*in",
        "email": "Kontakt",
        "headline": "Rolle",
    }
    assert stored(room) == [("Ana Lopez", "ana@example.com", "CTO")]
    wrong = upload(room, text, email="Telefon")
    assert wrong.status_code == 422 and wrong.json["error"]["code"] == "unknown_column"


def test_problems_refuse_the_whole_file_unless_valid_rows_only(room: Room) -> None:
    text = (
        "Name,Email,Headline\n"
        "Ana,ana@example.com,\n"
        ",nobody@example.com,\n"  # row 3: no name
        "Ben,ANA@Example.com,\n"  # row 4: the same address, another case
        "Cleo,cleo@,\n"  # row 5
        f"{'D' * 81},d@example.com,\n"  # row 6
        f"Eve,eve@example.com,{'h' * 121}\n"  # row 7
        "Fay,,\n"  # row 8
    )
    refused = upload(room, text)
    assert refused.status_code == 422
    assert refused.json["error"]["code"] == "problems"
    assert [p["row"] for p in refused.json["problems"]] == [3, 4, 5, 6, 7, 8]
    messages = {p["row"]: p["message"] for p in refused.json["problems"]}
    assert messages[3] == "No name." and messages[4] == "The same address as row 2."
    assert "name is too long" in messages[6] and "headline is too long" in messages[7]
    assert messages[8] == "No email address."
    assert stored(room) == []
    valid = upload(room, text, valid_only="1")
    assert valid.status_code == 200 and valid.json["imported"] == 1
    assert len(valid.json["problems"]) == 6
    assert stored(room) == [("Ana", "ana@example.com", "")]


def test_a_preview_stores_nothing_and_a_reimport_changes_nothing(room: Room) -> None:
    preview = upload(room, EVENTBRITE, preview="1")
    assert preview.json["imported"] == 3 and preview.json["rows"] == 3
    assert [r["name"] for r in preview.json["first"]] == ["Ana Lopez", "Ben Okafor", "Cleo Park"]
    assert stored(room) == []
    assert upload(room, EVENTBRITE).json["imported"] == 3
    again = upload(room, EVENTBRITE.replace("ana@", "ANA@"))
    assert again.json["imported"] == 0 and again.json["unchanged"] == 3
    second = EVENTBRITE + "104,2026-11-04,Dan,Wu,dan@example.com,1,General,Dev,Initech\r\n"
    first = upload(room, second).json
    assert (first["imported"], first["unchanged"]) == (1, 3)
    assert [r["new"] for r in first["first"]] == [False, False, False, True]
    assert (upload(room, second).json["imported"], upload(room, second).json["unchanged"]) == (0, 4)
    assert [row[0] for row in stored(room)] == ["Ana Lopez", "Ben Okafor", "Cleo Park", "Dan Wu"]


def test_ten_thousand_rows(room: Room) -> None:
    lines = ["First Name,Last Name,Email,Company"]
    lines += [f"Person{i},Last{i},p{i}@example.com,Company {i % 50}" for i in range(10_000)]
    text = "\r\n".join(lines) + "\r\n"
    assert upload(room, text, preview="1").json["imported"] == 10_000
    assert upload(room, text).json["imported"] == 10_000
    assert upload(room, text).json["unchanged"] == 10_000
    assert listing(room, limit="0")["counts"]["total"] == 10_000
    mail_merge = room.organizer.get(
        f"/api/v1/events/{room.code}/export/invitations.csv", headers=room.org_headers()
    )
    assert mail_merge.get_data(as_text=True).count("\r\n") == 10_001


@pytest.mark.parametrize("app", ["sqlite"], indirect=True)
def test_size_and_type_are_refused_as_json(room: Room) -> None:
    room.app.config["MAX_IMPORT_LENGTH"] = 1000
    big = upload(room, EVENTBRITE + "x" * 1000)
    assert big.status_code == 413 and big.json["error"]["code"] == "too_large"
    assert upload(room, EVENTBRITE).status_code == 200  # over the API's limit is fine here
    wrong = upload(room, b"%PDF-1.4", "application/pdf")
    assert wrong.status_code == 415 and wrong.json["error"]["code"] == "unsupported_media_type"
    as_json = room.organizer.post(
        f"/api/v1/events/{room.code}/registrations", json={"a": 1}, headers=room.org_headers()
    )
    assert as_json.status_code == 415
    assert upload(room, b"").status_code == 422
    assert upload(room, b"\xff\xfe\x00").status_code == 422
    assert upload(room, EVENTBRITE, preview="maybe").status_code == 422
    assert (
        room.organizer.post(  # the rest of the API keeps its own limit
            "/api/v1/events", json={"name": "x" * 70_000}
        ).status_code
        == 413
    )


def test_only_this_events_organizer_may_import_list_or_export(room: Room) -> None:
    phone = room.join("Sam", "seek", ["design"], ["hiring"])
    other = Room(room.app)
    upload(room, EVENTBRITE)
    for who in (phone.headers(), other.org_headers(), {}):
        assert upload(room, EVENTBRITE, headers=who).status_code in (401, 403)
        client = room.app.test_client()
        for path in ("registrations", "export/invitations.csv"):
            answer = client.get(f"/api/v1/events/{room.code}/{path}", headers=who)
            assert answer.status_code in (401, 403), path
    assert len(stored(room)) == 3


def test_the_mail_merge_csv_holds_name_email_and_a_defused_personal_link(room: Room) -> None:
    upload(room, 'Name,Email\n"=HYPERLINK(""http://evil"")",ana@example.com\nBen,ben@example.com\n')
    response = room.organizer.get(
        f"/api/v1/events/{room.code}/export/invitations.csv", headers=room.org_headers()
    )
    assert response.status_code == 200
    assert response.content_type == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert [r["name"] for r in rows] == ['\'=HYPERLINK("http://evil")', "Ben"]
    assert rows[1]["email"] == "ben@example.com"
    assert rows[0]["link"].startswith("http") and "/r/" in rows[0]["link"]
    again = room.organizer.get(
        f"/api/v1/events/{room.code}/export/invitations.csv", headers=room.org_headers()
    )
    assert again.get_data(as_text=True) == text  # links are derived: the same every time


@pytest.mark.parametrize("app", ["sqlite"], indirect=True)
def test_imports_are_rate_limited_per_organizer(room: Room) -> None:
    room.app.config["LIMIT_IMPORTS"] = "2 per minute"
    statuses = [upload(room, EVENTBRITE, preview="1").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = upload(room, EVENTBRITE)
    assert refused.json["error"]["code"] == "too_many_requests" and "Retry-After" in refused.headers
