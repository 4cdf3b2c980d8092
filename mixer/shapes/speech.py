"""The engine's words (`matching.phrases`) said in the reader's language: the request's, or
the one a push is built in (`flask_babel.force_locale`, see `services.pushes`)."""

from __future__ import annotations

from collections.abc import Iterable

from babel.lists import format_list
from flask_babel import get_locale, gettext

from ..domain.languages import DEFAULT
from ..matching.phrases import Phrase, english_list, filled


def listed(items: Iterable[str]) -> str:
    """Topics listed the language's way: "a, b and c", "a, b und c", "a وb وc"."""
    words = list(items)
    locale = get_locale()
    if locale is None or locale.language == DEFAULT or len(words) < 2:
        return english_list(words)
    return format_list(words, locale=locale)


def say(text: str) -> str:
    """`text` in the reader's language, when the engine made it (else as it is)."""
    if not isinstance(text, Phrase):
        return str(text)
    return " ".join(filled(gettext(message), params, listed) for message, params in text.parts)
