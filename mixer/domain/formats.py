"""Export formats: plain rows in, file text out (CSV for spreadsheets, vCard 3.0, JSON).

Pure on purpose: no Flask, no database. Services build the rows (and decide what may be
shown); this module only formats them, so every format can be tested without an app.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from typing import Any

CSV_MEDIA = "text/csv; charset=utf-8"
VCARD_MEDIA = "text/vcard; charset=utf-8"
JSON_MEDIA = "application/json"
BOM = "\ufeff"
CRLF = "\r\n"
# A spreadsheet may read a cell starting with one of these as a formula (OWASP CSV injection;
# ASVS 1.2.10 adds the null character).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
LIST_SEPARATOR = "; "
FOLD_OCTETS = 75


@dataclass(frozen=True)
class AttendeeRow:
    """One attendee as the organizer may keep them: contact fields blank unless shared."""

    id: int
    name: str
    headline: str
    intent: str
    offers: list[str]
    seeks: list[str]
    presence: str
    capacity: int
    mentor: bool
    joined_at: datetime
    email: str
    phone: str
    profile_url: str


@dataclass(frozen=True)
class IntroductionRow:
    """One introduction and how it ended, with what each side gets from it."""

    id: int
    created_at: datetime
    status: str
    a_id: int
    a_name: str
    a_gets: list[str]
    b_id: int
    b_name: str
    b_gets: list[str]
    one_way: bool
    spot: str | None
    round: int | None
    accepted_at: datetime | None
    met_at: datetime | None


@dataclass(frozen=True)
class RoundRow:
    number: int
    started_at: datetime
    ends_at: datetime
    introductions: int


@dataclass(frozen=True)
class EventRow:
    code: str
    name: str
    venue: str
    starts_at: datetime | None
    ends_at: datetime | None
    status: str
    mode: str
    topics: list[str]
    giver_capacity: int
    meeting_spots: list[str]
    created_at: datetime
    closed_at: datetime | None


@dataclass(frozen=True)
class Archive:
    """Everything the organizer keeps of one event."""

    event: EventRow
    attendees: list[AttendeeRow]
    introductions: list[IntroductionRow]
    rounds: list[RoundRow]


@dataclass(frozen=True)
class ContactRow:
    """Someone an attendee met with consent on both sides, and what they talked about."""

    name: str
    headline: str
    email: str
    phone: str
    profile_url: str
    event: str
    venue: str
    topics: list[str]


def iso_utc(moment: datetime | None) -> str | None:
    """Stored times are naive UTC: say so, so spreadsheets and scripts read them right."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


# Characters some reader takes for the end of a line (Python's splitlines, JavaScript, many
# vCard and CSV readers): exports carry them as a plain newline (escaped in vCard, inside a
# quoted cell in CSV), never raw, so no text can start a forged line or card.
_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Invisible format controls that reorder or hide what a reader sees (bidirectional
# embeddings, overrides and isolates; byte order mark; interlinear annotations). Joiners
# (U+200C, U+200D) stay: emoji and several scripts need them.
_HIDING = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\ufff9\ufffa\ufffb"
)


def clean_text(value: str, *, newlines: bool = True) -> str:
    """Text fit for a file: every control character (Unicode Cc), line or paragraph
    separator (Zl, Zp) and hiding format control removed; line breaks of any kind become
    one newline (or go too, with `newlines` false); a tab becomes a space."""
    text = _LINE_BREAKS.sub("\n" if newlines else "", value).replace("\t", " ")
    return "".join(
        char
        for char in text
        if (char == "\n" and newlines)
        or not (unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in _HIDING)
    )


def defuse(text: str) -> str:
    """A leading quote makes a would-be formula plain text in Excel, LibreOffice and Sheets."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: object) -> str:
    """One value as spreadsheet text: lists joined, times in ISO UTC, yes/no, formulas defused."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, datetime):
        text = iso_utc(value) or ""
    elif isinstance(value, list | tuple):
        text = LIST_SEPARATOR.join(str(v) for v in value)
    else:
        text = str(value)
    return defuse(clean_text(text))


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV that Excel opens right: UTF-8 BOM, CRLF, every field quoted and defused."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator=CRLF)
    writer.writerow([cell(h) for h in header])
    writer.writerows([cell(v) for v in row] for row in rows)
    return BOM + out.getvalue()


def rows_csv(kind: type[Any], rows: Iterable[Any]) -> str:
    """A table of dataclass rows, the field names as its header row."""
    names = [f.name for f in fields(kind)]
    return to_csv(names, ([getattr(row, n) for n in names] for row in rows))


def csv_chunks(kind: type[Any], pages: Iterable[Iterable[Any]]) -> Iterator[str]:
    """`rows_csv` in pieces, one per page of rows: the same text once joined, sent as it
    is made, so a big room's file never sits whole in memory nor in one long computation."""
    names = [f.name for f in fields(kind)]
    yield to_csv(names, [])
    for page in pages:
        yield to_csv(names, ([getattr(row, n) for n in names] for row in page)).split(CRLF, 1)[1]


def attendees_csv(rows: Iterable[AttendeeRow]) -> str:
    return rows_csv(AttendeeRow, rows)


def introductions_csv(rows: Iterable[IntroductionRow]) -> str:
    return rows_csv(IntroductionRow, rows)


