"""The engine's words (`matching.phrases`) said in the reader's language: the request's, or
the one a push is built in (`flask_babel.force_locale`, see `services.pushes`)."""

from __future__ import annotations

from collections.abc import Iterable

from babel.lists import format_list
from flask_babel import get_locale, gettext

from ..domain.languages import DEFAULT
from ..domain.vocabulary import label_in
from ..matching.phrases import Phrase, english_list, filled

# The engine's placeholders that name people or the event: everything else names topics.
NAMES = frozenset({"name", "event"})


def _language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT


def listed(items: Iterable[str]) -> str:
    """Topics listed the language's way: "a, b and c", "a, b und c", "a وb وc", each built-in
    topic by its label in the language (a topic people made up stays as typed)."""
    language = _language()
    words = [label_in(word, language) for word in items]
    if language == DEFAULT or len(words) < 2:
        return english_list(words)
    return format_list(words, locale=get_locale())


def say(text: str) -> str:
    """`text` in the reader's language, when the engine made it (else as it is)."""
    if not isinstance(text, Phrase):
        return str(text)
    language = _language()
    return " ".join(
        filled(
            gettext(message),
            {
                k: v if k in NAMES or not isinstance(v, str) else label_in(v, language)
                for k, v in params.items()
            },
            listed,
        )
        for message, params in text.parts
    )
