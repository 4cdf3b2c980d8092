"""The rules for the topics people type: how a tag is cleaned, how many fit, which an
intent needs, and how an organizer declares two topics the same.

Plain functions, no pydantic and no request: the API's and the forms' shapes apply them
(`mixer.shapes.fields`), and the use cases check an intent against its topics with
`topic_errors`, whichever face the change came through.
"""

from __future__ import annotations

import re
from typing import Any

from ..matching.phrases import N_, phrase
from ..matching.words import normalise

MAX_TAG = 40  # characters in one topic
MAX_TAGS = 12  # topics one person offers, or seeks
MAX_TOPICS = 60  # topics an organizer suggests for the event
MAX_ALIASES = 200  # aliases an organizer declares for the event
_SPACES = re.compile(r"\s+")


def normalise_tag(raw: str) -> str:
    """Trim and collapse inner spaces; otherwise kept as typed (matching reads it later)."""
    return _SPACES.sub(" ", raw).strip()


def tag_list(value: Any, most: int) -> Any:
    """A list of tags, or one comma-separated string (what a plain form field sends).

    A list is held to its documented limits as sent: at most `most` entries of at most
    MAX_TAG characters. Then tags are normalised, and empty and repeated ones dropped.
    Anything else is given back untouched, for the shape's own type check to refuse.
    """
    listed = isinstance(value, list)
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        return value
    if not all(isinstance(v, str) for v in value):
        raise ValueError(phrase(N_("Tags must be text.")))
    if listed and len(value) > most:
        raise ValueError(too_many(most, len(value)))
    seen: list[str] = []
    folded: set[str] = set()
    for raw in value:
        tag = normalise_tag(raw)
        if len(raw if listed else tag) > MAX_TAG:
            raise ValueError(
                phrase(
                    N_("Keep each tag to %(most)s characters: '%(tag)s…' is longer."),
                    most=str(MAX_TAG),
                    tag=tag[:20],
                )
            )
        if tag and not normalise(tag):
            wordless = N_("'%(tag)s' has no letters or digits: name the topic in words.")
            raise ValueError(phrase(wordless, tag=tag[:20]))
        if tag and tag.casefold() not in folded:  # "Python" and "python" are one topic
            seen.append(tag)
            folded.add(tag.casefold())
    if len(seen) > most:
        raise ValueError(too_many(most, len(seen)))
    return seen


def topic_aliases(value: Any) -> Any:
    """Typed text -> the topic it means; both trimmed, an alias naming itself dropped.

    Anything but a mapping is given back untouched, for the shape's type check to refuse.
    """
    if not isinstance(value, dict):
        return value
    out = {}
    for alias, topic in value.items():
        if not isinstance(topic, str):
            raise ValueError(phrase(N_("Each alias names one topic, as text.")))
        alias, topic = normalise_tag(alias), normalise_tag(topic)
        if not normalise(alias) or not normalise(topic):
            raise ValueError(phrase(N_("An alias and its topic need letters or digits.")))
        if len(alias) > MAX_TAG or len(topic) > MAX_TAG:
            raise ValueError(
                phrase(N_("Keep aliases and topics to %(most)s characters."), most=str(MAX_TAG))
            )
        if normalise(alias) != normalise(topic):
            out[alias] = topic
    return out


def too_many(most: int, given: int) -> str:
    return phrase(
        N_("At most %(most)s tags, please: you gave %(given)s."), most=str(most), given=str(given)
    )


TOPIC_NEEDED = {
    "offers": N_("Add at least one topic you can offer."),
    "seeks": N_("Add at least one topic you are looking for."),
}


def needed_topics(intent: str) -> tuple[str, ...]:
    """Matching needs something to match on: givers offer, seekers seek, 'both' do both."""
    return {"give": ("offers",), "seek": ("seeks",), "both": ("offers", "seeks")}[intent]


def topic_errors(intent: str, offers: list[str], seeks: list[str]) -> dict[str, str]:
    """Field -> what to add, for each side this intent needs and left empty ({}: none)."""
    lists = {"offers": offers, "seeks": seeks}
    return {name: TOPIC_NEEDED[name] for name in needed_topics(intent) if not lists[name]}
