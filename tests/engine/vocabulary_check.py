"""Check the built-in topic vocabulary (mixer/data/vocabulary.json).

Run by the test suite (tests/engine/test_vocabulary_data.py), or by hand after an edit:
`.venv/bin/python -m tests.engine.vocabulary_check [path/to/vocabulary.json]`. It lists every
problem if the file breaks a rule the app relies on. It checks:

- the JSON shape: {"about": str, "topics": [{label, kind, aliases, broader, related}]}
- labels: lower case, at most 40 characters, unique, and written as the app shows them
  (already normalised: "part time work" would be shown for "part-time work")
- kinds: field, skill, tool, sector, help
- aliases: lower case and trimmed; none equal to its own or another topic's label; none
  listed in two topics (except ALLOWED_SHARED); no repeats inside a topic; none of one
  or two characters except SHORT_ALLOWED; none of the generic words in BANNED
- broader / related: every label exists, no self-reference, no repeats, a label in one
  list only, at most 4 each, and no cycle through "broader"
- size: at least 400 topics, at least 40 of kind "help"

"Once normalised" means what the app does to typed text (`mixer.matching.words`:
NFKC, case fold, Latin accents off, "&" read as "and", punctuation and hyphens to
spaces, but "#", "+" and "." kept inside a word: c#, c++, .net, node.js).

It also compares the stem keys the app uses for word endings: an alias whose stem key
equals another topic's label or alias would read as both topics, and one whose stem key
equals its own topic's label or another alias of its own is a mere plural or ending
variant the app finds by itself.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from mixer.matching.words import normalise, stem_key

VOCABULARY = Path(__file__).parents[2] / "mixer" / "data" / "vocabulary.json"
TRANSLATIONS = VOCABULARY.with_name("vocabulary_translations.json")
LANGUAGES = ("de", "fr", "es", "ar")
KINDS = ("field", "skill", "tool", "sector", "help")
MIN_TOPICS = 400
MIN_HELP = 40
MAX_LABEL = 40
MAX_ALIAS = 60
MAX_LINKS = 4

# Aliases of one or two characters (once normalised) that are well known enough to keep.
# Each must still lead to exactly one topic.
SHORT_ALLOWED = {
    "ai",
    "ml",
    "ux",
    "ui",
    "pm",
    "hr",
    "qa",
    "bi",
    "r",
    "c",
    "go",
    "vc",
    "cv",
    "js",
    "ts",
    "ci",
    "pr",
    "cx",
    "eq",
    "ar",
    "vr",
    "xr",
    "tv",
    "5g",
    "s3",
    "中文",
    "ki",
    "rh",
    "rl",
}

# Words that would swallow unrelated input if they were an alias (they may be a label).
BANNED = {
    "data",
    "help",
    "job",
    "jobs",
    "tech",
    "technology",
    "work",
    "it",
    "design",
    "support",
    "people",
    "team",
    "business",
    "skills",
    "advice",
    "engineer",
    "engineering",
    "manager",
    "software",
    "development",
    "experience",
    "learning",
    "online",
    "digital",
    "content",
    "project",
    "product",
    "network",
    "services",
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "in",
    "to",
    "for",
    "with",
    "my",
    "me",
    "i",
    "you",
    "we",
    "us",
    "is",
    "as",
    "on",
    "at",
    "by",
}

# Aliases deliberately listed under two topics (text once normalised -> the topics).
# Each entry is printed when the script runs, so that it stays a visible decision.
ALLOWED_SHARED: dict[str, set[str]] = {}

# Stem keys deliberately shared by two topics (stem key -> the topics).
# Both topics list the usual forms as exact aliases (singular and plural, which are
# then not "mere ending variants"), and the app tries exact keys first; only a rarer
# form of the word ("hospitalisation", "mobilities") reads as both topics.
ALLOWED_STEM_SHARED: dict[str, set[str]] = {
    "hospit": {"healthcare", "hospitality"},  # hospital(s) / hospitality
    "mobil": {"mobile development", "transportation"},  # mobile / mobility
}


# --- the checks -------------------------------------------------------------------------


def check(data: object) -> tuple[list[str], list[str]]:
    """Problems (errors) and notes (printed, not failing) for the loaded JSON."""
    errors: list[str] = []
    notes: list[str] = []

    if not isinstance(data, dict):
        return ["the file is not a JSON object"], notes
    unknown = set(data) - {"about", "topics"}
    if unknown:
        errors.append(f"unknown top-level keys: {sorted(unknown)}")
    if not isinstance(data.get("about"), str) or not data["about"].strip():
        errors.append('"about" must be a non-empty string')
    topics = data.get("topics")
    if not isinstance(topics, list):
        return errors + ['"topics" must be a list'], notes

    good: list[dict] = []
    for i, t in enumerate(topics):
        where = f"topic #{i}"
        if not isinstance(t, dict):
            errors.append(f"{where}: not an object")
            continue
        label = t.get("label")
        if isinstance(label, str):
            where = f"topic {label!r}"
        extra = set(t) - {"label", "kind", "aliases", "broader", "related"}
        if extra:
            errors.append(f"{where}: unknown keys {sorted(extra)}")
        if not isinstance(label, str) or not label:
            errors.append(f"{where}: label must be a non-empty string")
            continue
        if label != label.strip() or "  " in label:
            errors.append(f"{where}: label has stray spaces")
        if label != label.lower():
            errors.append(f"{where}: label must be lower case")
        if len(label) > MAX_LABEL:
            errors.append(f"{where}: label longer than {MAX_LABEL} characters")
        if normalise(label) != label:
            errors.append(
                f"{where}: label is not written as the app shows it ({normalise(label)!r});"
                " the app keeps and shows labels normalised"
            )
        if t.get("kind") not in KINDS:
            errors.append(f"{where}: kind {t.get('kind')!r} is not one of {KINDS}")
        ok = True
        for key in ("aliases", "broader", "related"):
            value = t.get(key)
            if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                errors.append(f"{where}: {key} must be a list of strings")
                ok = False
        if ok:
            good.append(t)

    # Labels: unique as written and once normalised.
    labels = Counter(t["label"] for t in good)
    for label, n in labels.items():
        if n > 1:
            errors.append(f"label {label!r} appears {n} times")
    by_key: dict[str, list[str]] = defaultdict(list)
    for t in good:
        by_key[normalise(t["label"])].append(t["label"])
    for key, names in by_key.items():
        if len(set(names)) > 1:
            errors.append(f"labels {sorted(set(names))} are the same once normalised ({key!r})")
    label_keys = {normalise(t["label"]): t["label"] for t in good}

    # Aliases.
    alias_owner: dict[str, set[str]] = defaultdict(set)
    for t in good:
        label = t["label"]
        own_key = normalise(label)
        seen: dict[str, str] = {}
        for alias in t["aliases"]:
            where = f"topic {label!r}, alias {alias!r}"
            if alias != alias.strip() or "  " in alias or not alias:
                errors.append(f"{where}: empty or stray spaces")
            if alias != alias.lower():
                errors.append(f"{where}: must be lower case")
            if len(alias) > MAX_ALIAS:
                errors.append(f"{where}: longer than {MAX_ALIAS} characters")
            key = normalise(alias)
            if not key:
                errors.append(f"{where}: empty once normalised")
                continue
            if key == own_key:
                errors.append(f"{where}: the same as its own label once normalised")
            elif key in label_keys:
                errors.append(f"{where}: equals the label of topic {label_keys[key]!r}")
            if key in seen:
                errors.append(f"{where}: repeats alias {seen[key]!r} once normalised")
            seen[key] = alias
            if len(key) <= 2 and key not in SHORT_ALLOWED:
                errors.append(f"{where}: 1-2 characters and not in SHORT_ALLOWED")
            if key in BANNED:
                errors.append(f"{where}: too generic to be an alias (BANNED)")
            alias_owner[key].add(label)
    for key, owners in sorted(alias_owner.items()):
        if len(owners) > 1:
            if ALLOWED_SHARED.get(key) == owners:
                notes.append(f"alias {key!r} is shared on purpose by {sorted(owners)}")
            else:
                errors.append(f"alias {key!r} is listed in several topics: {sorted(owners)}")
    for key, owners in ALLOWED_SHARED.items():
        if alias_owner.get(key) != owners:
            errors.append(f"ALLOWED_SHARED lists {key!r} for {sorted(owners)}, the file does not")
    for short in SHORT_ALLOWED:
        owners = alias_owner.get(short, set()) | (
            {label_keys[short]} if short in label_keys else set()
        )
        if len(owners) > 1:
            errors.append(f"short alias {short!r} leads to several topics: {sorted(owners)}")

    # Links.
    known = set(labels)
    broader_of: dict[str, list[str]] = {}
    for t in good:
        label = t["label"]
        for key in ("broader", "related"):
            names = t[key]
            if len(names) > MAX_LINKS:
                errors.append(f"topic {label!r}: more than {MAX_LINKS} {key}")
            for name, n in Counter(names).items():
                if n > 1:
                    errors.append(f"topic {label!r}: {key} lists {name!r} twice")
            for name in names:
                if name == label:
                    errors.append(f"topic {label!r}: {key} refers to itself")
                elif name not in known:
                    errors.append(f"topic {label!r}: {key} {name!r} is not a label in the file")
        both = set(t["broader"]) & set(t["related"])
        if both:
            errors.append(f"topic {label!r}: {sorted(both)} both broader and related")
        broader_of[label] = [b for b in t["broader"] if b in known and b != label]
    errors += _cycles(broader_of)

    # Size.
    kinds = Counter(t.get("kind") for t in good)
    if len(good) < MIN_TOPICS:
        errors.append(f"only {len(good)} topics, at least {MIN_TOPICS} wanted")
    if kinds["help"] < MIN_HELP:
        errors.append(f"only {kinds['help']} topics of kind 'help', at least {MIN_HELP} wanted")

    errors += _stem_checks(good, notes)  # word endings, as the app compares them
    return errors, notes


def _cycles(broader_of: dict[str, list[str]]) -> list[str]:
    """A chain of "broader" that comes back to where it started."""
    errors: list[str] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for parent in broader_of.get(node, []):
            if state.get(parent) == 1:
                cycle = path[path.index(parent) :] + [parent] if parent in path else [node, parent]
                errors.append(f"'broader' goes round in a circle: {' -> '.join(cycle)}")
            elif parent not in state:
                visit(parent, path + [parent])
        state[node] = 2

    for node in sorted(broader_of):
        if node not in state:
            visit(node, [node])
    return errors


def _stem_checks(good: list[dict], notes: list[str]) -> list[str]:
    errors: list[str] = []
    owners: dict[str, set[str]] = defaultdict(set)
    for t in good:
        label = t["label"]
        own: dict[str, str] = {}
        for name in [label, *t["aliases"]]:
            key = normalise(name)
            if not key:
                continue
            stem = stem_key(key)
            if stem in own and name != label and stem not in ALLOWED_STEM_SHARED:
                errors.append(
                    f"topic {label!r}, alias {name!r}: same word endings as {own[stem]!r}"
                    " (the app finds it without the alias)"
                )
            own.setdefault(stem, name)
            owners[stem].add(label)
    for stem, labels in sorted(owners.items()):
        if len(labels) > 1:
            if ALLOWED_STEM_SHARED.get(stem) == labels:
                notes.append(f"stem key {stem!r} is shared on purpose by {sorted(labels)}")
            else:
                errors.append(f"stem key {stem!r} leads to several topics: {sorted(labels)}")
    for stem, labels in ALLOWED_STEM_SHARED.items():
        if owners.get(stem) != labels:
            errors.append(
                f"ALLOWED_STEM_SHARED lists {stem!r} for {sorted(labels)}, the file does not"
            )
    return errors


def check_translations(data: dict, translations: object) -> list[str]:
    """Problems of the topics' names in other languages (vocabulary_translations.json).

    Every name refers to a topic of the vocabulary; no name (or its German spelling with
    ae/oe/ue, or its stem key) leads to two topics, counting the English names too; every
    topic has a label in each language unless it is listed as named the same everywhere.
    """
    from mixer.domain.vocabulary import translated_names

    if not isinstance(translations, dict):
        return ["the translations file is not a JSON object"]
    errors: list[str] = []
    unknown = set(translations) - {"about", "same_in_every_language", "languages"}
    if unknown:
        errors.append(f"translations: unknown top-level keys {sorted(unknown)}")
    if not isinstance(translations.get("about"), str) or not translations["about"].strip():
        errors.append('translations: "about" must be a non-empty string')
    languages = translations.get("languages")
    same = translations.get("same_in_every_language")
    if not isinstance(languages, dict) or not isinstance(same, list):
        return errors + [
            'translations: "languages" must be an object, "same_in_every_language" a list'
        ]
    topics = {t["label"]: t for t in data["topics"]}
    if set(languages) != set(LANGUAGES):
        errors.append(f"translations: languages {sorted(languages)}, wanted {sorted(LANGUAGES)}")
    for label in same:
        if label not in topics:
            errors.append(f"same_in_every_language: {label!r} is not a label of the vocabulary")
    for lang, named in languages.items():
        if not isinstance(named, dict):
            errors.append(f"{lang}: must be an object (label -> names)")
            continue
        for label, said in named.items():
            where = f"{lang} {label!r}"
            if label not in topics:
                errors.append(f"{where}: not a label of the vocabulary")
            if label in same and (not said or normalise(str(said[0])) != label):
                errors.append(
                    f"{where}: listed as the same in every language, so its label must be"
                    " the English one (followed by aliases only)"
                )
            if not isinstance(said, list) or not said or not all(isinstance(x, str) for x in said):
                errors.append(f"{where}: must be a non-empty list of names (the label first)")
                continue
            for name in said:
                key = normalise(name)
                if name != name.strip() or "  " in name or not key:
                    errors.append(f"{where}: name {name!r} is empty or has stray spaces")
                elif len(name) > MAX_ALIAS:
                    errors.append(f"{where}: name {name!r} longer than {MAX_ALIAS} characters")
                elif key == normalise(label):
                    continue  # "Design", "marketing": the same word as in English
                elif len(key) <= 2 and key not in SHORT_ALLOWED:
                    errors.append(f"{where}: name {name!r} has 1-2 characters")
                elif key in BANNED:
                    errors.append(f"{where}: name {name!r} is too generic (BANNED)")
            for other in said[1:]:
                if other != other.lower():
                    errors.append(f"{where}: alias {other!r} must be lower case")
    for label in topics:
        if label in same:
            continue
        missing = [lang for lang in LANGUAGES if label not in languages.get(lang, {})]
        if missing:
            errors.append(
                f"topic {label!r}: no label in {missing} (or list it in same_in_every_language)"
            )

    # No name, in any language, leads to two topics: exactly or through its stem key.
    keys: dict[str, set[str]] = defaultdict(set)
    stems: dict[str, set[str]] = defaultdict(set)
    for t in data["topics"]:
        for name in (t["label"], *t["aliases"]):
            key = normalise(name)
            keys[key].add(t["label"])
            stems[stem_key(key)].add(t["label"])
    foreign: set[str] = set()
    for label, names in translated_names(translations).items():
        for name in names:
            key = normalise(name)
            if key:
                foreign.add(key)
                keys[key].add(label)
                stems[stem_key(key)].add(label)
    for key in sorted(foreign):
        if len(keys[key]) > 1 and ALLOWED_SHARED.get(key) != keys[key]:
            errors.append(f"translated name {key!r} leads to several topics: {sorted(keys[key])}")
        stem = stem_key(key)
        if len(stems[stem]) > 1 and ALLOWED_STEM_SHARED.get(stem) != stems[stem]:
            errors.append(
                f"translated name {key!r} (stem key {stem!r}) leads to several topics:"
                f" {sorted(stems[stem])}"
            )
    return errors


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else VOCABULARY
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"{path}: cannot read it as JSON: {exc}", file=sys.stderr)
        return 1
    errors, notes = check(data)
    if len(argv) <= 1:
        errors += check_translations(data, json.loads(TRANSLATIONS.read_text(encoding="utf-8")))
    for note in notes:
        print(f"note: {note}")
    if errors:
        for error in errors:
            print(f"error: {error}", file=sys.stderr)
        print(f"{path}: {len(errors)} problem(s)", file=sys.stderr)
        return 1
    topics = data["topics"]
    kinds = Counter(t["kind"] for t in topics)
    aliases = sum(len(t["aliases"]) for t in topics)
    per_kind = ", ".join(f"{k} {kinds[k]}" for k in KINDS)
    print(f"{path}: OK, {len(topics)} topics ({per_kind}), {aliases} aliases")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
