"""Each person's few best partners in a big room, found with matrix products.

Re-choosing thousands of suggestions at once needs the pairs worth considering, but a
room of 5,000 has millions of pairs with some value and scoring them one by one in
Python takes many seconds. Row blocks of the value matrix (topics as columns, as in
`rounds.pair_values`) cost a fraction of that, and keeping each person's top few
partners leaves a graph small enough for an exact solver, while an optimal plan rarely
uses anyone's tenth-best partner. The values are for ranking: chosen pairs are scored
again by `score_pair`, so what is shown stays bit-identical to continuous mode.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence

import numpy as np

from .model import Person
from .scoring import ONE_WAY_DISCOUNT, UNKNOWN_WEIGHT

BLOCK_CELLS = 2_000_000  # cells of the value matrix held at once (16 MB per temporary)


def top_partners(
    people: Sequence[Person],
    weights: Mapping[str, float],
    keep: int,
    blocked: Collection[tuple[int, int]] = (),
) -> dict[tuple[int, int], float]:
    """Pairs (row numbers i < j) where j is among i's `keep` best or i among j's, valued.

    Pairs in `blocked` (row numbers, either order) and pairs the rules forbid (no value
    either way, one-way without a mentor) are left out.
    """
    found: dict[tuple[int, int], float] = {}
    k = min(keep, len(people) - 1)
    if k <= 0:
        return found
    for rows, values in value_blocks(people, weights, blocked):
        best = np.argpartition(-values, k - 1, axis=1)[:, :k]
        worth = np.take_along_axis(values, best, axis=1)
        for r, c, w in zip(*np.nonzero(worth > 0), worth[worth > 0], strict=True):
            i, j = int(rows[r]), int(best[r, c])
            found[(i, j) if i < j else (j, i)] = float(w)
    return found


def value_blocks(
    people: Sequence[Person],
    weights: Mapping[str, float],
    blocked: Collection[tuple[int, int]] = (),
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The value matrix a block of rows at a time: (row numbers, rows x everyone).

    0 for oneself, for blocked pairs (row numbers, either order) and where the rules
    allow nothing.
    """
    n = len(people)
    seeks, offers = _incidence(people, weights)
    mentor = np.array([p.gives_freely for p in people], dtype=bool)
    never = np.array(sorted({(x, y) for a, b in blocked for x, y in ((a, b), (b, a))}), dtype=int)
    never = never.reshape(-1, 2)
    step = max(1, BLOCK_CELLS // max(n, 1))
    for start in range(0, n, step):
        rows = np.arange(start, min(n, start + step))
        values = _block_values(seeks, offers, mentor, rows)
        values[np.arange(len(rows)), rows] = 0.0  # nobody meets themselves
        hit = never[(never[:, 0] >= rows[0]) & (never[:, 0] <= rows[-1])]
        values[hit[:, 0] - start, hit[:, 1]] = 0.0
        yield rows, values


def _incidence(people: Sequence[Person], weights: Mapping[str, float]) -> tuple[np.ndarray, ...]:
    """People x topics: 1 where sought; the topic's weight where offered."""
    topics = sorted({t for p in people for t in p.offers} & {t for p in people for t in p.seeks})
    column = {t: k for k, t in enumerate(topics)}
    seeks = np.zeros((len(people), len(topics)))
    offers = np.zeros((len(people), len(topics)))
    for i, p in enumerate(people):
        seeks[i, [column[t] for t in p.seeks if t in column]] = 1.0
        offers[i, [column[t] for t in p.offers if t in column]] = 1.0
    offers *= np.array([weights.get(t, UNKNOWN_WEIGHT) for t in topics])
    return seeks, offers


def _block_values(
    seeks: np.ndarray, offers: np.ndarray, mentor: np.ndarray, rows: np.ndarray
) -> np.ndarray:
    """Value of rows x everyone, as `scoring.verdict` rules it (0 where not allowed)."""
    gets = seeks[rows] @ offers.T  # what the row's person gains from each column's
    gives = offers[rows] @ seeks.T  # what each column's person gains from the row's
    two_way = (gets > 0) & (gives > 0)
    one_way = ~two_way & (((gets > 0) & mentor[None, :]) | ((gives > 0) & mentor[rows, None]))
    values = gets + gives
    values[one_way] *= ONE_WAY_DISCOUNT
    values[~(two_way | one_way)] = 0.0
    return values
