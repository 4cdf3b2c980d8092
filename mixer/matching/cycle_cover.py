"""Large rooms: pair everyone through a maximum-weight cycle cover, then repair.

Exact matching on a general graph (blossoms) is cubic and, in pure Python, takes seconds
at a couple of hundred people. Letting every person pick one distinct "next" person is an
assignment problem, which scipy solves in well under a second at thousands. Its cycles
are mostly pairs already; longer cycles split into pairs, leaving one person per odd
cycle, and repairs finish the job: swaps between two pairs, then exact re-matching of
the few dozen people furthest below their best partner. Every plan is such an assignment
too (a pair is a 2-cycle), so half the assignment's weight bounds the best plan.

Like every solver of a round, it works on row numbers (see `pairing`).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from .blossom import blossom_pairs
from .model import Pair
from .pairing import TOLERANCE, Pairing, plan_value
from .seating import seat_one_of

REGION = 90  # people re-matched exactly at once: networkx takes ~30-150 ms for that many
POLISH_ROUNDS = 8  # regions re-matched per plan, at most


def cover_pairing(values: np.ndarray, allowed: np.ndarray) -> Pairing:
    """A near-optimal plan for everyone, with one trio when the count is odd."""
    pairs, waiting, bound = cover_pairs(values, allowed)
    return seat_one_of(values, allowed, pairs, waiting, bound)


def cover_pairs(values: np.ndarray, allowed: np.ndarray) -> tuple[list[Pair], list[int], float]:
    """Pairs from the cover after repairs, who is still waiting, and a bound on any plan."""
    penalty = 1.0 + 2.0 * float(values.max(initial=0.0)) * len(values)
    nexts, cover = _cover(values, allowed, penalty)
    scored = np.where(allowed, values, -penalty)  # a blocked pair costs more than any plan
    pairs, waiting = _split(nexts, scored)
    pairs = swap_pairs(scored, pairs)
    if not all(allowed[pair] for pair in pairs):
        pairs, waiting = _rematch(values, allowed, pairs, waiting)
    pairs = polish(values, allowed, pairs)
    # A plan is an assignment too, its trio a 3-cycle counted once, not twice: so the
    # best plan is worth at most half the cover plus half the best trio.
    bound = cover / 2 + (trio_most(values, allowed) / 2 if waiting else 0.0)
    return pairs, sorted(waiting), bound


def trio_most(values: np.ndarray, allowed: np.ndarray) -> float:
    """At least what any allowed trio is worth: a pair, plus each one's best other partner."""
    n = len(values)
    if n < 3:
        return 0.0
    rows = np.arange(n)
    usable = np.where(allowed, values, 0.0)
    favourite = usable.argmax(axis=1)
    first = usable[rows, favourite]
    usable[rows, favourite] = -np.inf
    second = usable.max(axis=1)
    usable[rows, favourite] = first
    # A pair (a, b) adds a's best other partner and b's: `first`, unless that is the other.
    most = np.where(allowed, usable + first[:, None] + first[None, :], -np.inf)
    most[rows, favourite] = most[favourite, rows] = -np.inf  # these are settled below
    a, b = rows[allowed[rows, favourite]], favourite[allowed[rows, favourite]]
    own = np.where(favourite[b] == a, second[b], first[b])
    return float(max(0.0, most.max(), (usable[a, b] + second[a] + own).max(initial=0.0)))


def _cover(values: np.ndarray, allowed: np.ndarray, penalty: float) -> tuple[np.ndarray, float]:
    """Each person's "next" in the best cycle cover, and the cover's weight.

    Only pairs of real value are offered; staying alone (the diagonal) is worth 0, which
    is what a pair of no value is worth too, so the relaxation still bounds every plan.
    Offering the pairs of no value would only add ties, which slow the solver badly.
    """
    cost = np.negative(values)  # filled in place: one N x N temporary fewer at the peak
    cost[~(allowed & (values > 0))] = penalty
    np.fill_diagonal(cost, 0.0)
    rows, nexts = linear_sum_assignment(cost)
    return nexts, -float(cost[rows, nexts].sum())


def _split(nexts: np.ndarray, scored: np.ndarray) -> tuple[list[Pair], list[int]]:
    """Cut each cycle into pairs; those left over (one per odd cycle) pair up; one may stay."""
    pairs: list[Pair] = []
    left: list[int] = []
    seen = np.zeros(len(nexts), dtype=bool)
    for start in range(len(nexts)):
        cycle = []
        person = start
        while not seen[person]:
            seen[person] = True
            cycle.append(person)
            person = int(nexts[person])
        if cycle:
            made, rest = _split_cycle(np.array(cycle), scored)
            pairs += made
            left += rest
    left.sort()
    while len(left) > 1:  # few people: greedy is enough, the swaps finish the job
        person = left.pop(0)
        partner = left.pop(int(np.argmax(scored[person, left])))
        pairs.append((person, partner))
    return pairs, left


