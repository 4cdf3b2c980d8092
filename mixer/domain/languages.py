"""The languages Mixer speaks: each with its own name, and the direction it is written in."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.messages.pofile import read_po

DEFAULT = "en"
# Code -> the language's name in itself: a person looks for their own language's name.
SHIPPED: dict[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "ar": "العربية",
}
RIGHT_TO_LEFT = frozenset({"ar"})


def direction(code: str) -> str:
    """`dir` of a page in this language: the layout mirrors for right-to-left scripts."""
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


def known_time_zone(name: str) -> bool:
    """An IANA time zone name this machine knows ("Europe/Berlin", "UTC")."""
    if not name or len(name) > 64 or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


# CLDR's plural categories in the order gettext numbers a language's forms (Babel writes the
# catalogs' Plural-Forms from CLDR in this order), so form i of a message is category i.
CATEGORIES = ("zero", "one", "two", "few", "many", "other")
SCRIPTS = "static/js/"  # where the messages the browser shows are found


@cache
def script_words(code: str, catalogs: Path) -> tuple[bytes, str]:
    """The words a language's scripts show, as the JSON file pages load (and the service
    worker keeps, so an offline phone speaks the same language), with a short digest of it
    for the file's address: a changed catalog is a new address, so no phone keeps stale words.

    `messages`: the scripts' messages translated; `topics`: the built-in topics' labels in the
    language (people's own topics are not in it: they stay as typed).
    """
    from .vocabulary import labels_in

    words = {"messages": script_messages(code, catalogs), "topics": labels_in(code)}
    body = json.dumps(words, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    return body, hashlib.sha256(body).hexdigest()[:12]


@cache
def script_messages(code: str, catalogs: Path) -> dict[str, str | dict[str, str]]:
    """The translations of the messages the scripts show, for one language.

    A plural message maps each CLDR category (`Intl.PluralRules` in the browser picks one)
    to its form; an untranslated message is left out (the script shows its own words).
    """
    path = catalogs / code / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        return {}
    with path.open("rb") as source:
        catalog = read_po(source, locale=code)
    tags = [tag for tag in CATEGORIES if tag in Locale.parse(code).plural_form.tags | {"other"}]
    found: dict[str, str | dict[str, str]] = {}
    for message in catalog:
        if not message.id or message.fuzzy or not message.string:
            continue
        if not any(str(where).startswith(SCRIPTS) for where, _line in message.locations):
            continue
        if isinstance(message.id, tuple | list):
            forms = list(message.string)
            if all(forms):
                found[message.id[0]] = dict(zip(tags, forms, strict=False))
        else:
            found[str(message.id)] = str(message.string)
    return found
