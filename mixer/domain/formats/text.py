"""What every export's text shares: times in ISO 8601 (the event's local time with its
offset), text cleaned of what could forge a line or hide from a reader, and file names safe
in a header."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, tzinfo

CRLF = "\r\n"  # the line end of CSV (as Excel writes it) and of vCard (RFC 2426)


def N_(message: str) -> str:
    """A message for the catalogs, kept as it is: the formats stay free of Flask, and the
    service that calls them translates it in the reader's language (English as it stands)."""
    return message


def iso_utc(moment: datetime | None) -> str | None:
    """Stored times are naive UTC: say so, so spreadsheets and scripts read them right."""
    return iso_local(moment, UTC)


def iso_local(moment: datetime | None, zone: tzinfo) -> str | None:
    """A stored time (naive UTC) as ISO 8601 in `zone` with its offset: the digits are the
    clock on the venue's wall ("2025-03-12T19:30:05+01:00"), and the offset keeps the
    instant exact for scripts."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone).isoformat(timespec="seconds")


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


def safe_filename(stem: str, suffix: str, fallback: str = "mixer") -> str:
    """ASCII letters, digits and dashes only: safe in a Content-Disposition header everywhere."""
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = "-".join(re.sub(r"[^A-Za-z0-9_-]+", " ", ascii_text).split())[:60]
    return f"{slug or fallback}{suffix}"
