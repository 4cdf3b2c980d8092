"""Each person's few best partners in a big room, found with matrix products.

Re-choosing thousands of suggestions at once needs the pairs worth considering, but a
room of 5,000 has millions of pairs with some value and scoring them one by one in
Python takes many seconds. Row blocks of the value matrix (`pairs.value_blocks`) cost
a fraction of that, and keeping each person's top few
partners leaves a graph small enough for an exact solver, while an optimal plan rarely
uses anyone's tenth-best partner. The values are for ranking: chosen pairs are scored
again by `score_pair`, so what is shown stays bit-identical to continuous mode.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import numpy as np

from .model import Person
from .pairs import value_blocks


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
