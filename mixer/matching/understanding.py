"""Topics as people type them: each typed topic read as topics of a vocabulary.

People write one topic many ways: "ML", "machine-learning", "Pyhton", "data engineer"
for data engineering, "help with my resume". Equal-text matching loses most of a room's
value on such input, so every typed topic is read here as canonical topics, with a
confidence, before the engine sees it. A reading below `TRUSTED` is not taken: the text
stays the person's own topic and meets only the same words, as before.

Related topics give part of the value: the vocabulary says which, and how much
(`BROADER`, `RELATED`); `markers.engine_tags` turns a person's readings into the tags
the engine meets on. How filler words and typos are told apart is in `phrasing`.

Pure: the vocabulary comes in as plain entries; nothing is read from disk here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .markers import BROADER, MARK, RELATED
from .phrasing import pieces, slip, trimmed
from .words import normalise, singular, stem_key

TRUSTED = 0.75  # below this a reading is not taken: better own words than a wrong topic


@dataclass(frozen=True, slots=True)
class Entry:
    """One topic of a vocabulary, as its data file or the organizer describes it."""

    label: str
    aliases: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    kind: str = "skill"


@dataclass(frozen=True, slots=True)
class Reading:
    """How one typed topic was understood."""

    typed: str
    topics: tuple[str, ...]  # canonical labels (the person's own words when `own`)
    confidence: float  # 1.0 for an exact name or alias; less for stems, typos and guesses
    own: bool  # no topic of the vocabulary: the text meets only the same text

    @property
    def shown_as(self) -> list[str]:
        """What `Me.understood` lists: empty when it is the person's own topic."""
        return [] if self.own else list(self.topics)


