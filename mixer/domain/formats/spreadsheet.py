"""CSV for spreadsheets: UTF-8 with a BOM and CRLF as Excel opens it, every cell quoted,
cleaned and defused, so nothing typed runs as a formula.

The words a person reads (the header row, yes and no) come in a `Style`, translated by
the caller; without one they are the English defaults: the fields' names, "yes", "no".
Times are ISO 8601 in the style's zone (the event's) with its offset."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime, tzinfo
from typing import Any

from .rows import AttendeeRecord, ContactRecord, IntroductionRecord
from .text import CRLF, clean_text, iso_local

CSV_MEDIA = "text/csv; charset=utf-8"
BOM = "\ufeff"
# A spreadsheet may read a cell starting with one of these as a formula (OWASP CSV injection;
# ASVS 1.2.10 adds the null character).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Style:
    """What a table's cells say in the reader's language and time zone."""

    zone: tzinfo = UTC
    yes: str = "yes"
    no: str = "no"


ENGLISH = Style()


def defuse(text: str) -> str:
    """A leading quote makes a would-be formula plain text in Excel, LibreOffice and Sheets."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: object, style: Style = ENGLISH) -> str:
    """One value as spreadsheet text: lists joined, times in ISO 8601 in the style's zone,
    yes/no in its words, formulas defused."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = style.yes if value else style.no
    elif isinstance(value, datetime):
        text = iso_local(value, style.zone) or ""
    elif isinstance(value, list | tuple):
        text = LIST_SEPARATOR.join(str(v) for v in value)
    else:
        text = str(value)
    return defuse(clean_text(text))


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]], style: Style = ENGLISH) -> str:
    """CSV that Excel opens right: UTF-8 BOM, CRLF, every field quoted and defused."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator=CRLF)
    writer.writerow([cell(h) for h in header])
    writer.writerows([cell(v, style) for v in row] for row in rows)
    return BOM + out.getvalue()


def field_names(kind: type[Any]) -> list[str]:
    """A row kind's columns in their order: the English header row."""
    return [f.name for f in fields(kind)]


def _header(kind: type[Any], header: Sequence[str] | None) -> Sequence[str]:
    """The header row given (one label a field, in the fields' order), or the fields' names."""
    names = field_names(kind)
    if header is None:
        return names
    if len(header) != len(names):
        raise ValueError(f"{kind.__name__} has {len(names)} columns, not {len(header)}")
    return header


def rows_csv(
    kind: type[Any],
    rows: Iterable[Any],
    header: Sequence[str] | None = None,
    style: Style = ENGLISH,
) -> str:
    """A table of dataclass rows; its header row `header`, or the field names."""
    names = field_names(kind)
    return to_csv(_header(kind, header), ([getattr(r, n) for n in names] for r in rows), style)


def csv_chunks(
    kind: type[Any],
    pages: Iterable[Iterable[Any]],
    header: Sequence[str] | None = None,
    style: Style = ENGLISH,
) -> Iterator[str]:
    """`rows_csv` in pieces, one per page of rows: the same text once joined, sent as it
    is made, so a big room's file never sits whole in memory nor in one long computation."""
    names = field_names(kind)
    labels = _header(kind, header)
    yield to_csv(labels, [])
    for page in pages:
        table = to_csv(labels, ([getattr(row, n) for n in names] for row in page), style)
        yield table.split(CRLF, 1)[1]


def attendees_csv(rows: Iterable[AttendeeRecord]) -> str:
    return rows_csv(AttendeeRecord, rows)


def introductions_csv(rows: Iterable[IntroductionRecord]) -> str:
    return rows_csv(IntroductionRecord, rows)


def contacts_csv(
    rows: Iterable[ContactRecord], header: Sequence[str] | None = None, style: Style = ENGLISH
) -> str:
    return rows_csv(ContactRecord, rows, header, style)


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


def metrics_csv(
    figures: Mapping[str, Any],
    header: Sequence[str] = METRIC_HEADER,
    label: Callable[[str], str] = str,
) -> str:
    """A table of figures, one metric a row (the impact's export); `label` names a metric
    for its reader (`warm.met` as "Warm introductions: met"), by default as it is."""
    return to_csv(header, ((label(m), v) for m, v in metric_rows(figures)))
