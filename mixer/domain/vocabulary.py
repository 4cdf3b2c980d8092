"""The topic vocabularies: the built-in one shipped as data, and each event's.

Kept outside the matching engine, which reads nothing from disk: this module turns
`mixer/data/vocabulary.json` (sources and licence in `mixer/data/VOCABULARY.md`) into
the engine's `Vocabulary`, once per process. An event's vocabulary adds the event's own
topics and the organizer's aliases. What people typed is stored as typed and read with
it, so changing either re-reads everyone without losing a word anyone wrote.
"""

from __future__ import annotations

import json
import threading
from functools import cache
from importlib.resources import files

from flask import current_app

from ..matching.understanding import Entry, Vocabulary
from .models import Event


def entries_from(data: dict) -> list[Entry]:
    """The data file's topics as the engine's entries."""
    return [
        Entry(
            label=t["label"],
            aliases=tuple(t.get("aliases", ())),
            broader=tuple(t.get("broader", ())),
            related=tuple(t.get("related", ())),
            kind=t.get("kind", "skill"),
        )
        for t in data["topics"]
    ]


@cache
def builtin() -> Vocabulary:
    """The job-networking vocabulary every event starts from."""
    text = files("mixer").joinpath("data/vocabulary.json").read_text(encoding="utf-8")
    return Vocabulary.from_entries(entries_from(json.loads(text)))


_LOCK = threading.Lock()


def vocabulary_for(event: Event) -> Vocabulary:
    """The event's vocabulary, rebuilt only when its topics or aliases change."""
    key = (tuple(event.topics), tuple(sorted((event.topic_aliases or {}).items())))
    cache: dict[int, tuple[object, Vocabulary]] = current_app.extensions.setdefault(
        "mixer_vocabularies", {}
    )
    with _LOCK:
        held = cache.get(event.id)
        if held is None or held[0] != key:
            held = (key, builtin().with_room(event.topics, event.topic_aliases or {}))
            cache[event.id] = held
        return held[1]


def labels_in(lang: str) -> dict[str, str]:
    """The built-in topics' labels in `lang` (canonical label -> label); none translated yet."""
    return {}
