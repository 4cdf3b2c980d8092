"""How much two people gain from meeting: rarer topics count more.

The rule for making an introduction ("two-way, or one-way with a mentor at half value")
lives here in its two forms: `verdict` for one pair, `verdicts` for matrices of pairs.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING

from .markers import MARK, marker_topic, shown
from .model import Member, Suggestion

if TYPE_CHECKING:  # only the solvers hand in arrays; a server never loads numpy here
    import numpy as np

ONE_WAY_DISCOUNT = 0.5  # a mentoring introduction is good, a two-way one better
UNKNOWN_WEIGHT = 1.0  # a topic missing from the weights counts like the commonest one


def topic_weights(people: Iterable[Member]) -> Weights:
    """IDF-like weights: a topic few people mention makes a match on it more telling.

    A topic everybody mentions weighs 1; one mentioned by a single person in a room of
    N weighs 1 + ln N. Offers and seeks both count, so a topic is rare only if few
    people care about it either way.
    """
    everyone = list(people)
    # Counted in bulk, without a union set per person: allocating thousands of sets per
    # call set off the cyclic garbage collector and put 30 ms into one call in twenty.
    df = Counter(chain.from_iterable(map(attrgetter("offers"), everyone)))
    df.update(chain.from_iterable(map(attrgetter("seeks"), everyone)))
    both = [p.offers & p.seeks for p in everyone if not p.offers.isdisjoint(p.seeks)]
    df.subtract(chain.from_iterable(both))  # a topic both offered and sought counts once
    return weights_from_counts(df, len(everyone))


def weights_from_counts(df: Mapping[str, int], n: int) -> Weights:
    """`topic_weights` from how many of `n` people mention each topic."""
    return Weights(df, n)


class Weights(Mapping[str, float]):
    """Topic weights, each worked out the first time it is asked for.

    Every arrival changes every weight (N grows), yet a newcomer's suggestions read only
    the weights of their own few topics: computing all of them up front was most of a
    join's matching time in a room of thousands. A marker tag (part of a related topic's
    value, see `markers.engine_tags`) is not a topic of its own: it weighs its
    share of its topic's weight.
    """

    __slots__ = ("_df", "_memo", "_n")

    def __init__(self, df: Mapping[str, int], n: int) -> None:
        self._df = {t: count for t, count in df.items() if count > 0}  # a snapshot
        self._n = max(n, 1)
        self._memo: dict[str, float] = {}

    def __getitem__(self, topic: str) -> float:
        weight = self._memo.get(topic)
        if weight is None:
            if topic[:1] == MARK:
                label, share = marker_topic(topic)  # type: ignore[misc]
                if topic not in self._df:
                    raise KeyError(topic)
                weight = self[label] * share
            else:
                weight = 1.0 + math.log(self._n / self._df[topic])
            self._memo[topic] = weight
        return weight

    def __iter__(self) -> Iterator[str]:
        return (t for t in self._df if t[:1] != MARK or marker_topic(t)[0] in self._df)  # type: ignore[index]

    def __len__(self) -> int:
        return sum(1 for _ in self)


def value(
    seeks: Iterable[str], offers: Iterable[str], weights: Mapping[str, float]
) -> tuple[float, tuple[str, ...]]:
    """What someone seeking `seeks` gains from someone offering `offers`, and on which topics.

    Topics come most valuable (rarest) first, then by name, each once as people name it
    (a related topic's marker as its topic). The total is summed in name order, the same
    order the candidate index uses, so both give bit-identical scores.
    """
    common = sorted(set(seeks) & set(offers))
    total = sum(weights.get(t, UNKNOWN_WEIGHT) for t in common)
    topics = tuple(shown(sorted(common, key=lambda t: (-weights.get(t, UNKNOWN_WEIGHT), t))))
    return float(total), topics


def verdict(a: Member, b: Member, to_a: float, to_b: float) -> tuple[float, bool] | None:
    """The rule for making an introduction: its score and whether it is one-way, or None.

    Two-way when both gain. One-way only when the giving side opted in to mentoring or
    came only to give (a giver who seeks nothing), and discounted so that a two-way
    introduction wins a tie.
    """
    if to_a > 0 and to_b > 0:
        return to_a + to_b, False
    if to_a > 0 and b.gives_freely:
        return to_a * ONE_WAY_DISCOUNT, True
    if to_b > 0 and a.gives_freely:
        return to_b * ONE_WAY_DISCOUNT, True
    return None


def verdicts(
    gets: np.ndarray, gives: np.ndarray | None, row_free: np.ndarray, col_free: np.ndarray
) -> np.ndarray:
    """`verdict` for a matrix of pairs at once: each pair's score, 0 where it allows none.

    Pair (i, j) joins row person i, who gains `gets[i, j]`, and column person j, who
    gains `gives[i, j]`; `row_free` (a column) and `col_free` (a row) say who gives
    freely. Cell for cell it is `verdict(i, j, gets[i, j], gives[i, j])`'s score, bit for
    bit: a one-way pair's other side gains exactly 0, so halving the sum halves the gain.
    `gives` None: a whole room against itself, where what j gains from i is `gets[j, i]`;
    its masks are then views of the transpose, not N x N more (25 MB each at 5,000).
    """
    gets_some = gets > 0
    gives_some = gets_some.T if gives is None else gives > 0
    two_way = gets_some & gives_some
    one_way = (gets_some & col_free) | (gives_some & row_free)
    del gets_some, gives_some  # gone before the values are made: a lower peak
    one_way &= ~two_way
    values = gets + (gets.T if gives is None else gives)
    values[one_way] *= ONE_WAY_DISCOUNT
    values[~(two_way | one_way)] = 0.0
    return values


def score_pair(x: Member, y: Member, weights: Mapping[str, float]) -> Suggestion | None:
    """The introduction of x and y, or None when it may not be made."""
    if x.id == y.id:
        return None
    a, b = (x, y) if x.id < y.id else (y, x)
    to_a, a_gets = value(a.seeks, b.offers, weights)
    to_b, b_gets = value(b.seeks, a.offers, weights)
    judged = verdict(a, b, to_a, to_b)
    if judged is None:
        return None
    score, one_way = judged
    return Suggestion(a.id, b.id, score, a_gets, b_gets, one_way)


def round_pair(x: Member, y: Member, weights: Mapping[str, float]) -> Suggestion:
    """A pair a round puts together: `score_pair`'s answer, or a wildcard worth 0.

    A round meets people even where the rule above allows nothing (the room left no better
    choice): what each side gains is still listed, but the pair counts as one-way only
    when the giving side opted in, so nobody is told they came to "pay it forward"
    unless they did.
    """
    scored = score_pair(x, y, weights)
    if scored is not None:
        return scored
    a, b = (x, y) if x.id < y.id else (y, x)
    return Suggestion(
        a.id,
        b.id,
        0.0,
        value(a.seeks, b.offers, weights)[1],
        value(b.seeks, a.offers, weights)[1],
        False,
    )
