"""Contacts as vCard 3.0 cards (RFC 2426) that phones' address books import: escaped,
folded at 75 octets, with a note of where, when and over what the two people met.

The properties' names are for machines and stay as RFC 2426 spells them; only the NOTE is
written for a person, in the words of a `Note` (translated by the caller: English without
one)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .rows import ContactRecord
from .text import CRLF, N_, clean_text

VCARD_MEDIA = "text/vcard; charset=utf-8"
FOLD_OCTETS = 75
_ORG_SPLIT = re.compile(r"\s+(?:at|@)\s+", re.IGNORECASE)
_URI_ESCAPES = {",": "%2C", ";": "%3B", "\\": "%5C", " ": "%20"}


def escape_text(value: str) -> str:
    """Backslash, comma, semicolon and newlines escaped, as RFC 2426 asks of text values;
    every other control or line-separating character gone (`clean_text`)."""
    escaped = clean_text(value).replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return escaped.replace("\n", "\\n")


def plain_value(value: str) -> str:
    """For phone values, which take no escapes: drop anything that could break a line."""
    return clean_text(value, newlines=False).strip()


def uri_value(value: str) -> str:
    """URIs take no backslash escapes, and readers disagree on them: percent-encode instead."""
    kept = plain_value(value)
    return "".join(_URI_ESCAPES.get(char, char) for char in kept)


def fold(line: str) -> str:
    """Fold at 75 octets, never inside a UTF-8 character; continuations start with a space."""
    parts: list[str] = []
    current, size, limit = "", 0, FOLD_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append(current)
            current, size, limit = "", 0, FOLD_OCTETS - 1
        current += char
        size += octets
    parts.append(current)
    return (CRLF + " ").join(parts)


def split_name(name: str) -> tuple[str, str]:
    """(family, given) for N: the last word as family name, as most address books sort."""
    words = name.split()
    if len(words) < 2:
        return "", name.strip()
    return words[-1], " ".join(words[:-1])


def split_headline(headline: str) -> tuple[str, str]:
    """(title, organisation): "CTO at Acme" splits; anything less clear stays a title."""
    parts = _ORG_SPLIT.split(headline.strip())
    if len(parts) == 2 and parts[0] and parts[1][:1].isupper():
        return parts[0], parts[1]
    return headline.strip(), ""


@dataclass(frozen=True)
class Note:
    """The NOTE's sentences, each whole with its placeholders (word order differs between
    languages), and the event's date as its reader writes it ("" when it has none)."""

    met: str = N_("Met at %(place)s.")
    met_over: str = N_("Met at %(place)s over %(topics)s.")
    met_on: str = N_("Met at %(place)s on %(date)s.")
    met_on_over: str = N_("Met at %(place)s on %(date)s over %(topics)s.")
    introduced_by: str = N_("Introduced by %(name)s.")
    date: str = ""


ENGLISH = Note()
SENTENCES = ("met", "met_over", "met_on", "met_on_over", "introduced_by")


def meeting_note(contact: ContactRecord, note: Note = ENGLISH) -> str:
    """Where, when and over what you met, so the card still makes sense in a year."""
    place = f"{contact.event} ({contact.venue})" if contact.venue else contact.event
    values = {"place": place, "date": note.date, "topics": ", ".join(contact.topics)}
    if note.date:
        sentence = note.met_on_over if contact.topics else note.met_on
    else:
        sentence = note.met_over if contact.topics else note.met
    text = sentence % values
    if contact.introduced_by:
        text += " " + note.introduced_by % {"name": contact.introduced_by}
    return text


def vcard(contact: ContactRecord, note: Note = ENGLISH) -> str:
    """One contact as a vCard 3.0 card (RFC 2426; several Android contact apps reject 4.0)."""
    family, given = split_name(contact.name)
    title, org = split_headline(contact.headline)
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{escape_text(family)};{escape_text(given)};;;",
        f"FN:{escape_text(contact.name)}",
    ]
    if org:
        lines.append(f"ORG:{escape_text(org)}")
    if title:
        lines.append(f"TITLE:{escape_text(title)}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{escape_text(plain_value(contact.email))}")
    if contact.phone and plain_value(contact.phone):
        lines.append(f"TEL;TYPE=VOICE:{plain_value(contact.phone)}")
    if contact.profile_url and uri_value(contact.profile_url):
        lines.append(f"URL:{uri_value(contact.profile_url)}")
    lines.append(f"NOTE:{escape_text(meeting_note(contact, note))}")
    lines.append("END:VCARD")
    return "".join(fold(line) + CRLF for line in lines)


def vcards(contacts: Iterable[ContactRecord], note: Note = ENGLISH) -> str:
    """A file of cards; no contacts is an empty file, which address books import as nothing."""
    return "".join(vcard(c, note) for c in contacts)