@dataclass
class Vocabulary:
    """Canonical topics, the keys that lead to them, and how they relate."""

    entries: dict[str, Entry]
    _exact: dict[str, set[str]] = field(default_factory=dict)  # normalised key -> labels
    _stems: dict[str, set[str]] = field(default_factory=dict)  # stem key -> labels
    _compact: dict[str, set[str]] = field(default_factory=dict)  # key without spaces -> labels
    _links: dict[str, dict[str, float]] = field(default_factory=dict)  # label -> label -> share
    _cache: dict[str, Reading] = field(default_factory=dict)
    _merged: dict[str, tuple[str, ...]] = field(default_factory=dict)  # organizer: a is b
    _fuzzy_keys: dict[str, list[str]] = field(default_factory=dict)  # by first letter

    @classmethod
    def from_entries(cls, entries: Iterable[Entry]) -> Vocabulary:
        vocab = cls(entries={})
        for entry in entries:
            vocab._add(entry)
        vocab._link_all()
        return vocab

    def _add(self, entry: Entry) -> None:
        label = own_label(entry.label)  # the vocabulary's labels are lower case already
        if not normalise(label):
            return
        known = self.entries.get(label)
        if known is not None:  # the same topic named twice: merge what is said of it
            entry = Entry(
                label,
                known.aliases + entry.aliases,
                known.broader + entry.broader,
                known.related + entry.related,
                known.kind,
            )
        self.entries[label] = Entry(label, entry.aliases, entry.broader, entry.related, entry.kind)
        for name in (label, *entry.aliases):
            key = normalise(name)
            if key:
                self._exact.setdefault(key, set()).add(label)
                self._stems.setdefault(stem_key(key), set()).add(label)
                if len(key) >= 6:  # "a b" and "ab" are not one word; "micro services" are
                    self._compact.setdefault(key.replace(" ", ""), set()).add(label)

    def _link_all(self) -> None:
        links: dict[str, dict[str, float]] = defaultdict(dict)
        for entry in self.entries.values():
            for names, share in ((entry.broader, BROADER), (entry.related, RELATED)):
                for name in names:
                    other = normalise(name)
                    if other in self.entries and other != entry.label:
                        for x, y in ((entry.label, other), (other, entry.label)):
                            links[x][y] = max(links[x].get(y, 0.0), share)
        self._links = dict(links)
        # Typos are looked for among keys long enough for an edit to be a slip, not a word,
        # and starting with the same letter (people rarely miss the first one).
        self._fuzzy_keys = {}
        for key in sorted(k for k in self._exact if len(k) >= 5):
            self._fuzzy_keys.setdefault(key[0], []).append(key)
        self._cache.clear()

    def with_room(self, topics: Sequence[str], aliases: Mapping[str, str]) -> Vocabulary:
        """This vocabulary plus an event's own topics and the organizer's aliases.

        An organizer's topic the vocabulary already knows stays that topic; a new one
        becomes a topic of its own. An alias (typed text -> one of the room's topics or
        the vocabulary's) is taken before anything else: the organizer knows the room.
        An alias naming a topic of the vocabulary moves that whole topic, whatever words
        led to it ("machine learning" the same as "data science" moves "ML" too).
        """
        room = Vocabulary.from_entries(self.entries.values())
        for topic in topics:
            reading = room.read(topic)
            if reading.own:
                room._add(Entry(own_label(topic), kind="room"))
        merged: dict[str, tuple[str, ...]] = {}
        for alias, target in aliases.items():
            labels = room.read(target).topics
            key = normalise(alias)
            if not key or not labels:
                continue
            if key in room.entries and key not in labels:
                merged[key] = labels
            room._exact[key] = set(labels)
            room._stems[stem_key(key)] = set(labels)
        room._merged = merged
        room._link_all()
        return room

    def names(self) -> dict[str, list[str]]:
        """Every topic with the keys that lead to it (for a typeahead without a server)."""
        names: dict[str, list[str]] = {label: [] for label in self.entries}
        for key, labels in self._exact.items():
            for label in labels:
                if key != label and label in names:
                    names[label].append(key)
        return names

    def links(self, label: str) -> Mapping[str, float]:
        """Topics related to this one, with the share of value each gives."""
        return self._links.get(label, {})

    def read(self, typed: str) -> Reading:
        """How one typed topic is understood; the same text always reads the same way."""
        cached = self._cache.get(typed)
        if cached is None:
            cached = self._read(typed)
            if len(self._cache) < 100_000:
                self._cache[typed] = cached
        return cached

    def _read(self, typed: str) -> Reading:
        key = normalise(typed)
        if not key:
            return Reading(typed, (), 0.0, True)
        if literal(typed):  # "ML" in quotes: the person undid a reading; keep their words
            return Reading(typed, (own_label(typed.strip()[1:-1]),), 1.0, True)
        found = self._lookup(key)
        if found is None and "(" in typed:  # "private equity (PE)", "architect (buildings)"
            outside, _, inside = typed.partition("(")
            found = self._lookup(normalise(outside)) or self._lookup(normalise(inside))
        if found is None:
            parts = [normalise(p) for p in pieces(typed)]
            if len([p for p in parts if p]) > 1:
                found = self._parts([p for p in parts if p])
        if found is not None and found[1] >= TRUSTED:
            topics = dict.fromkeys(
                t for label in found[0] for t in self._merged.get(label, (label,))
            )
            return Reading(typed, tuple(topics), found[1], False)
        return Reading(typed, (own_label(typed),), 1.0, True)

    def _parts(self, parts: list[str]) -> tuple[tuple[str, ...], float] | None:
        """ "Python and SQL", "UX/UI": each part on its own, if every part is understood."""
        labels: list[str] = []
        confidence = 1.0
        for part in parts:
            found = self._lookup(part)
            if found is None:
                return None
            labels += [t for t in found[0] if t not in labels]
            confidence = min(confidence, found[1])
        return tuple(labels), confidence

    def _lookup(self, key: str) -> tuple[tuple[str, ...], float] | None:
        """Canonical topics for one normalised phrase, tried from surest to least sure."""
        for text, confidence in trimmed(key):
            labels = self._exact.get(text)
            if labels:
                return tuple(sorted(labels)), confidence
            labels = (
                self._stems.get(stem_key(text))
                or self._exact.get(singular(text))  # "FPGAs": endings a stemmer keeps
                or self._compact.get(text.replace(" ", ""))  # "micro-services"
            )
            if labels:
                return tuple(sorted(labels)), confidence * 0.95
        return self._typo(key)

    def _typo(self, key: str) -> tuple[tuple[str, ...], float] | None:
        """A slip of the finger: one edit in a word of 5 to 7 letters, two from 8 on.

        The first letter must match and the nearest key must be the only one that near,
        so Java never becomes JavaScript and a short word never becomes another.
        """
        keys = self._fuzzy_keys.get(key[0])
        if len(key) < 5 or not keys:
            return None
        most = 1 if len(key) < 8 else 2
        near = process.extract(key, keys, scorer=OSA.distance, score_cutoff=most, limit=4)
        near = [(k, d) for k, d, _ in near if k.count(" ") == key.count(" ") and slip(key, k, d)]
        if not near:
            return None
        best = min(d for _, d in near)
        labels = {t for k, d in near if d == best for t in self._exact[k]}
        if len(labels) != 1:
            return None
        return tuple(labels), 0.9 if best == 1 else 0.8

    def suggest(self, text: str, limit: int = 10) -> list[str]:
        """Topics whose name or alias starts with (or contains) what is being typed."""
        key = normalise(text)
        if not key:
            return []
        starts: dict[str, int] = {}
        for alias, labels in self._exact.items():
            if key in alias:
                rank = 0 if alias.startswith(key) else 1
                for label in labels:
                    starts[label] = min(starts.get(label, 2), rank + (label != alias))
        reading = self.read(text)
        for label in () if reading.own else reading.topics:
            starts[label] = -1
        return sorted(starts, key=lambda t: (starts[t], len(t), t))[:limit]


def own_label(typed: str) -> str:
    """A topic nobody's vocabulary knows, as the person wrote it: it meets the same words.

    Case and spacing aside, exactly as typed (so it reads as the person's own words on
    every screen); never a marker, so nobody can type their way into partial value.
    """
    return " ".join(typed.split()).casefold().replace(MARK, "=")


def literal(typed: str) -> bool:
    """Typed in quotes: to be taken as the person's own words, never read as a topic."""
    text = typed.strip()
    return len(text) > 2 and text[0] in '"“”' and text[-1] in '"“”'
