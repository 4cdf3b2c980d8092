"""The topic vocabularies: the built-in one shipped as data, and each event's.

The built-in topics are named in English (their canonical labels, what the API and the
database hold); `mixer/data/vocabulary_translations.json` adds each topic's name and
common aliases in German, French, Spanish and Arabic. Those names lead to the same
topics as the English ones ("Datenanalyse" is data analysis), and `label_in` shows a
topic in a person's language.

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

# German typed without umlauts: "Pruefung" for "Prüfung" (ß is "ss" once case-folded).
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def entries_from(data: dict, translations: dict | None = None) -> list[Entry]:
    """The data file's topics as the engine's entries, with their names in other languages."""
    other = translated_names(translations or {})
    return [
        Entry(
            label=t["label"],
            aliases=tuple(dict.fromkeys([*t.get("aliases", ()), *other.get(t["label"], ())])),
            broader=tuple(t.get("broader", ())),
            related=tuple(t.get("related", ())),
            kind=t.get("kind", "skill"),
        )
        for t in data["topics"]
    ]


def translated_names(translations: dict) -> dict[str, list[str]]:
    """Every canonical label -> its names in the other languages, and their usual spellings.

    The app's normalising already takes accents off ("analisis de datos") and reads Arabic
    with or without its article and optional marks; German typed with ae/oe/ue for ä/ö/ü is
    added here, since those letters cannot be told from plain English ones.
    """
    names: dict[str, list[str]] = {}
    for lang, topics in translations.get("languages", {}).items():
        for label, said in topics.items():
            listed = names.setdefault(label, [])
            for name in said:
                name = name.casefold()
                listed.append(name)
                if lang == "de" and name.translate(_UMLAUTS) != name:
                    listed.append(name.translate(_UMLAUTS))
    return names


def _read(name: str) -> dict:
    return json.loads(files("mixer").joinpath(f"data/{name}").read_text(encoding="utf-8"))


@cache
def translations() -> dict:
    """The built-in topics' names in other languages (`data/vocabulary_translations.json`)."""
    return _read("vocabulary_translations.json")


@cache
def builtin() -> Vocabulary:
    """The job-networking vocabulary every event starts from, in every language it knows."""
    return Vocabulary.from_entries(entries_from(_read("vocabulary.json"), translations()))


@cache
def labels_in(lang: str) -> dict[str, str]:
    """Canonical (English) label -> the topic's label in `lang`; empty for English.

    Topics named the same in every language (Python, Kubernetes, SQL) are left out (their
    entries, if any, only add the spellings people type, such as "بايثون").
    """
    topics = translations().get("languages", {}).get(lang, {})
    return {label: said[0] for label, said in topics.items() if said and said[0] != label}


def label_in(label: str, lang: str) -> str:
    """A topic's label to show in `lang`; a topic people made up stays as they typed it."""
    return labels_in(lang).get(label, label)


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
