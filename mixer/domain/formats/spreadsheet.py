"""CSV for spreadsheets: UTF-8 with a BOM and CRLF as Excel opens it, every cell quoted,
cleaned and defused, so nothing typed runs as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import fields
from datetime import datetime
from typing import Any

from .rows import AttendeeRecord, ContactRecord, IntroductionRecord
from .text import CRLF, clean_text, iso_utc

CSV_MEDIA = "text/csv; charset=utf-8"
BOM = "\ufeff"
# A spreadsheet may read a cell starting with one of these as a formula (OWASP CSV injection;
# ASVS 1.2.10 adds the null character).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
LIST_SEPARATOR = "; "


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


def attendees_csv(rows: Iterable[AttendeeRecord]) -> str:
    return rows_csv(AttendeeRecord, rows)


def introductions_csv(rows: Iterable[IntroductionRecord]) -> str:
    return rows_csv(IntroductionRecord, rows)


def contacts_csv(rows: Iterable[ContactRecord]) -> str:
    return rows_csv(ContactRecord, rows)


METRIC_HEADER = ("metric", "value")


def metric_rows(figures: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, object]]:
    """Nested figures as (metric, value) rows: `warm.met`; a list of {label, count} objects
    as one row each, `topics.<label>`."""
    for key, value in figures.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from metric_rows(value, name + ".")
        elif isinstance(value, list):
            for item in value:
                label, count = list(item.values())[:2]
                yield f"{name}.{label}", count
        else:
            yield name, value


def metrics_csv(figures: Mapping[str, Any]) -> str:
    """A table of figures, one metric a row (the impact's export)."""
    return to_csv(METRIC_HEADER, metric_rows(figures))