def contacts_csv(rows: Iterable[ContactRow]) -> str:
    return rows_csv(ContactRow, rows)


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def archive_json(archive: Archive, exported_at: datetime) -> str:
    """The event as one JSON document, readable by people and by scripts."""
    body = {"format": "mixer-event-archive", "version": 1, "exported_at": exported_at}
    body |= asdict(archive)
    return json.dumps(_plain(body), ensure_ascii=False, indent=2) + "\n"


def archive_json_chunks(
    event: EventRow,
    attendees: Iterable[Iterable[AttendeeRow]],
    introductions: Iterable[Iterable[IntroductionRow]],
    rounds: Iterable[RoundRow],
    exported_at: datetime,
) -> Iterator[str]:
    """`archive_json` in pieces (attendees and introductions page by page): the same text
    once joined."""
    head = {"format": "mixer-event-archive", "version": 1, "exported_at": exported_at}
    text = _dumped(head | {"event": asdict(event)})
    yield text[: text.rindex("\n")] + ","  # the object left open after "event"
    for key, pages in (("attendees", attendees), ("introductions", introductions)):
        yield from _json_list(key, pages)
    yield from _json_list("rounds", [rounds], last=True)
    yield "\n}\n"


def _dumped(value: object) -> str:
    return json.dumps(_plain(value), ensure_ascii=False, indent=2)


def _json_list(key: str, pages: Iterable[Iterable[Any]], last: bool = False) -> Iterator[str]:
    """One key of the archive's top object and its list, indented as `json.dumps` does."""
    yield f"\n  {json.dumps(key)}: ["
    first = True
    for page in pages:
        items = [_dumped(asdict(row)).replace("\n", "\n    ") for row in page]
        if items:
            yield ("" if first else ",") + "".join(f"\n    {item}" for item in items[:1])
            yield "".join(f",\n    {item}" for item in items[1:])
            first = False
    yield ("]" if first else "\n  ]") + ("" if last else ",")


_ORG_SPLIT = re.compile(r"\s+(?:at|@)\s+", re.IGNORECASE)
_URI_ESCAPES = {",": "%2C", ";": "%3B", "\\": "%5C", " ": "%20"}


def escape_text(value: str) -> str:
    """Backslash, comma, semicolon and newlines escaped, as RFC 2426 asks of text values;
    every other control or line-separating character gone (`clean_text`)."""
    escaped = clean_text(value).replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return escaped.replace("\n", "\\n")


def plain_value(value: str) -> str:
    """For phone values, which take no escapes: drop anything that could break a line."""
    return clean_text(value, newlines=False).strip()


def uri_value(value: str) -> str:
    """URIs take no backslash escapes, and readers disagree on them: percent-encode instead."""
    kept = plain_value(value)
    return "".join(_URI_ESCAPES.get(char, char) for char in kept)


def fold(line: str) -> str:
    """Fold at 75 octets, never inside a UTF-8 character; continuations start with a space."""
    parts: list[str] = []
    current, size, limit = "", 0, FOLD_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append(current)
            current, size, limit = "", 0, FOLD_OCTETS - 1
        current += char
        size += octets
    parts.append(current)
    return (CRLF + " ").join(parts)


def split_name(name: str) -> tuple[str, str]:
    """(family, given) for N: the last word as family name, as most address books sort."""
    words = name.split()
    if len(words) < 2:
        return "", name.strip()
    return words[-1], " ".join(words[:-1])


def split_headline(headline: str) -> tuple[str, str]:
    """(title, organisation): "CTO at Acme" splits; anything less clear stays a title."""
    parts = _ORG_SPLIT.split(headline.strip())
    if len(parts) == 2 and parts[0] and parts[1][:1].isupper():
        return parts[0], parts[1]
    return headline.strip(), ""


def meeting_note(contact: ContactRow) -> str:
    """Where and over what you met, so the card still makes sense in a year."""
    place = f"{contact.event} ({contact.venue})" if contact.venue else contact.event
    topics = f" over {', '.join(contact.topics)}" if contact.topics else ""
    return f"Met at {place}{topics}."


def vcard(contact: ContactRow) -> str:
    """One contact as a vCard 3.0 card (RFC 2426; several Android contact apps reject 4.0)."""
    family, given = split_name(contact.name)
    title, org = split_headline(contact.headline)
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{escape_text(family)};{escape_text(given)};;;",
        f"FN:{escape_text(contact.name)}",
    ]
    if org:
        lines.append(f"ORG:{escape_text(org)}")
    if title:
        lines.append(f"TITLE:{escape_text(title)}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{escape_text(plain_value(contact.email))}")
    if contact.phone and plain_value(contact.phone):
        lines.append(f"TEL;TYPE=VOICE:{plain_value(contact.phone)}")
    if contact.profile_url and uri_value(contact.profile_url):
        lines.append(f"URL:{uri_value(contact.profile_url)}")
    lines.append(f"NOTE:{escape_text(meeting_note(contact))}")
    lines.append("END:VCARD")
    return "".join(fold(line) + CRLF for line in lines)


def vcards(contacts: Iterable[ContactRow]) -> str:
    """A file of cards; no contacts is an empty file, which address books import as nothing."""
    return "".join(vcard(c) for c in contacts)


def safe_filename(stem: str, suffix: str, fallback: str = "mixer") -> str:
    """ASCII letters, digits and dashes only: safe in a Content-Disposition header everywhere."""
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = "-".join(re.sub(r"[^A-Za-z0-9_-]+", " ", ascii_text).split())[:60]
    return f"{slug or fallback}{suffix}"
