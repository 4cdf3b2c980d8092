"""The room's topics: how people's words were read, who offers and seeks what, typeahead."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.models import Event
from ..domain.vocabulary import vocabulary_for
from ..matching.understanding import Vocabulary
from ..shapes.people import Understood, UnderstoodTopic
from ..shapes.stats import TopicCount
from .engine_view import room_as_read
from .supply import Supply


def understood(vocab: Vocabulary, offers: Sequence[str], seeks: Sequence[str]) -> Understood:
    """How each typed topic was read (`as` empty: the person's own topic)."""
    return Understood(
        offers=[UnderstoodTopic(typed=t, **{"as": vocab.read(t).shown_as}) for t in offers],
        seeks=[UnderstoodTopic(typed=t, **{"as": vocab.read(t).shown_as}) for t in seeks],
    )


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
    room, people, _weights = room_as_read(event)
    if asking is not None:  # their own topics are not news to them
        room = room.without(people.get(asking))
    return typeahead(vocabulary_for(event), room, text, side)
