"""How much two people gain from meeting: rarer topics count more."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

from .model import Person, Suggestion

ONE_WAY_DISCOUNT = 0.5  # a mentoring introduction is good, a two-way one better


def topic_weights(people: Iterable[Person]) -> dict[str, float]:
    """IDF-like: a topic few people mention makes a match on it more telling."""
    df: Counter[str] = Counter()
    n = 0
    for p in people:
        n += 1
        df.update(p.offers | p.seeks)
    n = max(n, 1)
    return {t: 1.0 + math.log(n / c) for t, c in df.items()}


def value(
    seeks: Iterable[str], offers: Iterable[str], weights: Mapping[str, float]
) -> tuple[float, tuple[str, ...]]:
    """Value of `offers` to someone seeking `seeks`, with the topics met, rarest first."""
    common = set(seeks) & set(offers)
    topics = tuple(sorted(common, key=lambda t: (-weights.get(t, 1.0), t)))
    return sum(weights.get(t, 1.0) for t in topics), topics


def score_pair(x: Person, y: Person, weights: Mapping[str, float]) -> Suggestion | None:
    """The introduction of x and y, or None when it is not allowed to be made."""
    if x.id == y.id:
        return None
    a, b = (x, y) if x.id < y.id else (y, x)
    va, a_gets = value(a.seeks, b.offers, weights)
    vb, b_gets = value(b.seeks, a.offers, weights)
    if va > 0 and vb > 0:
        return Suggestion(a.id, b.id, va + vb, a_gets, b_gets, one_way=False)
    if va > 0 and b.mentor:
        return Suggestion(a.id, b.id, va * ONE_WAY_DISCOUNT, a_gets, b_gets, one_way=True)
    if vb > 0 and a.mentor:
        return Suggestion(a.id, b.id, vb * ONE_WAY_DISCOUNT, a_gets, b_gets, one_way=True)
    return None
