"""The room's topics: how people's words were read, who offers and seeks what, typeahead."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..matching import Person
from ..matching.understanding import MARK, Vocabulary
from ..models import Event
from ..schemas import TopicCount, Understood, UnderstoodTopic
from ..vocabulary import vocabulary_for
from .room_view import matching_people


def understood(vocab: Vocabulary, offers: Sequence[str], seeks: Sequence[str]) -> Understood:
    """How each typed topic was read (`as` empty: the person's own topic)."""
    return Understood(
        offers=[UnderstoodTopic(typed=t, **{"as": vocab.read(t).shown_as}) for t in offers],
        seeks=[UnderstoodTopic(typed=t, **{"as": vocab.read(t).shown_as}) for t in seeks],
    )


@dataclass(frozen=True)
class Supply:
    """Per canonical topic: how many present people offer it and seek it."""

    offers: Counter[str]
    seeks: Counter[str]


def canonical(tags: Iterable[str]) -> set[str]:
    """The engine's tags without the markers of related topics."""
    return {t for t in tags if not t.startswith(MARK)}


def supply(people: Iterable[Person]) -> Supply:
    """Who offers and seeks what among the people who are here."""
    offers: Counter[str] = Counter()
    seeks: Counter[str] = Counter()
    for p in people:
        if p.available:
            offers.update(canonical(p.offers))
            seeks.update(canonical(p.seeks))
    return Supply(offers, seeks)


def typeahead(
    vocab: Vocabulary, room: Supply, text: str, side: str, limit: int = 8
) -> list[TopicCount]:
    """Topics for what is being typed, the ones the room uses on the other side first.

    Someone typing what they seek wants to see what people here offer, and the other
    way round. With nothing typed yet: the room's most wanted topics on the other side.
    """
    other = room.offers if side == "seeks" else room.seeks
    if text.strip():
        found = vocab.suggest(text, limit=40)
        key = text.strip().casefold()
        found += [t for t in (room.offers | room.seeks) if key in t and t not in found]
        rank = {t: i for i, t in enumerate(found)}
        chosen = sorted(found, key=lambda t: (other[t] == 0, -other[t], rank[t]))
    else:
        chosen = [t for t, _ in other.most_common()]
    return [TopicCount(topic=t, offers=room.offers[t], seeks=room.seeks[t]) for t in chosen[:limit]]


def typeahead_for(
    event: Event, text: str, side: str, asking: int | None = None
) -> list[TopicCount]:
    """`typeahead` in this event's room, counting everyone but the person asking."""
    people, _weights, _index = matching_people(event)
    others = (p for p in people if p.id != asking)
    return typeahead(vocabulary_for(event), supply(others), text, side)
