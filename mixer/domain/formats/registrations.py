"""Reading a ticketing tool's CSV export into registrations, with what is wrong row by row.

What people upload: UTF-8 with or without a byte order mark, UTF-16 with one (Excel's
"Unicode text"), Windows-1252 from older Excel; `,`, `;` (Excel in much of Europe) or tab
between cells; quoted cells holding line breaks; columns in any order, named in several
languages (`columns.py`). Row numbers are those a spreadsheet shows: the header is row 1.

Pure: bytes in, a `Reading` out; no Flask, no database. 10,000 rows read in well under a
second. Its messages are English templates marked with `_` for the catalogs, with their
values apart (`params`): the web layer says them in the organizer's language.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .columns import Columns, UnknownHeader, _, mapped, recognised
from .text import clean_text

# The longest each field may be: the table's columns (models/registration.py).
LIMITS = {"name": 80, "email": 254, "headline": 120}
SEPARATORS = (",", ";", "\t")
# An address as people mean it: something@somewhere.tld, no spaces, one @.
_ADDRESS = re.compile(r"[^@\s,;<>()\[\]\"]+@[^@\s,;<>()\[\]\"]+\.[^@\s,;<>()\[\]\".]{2,}")
TOO_LONG = {
    "name": _("The name is too long: %(length)s characters, at most %(limit)s."),
    "email": _("The email is too long: %(length)s characters, at most %(limit)s."),
    "headline": _("The headline is too long: %(length)s characters, at most %(limit)s."),
}


@dataclass(frozen=True)
class Row:
    """One person of the file, as it would be stored."""

    row: int
    name: str
    email: str
    headline: str


@dataclass(frozen=True)
class Problem:
    """What is wrong with a row: `template` as the catalogs hold it, `params` its values."""

    row: int
    template: str
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The problem in English."""
        return self.template % dict(self.params) if self.params else self.template


@dataclass
class Reading:
    """What a file holds: its header row, the columns used (role → header text), the people
    who can be imported, and each problem with its row; `missing`: roles no column holds."""

    headers: list[str]
    mapping: dict[str, str]
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    total: int = 0  # rows with anything in them, the header aside


class Unreadable(ValueError):
    """The bytes are no CSV one can read (empty, or not text): `template` with `params`."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template % params if params else template)
        self.template = template
        self.params = params


def decoded(data: bytes) -> str:
    """The file's text: its byte order mark says the encoding; else UTF-8, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def separator(text: str) -> str:
    """The separator the header row uses most, outside quotes: `,` `;` or tab."""
    line, quoted = [], False
    for char in text[:10_000]:
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            break
        line.append(char)
    header = "".join(line)
    counts = {sep: header.count(sep) for sep in SEPARATORS}
    return max(SEPARATORS, key=lambda sep: counts[sep]) if any(counts.values()) else ","


def _cell(cells: list[str], at: int | None) -> str:
    if at is None or at >= len(cells):
        return ""
    return " ".join(clean_text(cells[at]).split())  # a line break in a cell: one space


def _headline(cells: list[str], columns: Columns) -> str:
    title = _cell(cells, columns.headline if columns.headline is not None else columns.title)
    company = _cell(cells, columns.organisation)
    return ", ".join(part for part in (title, company) if part)


def _name(cells: list[str], columns: Columns) -> str:
    if columns.name is not None:
        return _cell(cells, columns.name)
    parts = (_cell(cells, columns.first_name), _cell(cells, columns.last_name))
    return " ".join(part for part in parts if part)


def _address(raw: str) -> str:
    """The address of a cell: "mailto:" and spaces around dropped."""
    text = raw.strip()
    return text[7:].strip() if text.lower().startswith("mailto:") else text


def _row_problems(row: Row) -> list[tuple[str, dict[str, object]]]:
    said: list[tuple[str, dict[str, object]]] = []
    if not row.name:
        said.append((_("No name."), {}))
    if not row.email:
        said.append((_("No email address."), {}))
    elif not _ADDRESS.fullmatch(row.email):
        said.append((_('"%(address)s" is not an email address.'), {"address": row.email[:60]}))
    for what, limit in LIMITS.items():
        length = len(getattr(row, what))
        if length > limit:
            said.append((TOO_LONG[what], {"length": length, "limit": limit}))
    return said


def read(data: bytes, mapping: Mapping[str, str] | None = None) -> Reading:
    """Every row of the file, checked: who can be imported, and what is wrong where.

    Raises `Unreadable` for a file with no header row and `columns.UnknownHeader` when the
    mapping names a header the file lacks. Without a name or email column, the `Reading`
    says which (`missing`) and holds no rows: the organizer then names them by hand.
    """
    text = decoded(data).lstrip("\ufeff")
    if not text.strip():
        raise Unreadable(_("The file is empty."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator(text))
    try:
        headers = [" ".join(h.replace("\ufeff", "").split()) for h in next(reader)]
    except (csv.Error, StopIteration) as exc:
        raise Unreadable(_("The file cannot be read as CSV: %(reason)s."), reason=exc) from exc
    columns = mapped(headers, mapping or {}, recognised(headers))
    reading = Reading(headers, columns.used(headers), missing=columns.missing())
    if reading.missing:
        return reading
    seen: dict[str, int] = {}
    number = 1
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            reading.total += 1
            row = Row(number, _name(cells, columns), _address(_cell(cells, columns.email)),
                      _headline(cells, columns))  # fmt: skip
            said = _row_problems(row)
            key = row.email.lower()  # as personal_links.email_key compares addresses
            if not said and key in seen:
                said.append((_("The same address as row %(row)s."), {"row": seen[key]}))
            if said:
                reading.problems.extend(Problem(number, text, params) for text, params in said)
                continue
            seen[key] = number
            reading.rows.append(row)
    except csv.Error as exc:
        raise Unreadable(
            _("The file cannot be read as CSV past row %(row)s: %(reason)s."),
            row=number,
            reason=exc,
        ) from exc
    return reading


__all__ = ["Problem", "Reading", "Row", "UnknownHeader", "Unreadable", "read"]
