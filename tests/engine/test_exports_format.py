"""Export formats without an app: CSV as Excel needs it, vCard 3.0 that address books read."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest
import vobject

from mixer.domain.formats.archive import archive_json
from mixer.domain.formats.rows import (
    Archive,
    AttendeeRecord,
    ContactRecord,
    EventRecord,
    IntroductionRecord,
    RoundRecord,
)
from mixer.domain.formats.spreadsheet import BOM, attendees_csv, contacts_csv, introductions_csv
from mixer.domain.formats.text import safe_filename
from mixer.domain.formats.vcard import split_headline, vcards

JOINED = datetime(2025, 3, 12, 18, 30, 5, 123456)


def attendee(**changes: object) -> AttendeeRecord:
    base: dict[str, object] = {
        "id": 1, "name": "Gia Lead", "headline": "CTO at Acme", "intent": "give",
        "offers": ["hiring", "leadership"], "seeks": ["design systems"], "presence": "here",
        "capacity": 3, "mentor": False, "joined_at": JOINED, "email": "gia@example.com",
        "phone": "", "profile_url": "",
    }  # fmt: skip
    return AttendeeRecord(**(base | changes))  # type: ignore[arg-type]


def contact(**changes: object) -> ContactRecord:
    base: dict[str, object] = {
        "name": "Gia Lead", "headline": "CTO at Acme", "email": "gia@example.com",
        "phone": "+44 20 7946 0958", "profile_url": "https://example.com/gia",
        "event": "Careers Night", "venue": "Main hall", "topics": ["hiring", "design systems"],
    }  # fmt: skip
    return ContactRecord(**(base | changes))  # type: ignore[arg-type]


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))


def test_csv_has_bom_crlf_header_and_every_field_quoted() -> None:
    text = attendees_csv([attendee()])
    assert text.startswith("\ufeff")
    body = text.removeprefix("\ufeff")
    assert body.endswith("\r\n")
    assert body.count("\r\n") == 2 and "\n" not in body.replace("\r\n", "")
    header, row = read_csv(text)
    assert header[:3] == ["id", "name", "headline"]
    assert header[-3:] == ["email", "phone", "profile_url"]
    record = dict(zip(header, row, strict=True))
    assert record["offers"] == "hiring; leadership"
    assert record["mentor"] == "no"
    assert record["joined_at"] == "2025-03-12T18:30:05+00:00"
    assert body.startswith('"id","name"')


def test_empty_export_still_has_its_header_row() -> None:
    assert read_csv(attendees_csv([])) == [list(AttendeeRecord.__dataclass_fields__)]
    [header] = read_csv(introductions_csv([]))
    assert "status" in header and "met_at" in header
    [header] = read_csv(contacts_csv([]))
    assert header == ["name", "headline", "email", "phone", "profile_url", "event", "venue",
                      "topics", "introduced_by"]  # fmt: skip


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\n", "\0"])
@pytest.mark.parametrize("before", ["", "\0", "\x1b", "\u2028", "\ufeff"])
def test_cells_that_a_spreadsheet_would_run_are_defused(before: str, start: str) -> None:
    """A control removed from the front cannot uncover a formula: cleaning comes first."""
    payload = f'{before}{start}HYPERLINK("http://evil.example","click")'
    text = attendees_csv([attendee(name=payload, headline=payload)])
    _, row = read_csv(text)
    for cell in row[1:3]:
        assert cell.endswith('HYPERLINK("http://evil.example","click")')
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n", "\0")), cell
        assert cell.startswith("'") or cell.startswith((" ", "H")), cell


@pytest.mark.parametrize("ordinary", ["Anne-Marie", " =leading space", "O'Neil", "hi@there", "3+4"])
def test_ordinary_text_is_left_alone(ordinary: str) -> None:
    _, row = read_csv(attendees_csv([attendee(name=ordinary)]))
    assert row[1] == ordinary


def test_a_phone_number_starting_with_plus_is_kept_as_text() -> None:
    _, row = read_csv(contacts_csv([contact()]))
    assert row[3] == "'+44 20 7946 0958"


def test_unicode_quotes_commas_and_newlines_round_trip() -> None:
    name = 'Zoë "Z" Ōkubo, Jr.; 李雷\nsecond line'
    text = contacts_csv([contact(name=name, topics=["café", "naïve, ok"])])
    _, row = read_csv(text)
    assert row[0] == name
    assert row[-2] == "café; naïve, ok"
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")


def test_introductions_csv_shows_outcomes_and_blank_cells_for_none() -> None:
    intro = IntroductionRecord(
        id=7, created_at=JOINED, status="declined", a_id=1, a_name="Gia", a_gets=["design"],
        b_id=2, b_name="Sam", b_gets=["hiring"], one_way=False, spot=None, round=None,
        accepted_at=None, met_at=None,
    )  # fmt: skip
    header, row = read_csv(introductions_csv([intro]))
    record = dict(zip(header, row, strict=True))
    assert record["status"] == "declined"
    assert record["spot"] == record["round"] == record["met_at"] == ""
    assert record["one_way"] == "no" and record["via"] == ""


def test_archive_json_has_every_part_and_iso_times() -> None:
    event = EventRecord(
        code="abc", name="Careers Night", venue="", starts_at=None, ends_at=None, status="closed",
        mode="rounds", topics=["hiring"], giver_capacity=3, meeting_spots=["Table 1"],
        created_at=JOINED, closed_at=None,
    )  # fmt: skip
    archive = Archive(event, [attendee()], [], [RoundRecord(1, JOINED, JOINED, 4)])
    data = json.loads(archive_json(archive, exported_at=JOINED))
    assert data["event"]["name"] == "Careers Night"
    assert data["attendees"][0]["joined_at"] == "2025-03-12T18:30:05+00:00"
    assert data["attendees"][0]["mentor"] is False
    assert data["rounds"] == [
        {"number": 1, "started_at": data["exported_at"], "ends_at": data["exported_at"],
         "introductions": 4}
    ]  # fmt: skip
    assert data["introductions"] == []


def parse_cards(text: str) -> list[vobject.base.Component]:
    return list(vobject.readComponents(text))


def test_vcard_is_version_3_with_crlf_and_every_field() -> None:
    text = vcards([contact()])
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert text.endswith("END:VCARD\r\n")
    assert "\n" not in text.replace("\r\n", "")
    [card] = parse_cards(text)
    assert card.version.value == "3.0"
    assert card.fn.value == "Gia Lead"
    assert (card.n.value.given, card.n.value.family) == ("Gia", "Lead")
    assert card.title.value == "CTO"
    assert card.org.value == ["Acme"]
    assert card.email.value == "gia@example.com"
    assert card.tel.value == "+44 20 7946 0958"
    assert card.url.value == "https://example.com/gia"
    assert card.note.value == "Met at Careers Night (Main hall) over hiring, design systems."


def test_vcard_names_with_special_characters_survive() -> None:
    name = "Zoë O'Neil, Jr.; back\\slash\nnext line"
    headline = "Head of Design, Europe; remote\\hybrid"
    [card] = parse_cards(vcards([contact(name=name, headline=headline)]))
    assert card.fn.value == name
    assert card.title.value == headline
    assert not hasattr(card, "org")
    assert "Zoë" in card.n.value.given


def test_no_contacts_is_an_empty_file_and_many_are_many_cards() -> None:
    assert vcards([]) == ""
    assert parse_cards(vcards([])) == []
    cards = parse_cards(vcards([contact(name=f"Person {i}") for i in range(3)]))
    assert [c.fn.value for c in cards] == ["Person 0", "Person 1", "Person 2"]


def test_missing_fields_are_left_out_not_blank() -> None:
    text = vcards([contact(headline="", email="", phone="", profile_url="", venue="")])
    for absent in ("TITLE", "ORG", "EMAIL", "TEL", "URL"):
        assert f"\r\n{absent}" not in text
    [card] = parse_cards(text)
    assert card.note.value == "Met at Careers Night over hiring, design systems."


def test_a_warm_contact_says_who_introduced_them() -> None:
    [card] = parse_cards(vcards([contact(introduced_by='Kemi Adeyemi; host, "Design Club"')]))
    assert card.note.value == (
        "Met at Careers Night (Main hall) over hiring, design systems."
        ' Introduced by Kemi Adeyemi; host, "Design Club".'
    )


def test_long_lines_fold_at_75_octets_and_unfold_exactly() -> None:
    topics = [f"tópic {i} — ünïcode" for i in range(12)]
    text = vcards([contact(topics=topics, name="Ä" * 60)])
    lines = text.split("\r\n")
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)
    text.encode("utf-8").decode("utf-8")  # no character was cut in half
    [card] = parse_cards(text)
    assert card.note.value == f"Met at Careers Night (Main hall) over {', '.join(topics)}."
    assert card.fn.value == "Ä" * 60


def test_a_web_address_cannot_add_lines_or_be_misread() -> None:
    url = "https://example.com/a,b;c\r\nEMAIL:evil@example.com"
    text = vcards([contact(profile_url=url, email="")])
    [card] = parse_cards(text)
    assert card.url.value == "https://example.com/a%2Cb%3BcEMAIL:evil@example.com"
    assert not hasattr(card, "email")


@pytest.mark.parametrize(
    ("headline", "title", "org"),
    [
        ("CTO at Acme", "CTO", "Acme"),
        ("Recruiter @ Globex Corp", "Recruiter", "Globex Corp"),
        ("Looking at opportunities", "Looking at opportunities", ""),
        ("Designer", "Designer", ""),
    ],
)
def test_headline_splits_into_title_and_organisation_only_when_clear(
    headline: str, title: str, org: str
) -> None:
    assert split_headline(headline) == (title, org)


def test_filenames_are_safe_ascii() -> None:
    assert safe_filename("Café Night: 2025/03 contacts", ".vcf") == (
        "Cafe-Night-2025-03-contacts.vcf"
    )
    assert safe_filename("Ab-_9x-attendees", ".csv") == "Ab-_9x-attendees.csv"
    assert safe_filename('"\r\n', ".csv") == "mixer.csv"


# Characters a reader may take for a line break, and invisible controls: none reaches a file.
HOSTILE = {
    "LS": "\u2028", "PS": "\u2029", "VT": "\x0b", "FF": "\x0c", "NEL": "\x85", "FS": "\x1c",
    "GS": "\x1d", "RS": "\x1e", "NUL": "\x00", "ESC": "\x1b", "DEL": "\x7f", "CSI": "\x9b",
    "RLO": "\u202e", "LRI": "\u2066", "BOM": "\ufeff", "CR": "\r",
}  # fmt: skip
CONTACT_TEXT = ("name", "headline", "email", "phone", "profile_url", "event", "venue", "topics")


def hostile(char: str) -> str:
    """A value that, if the character split the line, would forge a field and a second card."""
    return f"Eve{char}END:VCARD{char}BEGIN:VCARD{char}FN:Forged{char}=1+1"


def no_stray_breaks(text: str) -> None:
    """Every line ends in CRLF, and no reader's idea of a line break hides anywhere else."""
    assert text.splitlines() == text.split("\r\n")[:-1] or text == ""
    for name, char in HOSTILE.items():
        assert char not in text.replace("\r\n", ""), name