def _split_cycle(cycle: np.ndarray, scored: np.ndarray) -> tuple[list[Pair], list[int]]:
    """The better alternate edges of an even cycle; for an odd one, the best person to drop."""
    k = len(cycle)
    if k == 1:
        return [], [int(cycle[0])]
    edges = scored[cycle, np.roll(cycle, -1)]  # edges[i] joins cycle[i] and cycle[i + 1]
    if k % 2 == 0:
        first = 0 if edges[0::2].sum() >= edges[1::2].sum() else 1
        drop = None
    else:  # dropping cycle[p] leaves a path whose pairs are edges p+1, p+3, ...
        twice = np.concatenate([edges, edges])
        kept = [twice[p + 1 : p + k : 2].sum() for p in range(k)]
        drop = int(np.argmax(kept))
        first = drop + 1
    pairs = [
        (int(cycle[(first + 2 * j) % k]), int(cycle[(first + 2 * j + 1) % k]))
        for j in range(k // 2)
    ]
    return pairs, [] if drop is None else [int(cycle[drop])]


def swap_pairs(scored: np.ndarray, pairs: list[Pair]) -> list[Pair]:
    """2-opt: swap partners between two pairs while that adds value, best swaps first.

    One pass scores every pair of pairs at once (two ways to re-pair four people), then
    applies the best improving swap of each pair that no earlier swap touched.
    """
    if len(pairs) < 2:
        return pairs
    a = np.array([p[0] for p in pairs])
    b = np.array([p[1] for p in pairs])
    rows = np.arange(len(pairs))
    while True:
        gain, crossed = _swap_gains(scored, a, b)
        partner = gain.argmax(axis=1)
        best = gain[rows, partner]
        improving = np.flatnonzero(best > TOLERANCE)
        if not len(improving):
            return [(int(x), int(y)) for x, y in zip(a, b, strict=True)]
        used = np.zeros(len(pairs), dtype=bool)
        for p in improving[np.argsort(-best[improving], kind="stable")]:
            q = partner[p]
            if used[p] or used[q]:
                continue
            used[p] = used[q] = True
            if crossed[p, q]:
                b[p], b[q] = b[q], b[p]
            else:
                b[p], a[q] = a[q], b[p]


def _swap_gains(scored: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For pairs p, q: the gain of (a_p, a_q)+(b_p, b_q), or of (a_p, b_q)+(b_p, a_q).

    Built a quarter at a time, in place: at 5,000 people one 2k x 2k copy of the scores
    and its temporaries were the largest thing held during a round (about 450 MB).
    """
    now = scored[a, b]
    now = now[:, None] + now[None, :]
    straight = scored[np.ix_(a, a)]
    straight += scored[np.ix_(b, b)]
    straight -= now
    crossed = scored[np.ix_(a, b)]
    crossed += scored[np.ix_(b, a)]
    crossed -= now
    del now
    use_crossed = crossed > straight
    gain = np.maximum(straight, crossed, out=straight)  # = where(use_crossed, crossed, ...)
    np.fill_diagonal(gain, -np.inf)
    return gain, use_crossed


def polish(values: np.ndarray, allowed: np.ndarray, pairs: list[Pair]) -> list[Pair]:
    """Re-match exactly, a region at a time, the people furthest below their best partner.

    A region is such people, their favourite partners and everyone's current partners,
    so whatever the exact matching does, it only re-pairs people within it.
    """
    favourite = np.where(allowed, values, -1.0).argmax(axis=1)
    best = values[np.arange(len(values)), favourite]
    tried = np.zeros(len(values), dtype=bool)
    for _ in range(POLISH_ROUNDS):
        mate = _mates(len(values), pairs)
        short = np.where((mate >= 0) & ~tried, best - values[np.arange(len(values)), mate], 0.0)
        worst = np.argsort(-short, kind="stable")[: REGION // 4]
        worst = worst[short[worst] > TOLERANCE]
        if not len(worst):
            break
        liked = favourite[worst][mate[favourite[worst]] >= 0]
        nodes = np.unique(np.concatenate([worst, mate[worst], liked, mate[liked]]))
        tried[worst] = True
        old = [pair for pair in pairs if pair[0] in nodes]
        new, left = blossom_pairs(values, allowed, nodes)
        if left or plan_value(values, new) <= plan_value(values, old) + TOLERANCE:
            break  # the worst-off were already served as well as they can be
        pairs = [pair for pair in pairs if pair[0] not in nodes] + new
    return pairs


def _rematch(
    values: np.ndarray, allowed: np.ndarray, pairs: list[Pair], waiting: list[int]
) -> tuple[list[Pair], list[int]]:
    """Re-match exactly (blossoms) the neighbourhood of people stuck in blocked pairs.

    Swaps between two pairs cannot free someone whose allowed partners are held by people
    who have no other option; a chain of re-pairings can, and it may run around an odd
    cycle, which only a blossom matching handles. Near the stuck people (and whoever is
    waiting) is where such chains start, so that neighbourhood, partners included, is
    re-matched. Returns allowed pairs only, and who is still waiting.
    """
    mate = _mates(len(values), pairs)
    region = np.zeros(len(values), dtype=bool)
    stuck = [x for pair in pairs if not allowed[pair] for x in pair]
    frontier = np.array([*waiting, *stuck], dtype=int)
    region[frontier] = True
    while len(frontier) and region.sum() < REGION:
        near = np.flatnonzero(allowed[frontier].any(axis=0) & ~region & (mate >= 0))[:REGION]
        region[near] = True
        partners = mate[near]
        frontier = np.concatenate([near, partners[~region[partners]]])
        region[partners] = True
    matched, left = blossom_pairs(values, allowed, np.flatnonzero(region))
    return [pair for pair in pairs if not region[pair[0]]] + matched, left


def _mates(n: int, pairs: list[Pair]) -> np.ndarray:
    """Each person's partner, -1 for nobody."""
    mate = np.full(n, -1)
    for x, y in pairs:
        mate[x], mate[y] = y, x
    return mate
