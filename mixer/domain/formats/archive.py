"""The whole event as one JSON document, readable by people and by scripts: at once, or
in pieces that join into the same text. Its keys are for scripts and never translated; its
times are ISO 8601 in the event's zone with the offset (UTC unless a zone is given)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import UTC, datetime, tzinfo
from typing import Any

from .rows import Archive, AttendeeRecord, EventRecord, IntroductionRecord, RoundRecord
from .text import iso_local

JSON_MEDIA = "application/json"


def _plain(value: object, zone: tzinfo = UTC) -> object:
    """Times as ISO 8601 text in `zone`, inside dicts and lists too: what JSON can hold."""
    if isinstance(value, datetime):
        return iso_local(value, zone)
    if isinstance(value, dict):
        return {k: _plain(v, zone) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, zone) for v in value]
    return value


def archive_json(archive: Archive, exported_at: datetime, zone: tzinfo = UTC) -> str:
    """The event as one JSON document, readable by people and by scripts."""
    return _dumped(_head(exported_at) | asdict(archive), zone) + "\n"


def _head(exported_at: datetime) -> dict[str, object]:
    """What the archive says of itself, before the event."""
    return {"format": "mixer-event-archive", "version": 1, "exported_at": exported_at}


def archive_json_chunks(
    event: EventRecord,
    attendees: Iterable[Iterable[AttendeeRecord]],
    introductions: Iterable[Iterable[IntroductionRecord]],
    rounds: Iterable[RoundRecord],
    exported_at: datetime,
    zone: tzinfo = UTC,
) -> Iterator[str]:
    """`archive_json` in pieces (attendees and introductions page by page): the same text
    once joined."""
    text = _dumped(_head(exported_at) | {"event": asdict(event)}, zone)
    yield text[: text.rindex("\n")] + ","  # the object left open after "event"
    for key, pages in (("attendees", attendees), ("introductions", introductions)):
        yield from _json_list(key, pages, zone)
    yield from _json_list("rounds", [rounds], zone, last=True)
    yield "\n}\n"


def _dumped(value: object, zone: tzinfo = UTC) -> str:
    return json.dumps(_plain(value, zone), ensure_ascii=False, indent=2)


def _json_list(
    key: str, pages: Iterable[Iterable[Any]], zone: tzinfo, last: bool = False
) -> Iterator[str]:
    """One key of the archive's top object and its list, indented as `json.dumps` does."""
    yield f"\n  {json.dumps(key)}: ["
    first = True
    for page in pages:
        items = [_dumped(asdict(row), zone).replace("\n", "\n    ") for row in page]
        if items:
            yield ("" if first else ",") + "".join(f"\n    {item}" for item in items[:1])
            yield "".join(f",\n    {item}" for item in items[1:])
            first = False
    yield ("]" if first else "\n  ]") + ("" if last else ",")
