"""The odd one out: a branch and bound over trios, when the count of a room is odd.

Adding the odd one out where they add most is not always best: a better trio may need
the pairs around it to change. Trios are ranked by an upper bound on the best plan
holding them (`pairing_bound.reduced_values`), and tried in that order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import numpy as np

from .model import Pair
from .pairing import TOLERANCE, Pairing, plan_value

Matcher = Callable[[np.ndarray, np.ndarray, np.ndarray], tuple[list[Pair], list[int]]]
TRIO_WORK = 4_000_000  # trio search: matchings tried ~ this / n**3 (about 1 s at n = 120)
TRIO_TRIES = 12  # ... but never fewer than this


def trio_search(
    values: np.ndarray,
    allowed: np.ndarray,
    start: Pairing,
    match: Matcher,
    reduced: np.ndarray,
    most: float,
    *,
    settles: bool,
) -> Pairing:
    """Branch and bound over trios, from a first plan; `match` pairs everyone else.

    Trios are tried in the order of an upper bound on the best plan containing them
    (`most` plus their reduced value), each with a fresh pairing of everyone else, until
    no untried trio could beat the best plan found. When `match` is exact a tried trio
    is settled; otherwise its bound stays a doubt.
    """
    best, found = start, _worth(values, start.pairs, start.trio)
    doubt = -np.inf  # the highest bound among trios not settled
    tries = max(TRIO_TRIES, TRIO_WORK // max(len(values), 1) ** 3)
    for gain, *members in _trios(reduced, found - most, tries + 1):
        bound = most + gain  # no plan with this trio is worth more
        if _settled(bound, found):
            break
        if tries == 0:
            doubt = max(doubt, bound)
            break
        tries -= 1
        trio = tuple(int(m) for m in members)
        pairs, left = match(values, allowed, np.setdiff1d(np.arange(len(values)), trio))
        if not settles:
            doubt = max(doubt, bound)
        if not left and _worth(values, pairs, trio) > found:
            found = _worth(values, pairs, trio)
            best = Pairing(pairs, trio, [], None)  # type: ignore[arg-type]
    if best.trio is None:  # no trio found: plans without one count, and the pairs' proof
        proven = settles and _settled(doubt, found)
        return replace(best, bound=None if proven else max(doubt, most))
    return replace(best, bound=None if _settled(doubt, found) else max(doubt, found))


def _settled(bound: float, found: float) -> bool:
    """Whether plans worth at most `bound` cannot beat the plan worth `found`."""
    if bound == -np.inf:
        return True
    return found > -np.inf and bound <= found + TOLERANCE * max(1.0, abs(found))


def _worth(values: np.ndarray, pairs: list[Pair], trio: tuple[int, ...] | None) -> float:
    """Total value of a plan with a trio; -inf with none (the odd one out is not placed)."""
    return -np.inf if trio is None else plan_value(values, pairs, trio)


def top_trio(reduced: np.ndarray) -> float:
    """The most any allowed trio's reduced value reaches; -inf when no trio is allowed."""
    return max((float(sums.max()) for _k, _i, _j, sums in _trio_sums(reduced)), default=-np.inf)


def _trios(reduced: np.ndarray, floor: float, count: int) -> np.ndarray:
    """Rows (reduced value, i, j, k) of the `count` best allowed trios above `floor`."""
    found = [np.empty((0, 4))]
    for k, i, j, sums in _trio_sums(reduced):
        keep = np.flatnonzero(sums > floor)
        if len(keep) > count:
            keep = keep[np.argpartition(-sums[keep], count - 1)[:count]]
        found.append(np.column_stack([sums[keep], i[keep], j[keep], np.full(len(keep), k)]))
    trios = np.concatenate(found)
    return trios[np.lexsort((trios[:, 3], trios[:, 2], trios[:, 1], -trios[:, 0]))][:count]


def _trio_sums(reduced: np.ndarray) -> Iterator[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
    """For each k, every i < j < k and the sum of `reduced` over the trio's three pairs."""
    for k in range(2, len(reduced)):
        i, j = np.triu_indices(k, 1)
        yield k, i, j, reduced[i, j] + reduced[i, k] + reduced[j, k]
