"""The value of many pairs at once, as matrices: topics as columns, a product per block.

Scoring a room of thousands pair by pair in Python takes seconds; as matrices,
value(i <- j) = seeks_i . (offers_j * weight) for a whole block of rows is one product,
and `scoring.verdicts` then applies the rule to every pair of it. Rounds take the whole
room at once (`pair_values`); the re-balance's shortlist and pricing, and the whole
room's suggestions, go a block of rows at a time (`value_blocks`, `block_values`), so
a room of 10,000 never holds its 100 million values at once.

The matrices rank and bound; what people are shown is scored again by `score_pair`.
Within the rounding of a sum, both agree (`tests/engine/test_matching_pairs.py`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence

import numpy as np

from .model import Member
from .scoring import UNKNOWN_WEIGHT, verdicts

BLOCK_CELLS = 2_000_000  # cells of the value matrix held at once (16 MB per temporary)


def incidence(people: Sequence[Member], weights: Mapping[str, float]) -> tuple[np.ndarray, ...]:
    """People x topics: 1 where sought; the topic's weight where offered.

    Only topics both offered and sought by someone are columns: no other adds value.
    """
    topics = sorted({t for p in people for t in p.offers} & {t for p in people for t in p.seeks})
    column = {t: k for k, t in enumerate(topics)}
    seeks = np.zeros((len(people), len(topics)))
    offers = np.zeros((len(people), len(topics)))
    for i, p in enumerate(people):
        seeks[i, [column[t] for t in p.seeks if t in column]] = 1.0
        offers[i, [column[t] for t in p.offers if t in column]] = 1.0
    offers *= np.array([weights.get(t, UNKNOWN_WEIGHT) for t in topics])
    return seeks, offers


def givers(people: Sequence[Member]) -> np.ndarray:
    """Who gives freely (open to one-way introductions), per person."""
    return np.array([p.gives_freely for p in people], dtype=bool)


def pair_values(people: Sequence[Member], weights: Mapping[str, float]) -> np.ndarray:
    """The value of every pair, as `score_pair` rules it (0 where it allows nothing).

    What j gains from i is what i gains from j, transposed: one product, not two. Half
    the arithmetic, and the values come out exactly symmetric.
    """
    seeks, offers = incidence(people, weights)
    gets = seeks @ offers.T  # gets[i, j]: what i gains from j
    free = givers(people)
    return verdicts(gets, None, free[:, None], free[None, :])


def block_values(
    seeks: np.ndarray,
    offers: np.ndarray,
    free: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray | None = None,
) -> np.ndarray:
    """Values of rows x cols (None: everyone) from `incidence`'s matrices and `givers`."""
    picked = slice(None) if cols is None else cols  # everyone: a view, not a copy
    gets = seeks[rows] @ offers[picked].T  # what the row's person gains from each column's
    gives = offers[rows] @ seeks[picked].T  # what each column's person gains from the row's
    return verdicts(gets, gives, free[rows, None], free[picked][None, :])


def value_blocks(
    people: Sequence[Member],
    weights: Mapping[str, float],
    blocked: Collection[tuple[int, int]] = (),
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The value matrix a block of rows at a time: (row numbers, rows x everyone).

    0 for oneself, for blocked pairs (row numbers, either order) and where the rules
    allow nothing.
    """
    n = len(people)
    seeks, offers = incidence(people, weights)
    free = givers(people)
    never = np.array(sorted({(x, y) for a, b in blocked for x, y in ((a, b), (b, a))}), dtype=int)
    never = never.reshape(-1, 2)
    step = max(1, BLOCK_CELLS // max(n, 1))
    for start in range(0, n, step):
        rows = np.arange(start, min(n, start + step))
        values = block_values(seeks, offers, free, rows)
        values[np.arange(len(rows)), rows] = 0.0  # nobody meets themselves
        hit = never[(never[:, 0] >= rows[0]) & (never[:, 0] <= rows[-1])]
        values[hit[:, 0] - start, hit[:, 1]] = 0.0
        yield rows, values