@pytest.mark.parametrize("char", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("field", CONTACT_TEXT)
def test_a_vcard_field_cannot_split_a_line_or_hide_a_control(field: str, char: str) -> None:
    value: object = [hostile(char)] if field == "topics" else hostile(char)
    text = vcards([contact(**{field: value})])
    no_stray_breaks(text)
    [card] = parse_cards(text)
    assert card.fn.value != "Forged"


@pytest.mark.parametrize("char", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_csv_cell_holds_no_control_or_separator_but_a_quoted_newline(char: str) -> None:
    evil = hostile(char)
    files = {
        "contacts": contacts_csv(
            [contact(**{f: [evil] if f == "topics" else evil for f in CONTACT_TEXT})]
        ),
        "attendees": attendees_csv(
            [
                attendee(
                    name=evil,
                    headline=evil,
                    offers=[evil],
                    seeks=[evil],
                    email=evil,
                    phone=evil,
                    profile_url=evil,
                )
            ]
        ),
        "introductions": introductions_csv(
            [
                IntroductionRecord(
                    id=7,
                    created_at=JOINED,
                    status="met",
                    a_id=1,
                    a_name=evil,
                    a_gets=[evil],
                    b_id=2,
                    b_name=evil,
                    b_gets=[evil],
                    one_way=False,
                    spot=evil,
                    round=None,
                    accepted_at=None,
                    met_at=None,
                )
            ]
        ),
    }
    for name, text in files.items():
        body = text.removeprefix(BOM)
        for label, bad in HOSTILE.items():  # a break of any kind is a quoted "\n" now
            assert bad not in body.replace("\r\n", ""), (name, label)
        header, row = read_csv(text)
        assert len(row) == len(header)  # one row: nothing split it
        assert sum("Eve" in c for c in row) >= 5, row
