"""Words for people, made where nobody knows their language yet.

The engine writes English, and keeps how each sentence was made: its message (the gettext
msgid, marked with `N_` so the catalogs find it) and the values of its placeholders. The
service or presenter that shows it translates it into the reader's language
(`shapes.speech.say`); anywhere else it reads as the English text it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

# A placeholder's value: a word, or several listed ("a, b and c" in the reader's language).
Value = str | tuple[str, ...]
Part = tuple[str, Mapping[str, Value]]


def N_(message: str) -> str:
    """Marks a message for the catalogs; it is translated where it is shown."""
    return message


def english_list(items: Iterable[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def filled(
    message: str, params: Mapping[str, Value], listed: Callable[[Iterable[str]], str] = english_list
) -> str:
    """One message with its placeholders filled (lists joined by `listed`)."""
    if not params:
        return message
    return message % {k: listed(v) if isinstance(v, tuple) else v for k, v in params.items()}


class Phrase(str):
    """English text that remembers its sentences: each a message and its placeholders'
    values, said one after the other (each a whole sentence, never a piece of one)."""

    parts: tuple[Part, ...]

    def __new__(cls, *parts: Part) -> Phrase:
        made = super().__new__(cls, " ".join(filled(m, p) for m, p in parts))
        made.parts = tuple(parts)
        return made


def phrase(message: str, **params: Value) -> Phrase:
    """One sentence."""
    return Phrase((message, params))


def joined(sentences: Sequence[Phrase]) -> Phrase:
    """Sentences said one after the other."""
    return Phrase(*(part for sentence in sentences for part in sentence.parts))
