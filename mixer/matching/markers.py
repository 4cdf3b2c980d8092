"""Related topics as marker tags: how part of a topic's value reaches a related topic.

Someone seeking React gains something from someone offering JavaScript. The engine
sees tags only, so partial value travels as marker tags ("≈2:javascript"): an offer of
a topic carries its markers, a seek carries the markers of the topics related to it,
and the two meet on the marker, worth the link's share of the topic's weight
(`scoring.Weights`). People see a marker as its topic (`shown`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .understanding import Vocabulary

BROADER, RELATED = 0.5, 0.25  # share of a topic's value its parent / a related topic gives
MARK = "\u2248"  # "≈": cannot survive `normalise`, so no typed topic is ever a marker
STRENGTHS = {"2": BROADER, "4": RELATED}  # marker level -> share of the value
_LEVEL_OF = {share: level for level, share in STRENGTHS.items()}


def marker(level: str, label: str) -> str:
    """The tag that carries part of a topic's value ("≈2:machine learning")."""
    return f"{MARK}{level}:{label}"


def marker_topic(tag: str) -> tuple[str, float] | None:
    """The topic and share a marker tag stands for; None for an ordinary topic."""
    if not tag.startswith(MARK):
        return None
    level, _, label = tag[1:].partition(":")
    return label, STRENGTHS[level]


_LEVEL_OF = {share: level for level, share in STRENGTHS.items()}


def engine_tags(
    vocab: Vocabulary, offers: Iterable[str], seeks: Iterable[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """A person's typed topics as the engine's offer and seek tags.

    Canonical topics meet exactly. For partial value, an offer of T also carries a
    marker of T at every level, and a seek of S carries, for each topic T related to S
    (and not itself sought), the marker of T at the link's level: the two meet on the
    marker, worth that share of T's weight.
    """
    offered = {t for typed in offers for t in vocab.read(typed).topics}
    sought = {t for typed in seeks for t in vocab.read(typed).topics}
    offer_tags = set(offered)
    for topic in offered:
        if vocab.links(topic):
            offer_tags.update(marker(level, topic) for level in STRENGTHS)
    best: dict[str, float] = {}
    for topic in sought:
        for other, share in vocab.links(topic).items():
            if other not in sought and share > best.get(other, 0.0):
                best[other] = share
    seek_tags = sought | {marker(_LEVEL_OF[share], t) for t, share in best.items()}
    return frozenset(offer_tags), frozenset(seek_tags)


def shown(tags: Iterable[str]) -> list[str]:
    """Engine tags as people see them: markers as their topic, each topic once, in order."""
    out: list[str] = []
    for tag in tags:
        read = marker_topic(tag)
        label = read[0] if read else tag
        if label not in out:
            out.append(label)
    return out
