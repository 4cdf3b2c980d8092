"""Rounds mode: everyone present gets one partner (one trio when the count is odd).

A round is a speed-networking pass, so who gets a partner comes before how much value
the pairs carry: first as many people placed as the blocked pairs allow, then the fewest
pairs of no value (a pointless pair is ten minutes lost for two people, while a slightly
less valuable pair still gives both something to talk about), then the most two-way
value among such plans. Pairs of no value are still formed where the room leaves no
better choice, and count 0; the service marks them as wildcards. Rather than giving them
a small weight, placing people is made the first goal outright (maximum-cardinality
matching): a weight per such pair would also reward plans for having *more* of them,
which in a big room can outweigh a real but small difference in value.

Up to `exact_limit` people (every valued pair carries a bonus larger than any plan's
whole value, for the second goal): networkx's blossom matching, then for an odd count a
branch and bound over trios, which proves the plan optimal (`upper_bound` None). Above: a
cycle cover with repairs (see `cycle_cover`), and a proven upper bound saying how close
it got: the cover's, or, up to TRIO_LIMIT people, the matching LP's with odd-set cuts.
The large-room path maximises value, then `fewer_pointless` trades partners between a
pair of no value and a valued pair wherever both new pairs are valued.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import replace

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix, vstack
from scipy.sparse.csgraph import connected_components

from .cycle_cover import (
    TOLERANCE,
    Pairing,
    blossom_pairs,
    cover_pairing,
    cover_pairs,
    seat,
    seat_one_of,
)
from .model import Group, Pair, Person, RoundPlan
from .pairs import pair_values
from .scoring import score_pair, topic_weights

Matcher = Callable[[np.ndarray, np.ndarray, np.ndarray], tuple[list[Pair], list[int]]]
TRIO_WORK = 4_000_000  # trio search: matchings tried ~ this / n**3 (about 1 s at n = 120)
TRIO_TRIES = 12  # ... but never fewer than this
TRIO_LIMIT = 400  # above, large rooms skip the LP and the trio search (a small part anyway)
CUT_ROUNDS = 6  # LP solves, adding odd-set cuts between them


def plan_round(
    people: Sequence[Person],
    blocked: Collection[tuple[int, int]],
    weights: Mapping[str, float] | None = None,
    *,
    exact_limit: int = 120,
) -> RoundPlan:
    """One partner for everyone available, most value first placed, never a blocked pair.

    `blocked` holds every pair introduced before and every pair who know each other, in
    either order. Capacity does not apply: a round is for everyone present. `weights`
    default to the whole list, as in continuous mode.
    """
    weights = topic_weights(people) if weights is None else weights
    here = sorted((p for p in people if p.available), key=lambda p: p.id)
    allowed = _allowed([p.id for p in here], blocked)
    in_play = allowed.any(axis=1)  # the others have nobody left to meet
    room = np.flatnonzero(in_play)
    values = pair_values([here[i] for i in room], weights)
    allowed = allowed[np.ix_(room, room)]
    if len(room) <= exact_limit:
        pairing = valued_first(values, allowed)
    else:
        pairing = fewer_pointless(_large_room(values, allowed), values, allowed)
    alone = [here[i].id for i in np.flatnonzero(~in_play)]
    settles = len(room) > exact_limit or pairing.bound is None
    return _plan(pairing, [here[i].id for i in room], here, alone, weights, settles=settles)


def valued_first(values: np.ndarray, allowed: np.ndarray) -> Pairing:
    """The exact plan with the fewest pairs of no value among those placing the most people.

    Every valued pair gets a bonus above any plan's whole value (no plan is worth more
    than each person's best pair summed), so one more valued pair always outweighs any
    difference in value. An unproven plan's bound is then given in value, from the LP.
    """
    bonus = 1.0 + float(values.max(axis=1, initial=0.0).sum())
    pairing = exact_pairing(np.where(values > 0, values + bonus, 0.0), allowed)
    if pairing.bound is None:
        return pairing
    reduced, most = _reduced(values, allowed)
    return replace(pairing, bound=most + max(0.0, _top_trio(reduced)))


def fewer_pointless(plan: Pairing, values: np.ndarray, allowed: np.ndarray) -> Pairing:
    """Large rooms: a pair of no value trades partners with a valued pair wherever both new
    pairs are valued, so nobody's ten minutes go to nothing while a good pair sits elsewhere.

    The exact path orders whole plans so; above its limit this local repair does the same
    for the pointless pairs a value-only plan leaves (few: one scan of the pairs each).
    The bound stays true: it bounds every plan's value, this one's included.
    """
    if len(plan.pairs) < 2:
        return plan
    firsts = np.array([a for a, _ in plan.pairs])
    seconds = np.array([b for _, b in plan.pairs])
    valued = values[firsts, seconds] > 0
    was = float(values[firsts, seconds].sum())  # before any trade
    traded = False
    for k in np.flatnonzero(~valued):
        a, b = firsts[k], seconds[k]
        for c, d in ((firsts, seconds), (seconds, firsts)):  # a meets c and b meets d
            good = valued & allowed[a, c] & allowed[b, d] & (values[a, c] > 0) & (values[b, d] > 0)
            found = np.flatnonzero(good)
            if found.size:
                m = found[0]
                firsts[k], seconds[k], firsts[m], seconds[m] = a, c[m], b, d[m]
                valued[k] = traded = True
                break
    if not traded:
        return plan
    pairs = [(int(a), int(b)) for a, b in zip(firsts, seconds, strict=True)]
    if plan.bound is not None:
        return replace(plan, pairs=pairs)
    # The plan before the trades was proven best in value: its value now bounds this one.
    if plan.trio:
        x, y, z = plan.trio
        was += float(values[x, y] + values[x, z] + values[y, z])
    return replace(plan, pairs=pairs, bound=was)


def _allowed(ids: list[int], blocked: Collection[tuple[int, int]]) -> np.ndarray:
    """Who may meet whom: not themselves, not a blocked pair (either order)."""
    row = {pid: i for i, pid in enumerate(ids)}
    allowed = ~np.eye(len(ids), dtype=bool)
    for x, y in blocked:
        if x in row and y in row:
            allowed[row[x], row[y]] = allowed[row[y], row[x]] = False
    return allowed


def _plan(
    pairing: Pairing,
    ids: list[int],
    here: Sequence[Person],
    alone: list[int],
    weights: Mapping[str, float],
    *,
    settles: bool = True,
) -> RoundPlan:
    """Rows back to ids; scores recomputed by `score_pair`, so they match continuous mode.

    A plan reaching its bound is proven best, unless (`settles` False) the bound speaks of
    value alone while the plan was chosen for its valued pairs first.
    """
    by_id = {p.id: p for p in here}
    groups = []
    for rows in [*pairing.pairs, *([pairing.trio] if pairing.trio else [])]:
        members = tuple(sorted(ids[r] for r in rows))
        groups.append(Group(members, _group_score(members, by_id, weights)))
    groups.sort(key=lambda g: g.members)
    total = sum((g.score for g in groups), 0.0)
    unpaired = sorted([*alone, *(ids[r] for r in pairing.unplaced)])
    # The bound was summed in another order than the scores: rounding must not undercut.
    bound = None if pairing.bound is None else max(total, float(pairing.bound))
    if settles and bound is not None and not pairing.unplaced and total >= bound * (1 - 1e-12):
        bound = None  # the plan reaches the bound: nothing better exists
    return RoundPlan(groups, unpaired, total, bound, bound is None)


def _group_score(
    members: tuple[int, ...], by_id: Mapping[int, Person], weights: Mapping[str, float]
) -> float:
    """Sum of the group's pair scores; a pair of no value adds 0."""
    total = 0.0
    for i, x in enumerate(members):
        for y in members[i + 1 :]:
            pair = score_pair(by_id[x], by_id[y], weights)
            total += pair.score if pair else 0.0
    return total


# ---- the two paths -------------------------------------------------------------------


def exact_pairing(values: np.ndarray, allowed: np.ndarray) -> Pairing:
    """The proven best plan: blossom matching, then, for an odd count, the best trio."""
    pairs, left = blossom_pairs(values, allowed, np.arange(len(values)))
    if not left:
        return Pairing(pairs, None, [], None)
    reduced, most = _reduced(values, allowed)
    if len(left) == 1:
        start = Pairing(*_seated(seat(values, allowed, pairs, left[0])), None)
        return _trio_search(values, allowed, start, blossom_pairs, reduced, most, settles=True)
    # Blocked pairs leave more than one person out: seat one of them, if any trio can be.
    top = _top_trio(reduced)
    if top == -np.inf:
        return Pairing(pairs, None, left, None)  # no trio possible: the matching is all
    return seat_one_of(values, allowed, pairs, left, most + max(0.0, top))


def _large_room(values: np.ndarray, allowed: np.ndarray) -> Pairing:
    """The cycle cover's plan; up to TRIO_LIMIT people, a search for a better trio too.

    There the LP bound is affordable, and tighter than the cover's.
    """
    plan = cover_pairing(values, allowed)
    if len(values) > TRIO_LIMIT:
        return plan
    reduced, most = _reduced(values, allowed)
    if len(values) % 2 == 0 and not plan.unplaced:
        return replace(plan, bound=min(plan.bound, most))
    if len(plan.unplaced) > len(values) % 2 or (plan.unplaced and plan.trio):
        return replace(plan, bound=min(plan.bound, most + max(0.0, _top_trio(reduced))))
    # An odd room, everyone placed but perhaps the odd one out: look for a better trio.
    better = _trio_search(values, allowed, plan, _cover_matching, reduced, most, settles=False)
    return better if better.bound is None else replace(better, bound=min(better.bound, plan.bound))


def _seated(
    seating: tuple[list[Pair], tuple[int, int, int] | None, int | None],
) -> tuple[list[Pair], tuple[int, int, int] | None, list[int]]:
    """`seat`'s answer as a Pairing's first fields."""
    pairs, trio, left = seating
    return pairs, trio, [] if left is None else [left]


def _trio_search(
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

    Adding the odd one out where they add most is not always best: a better trio may need
    the pairs around it to change. So trios are tried in the order of an upper bound on
    the best plan containing them (`most` plus their reduced value, see `_reduced`), each
    with a fresh pairing of everyone else, until no untried trio could beat the best plan
    found. When `match` is exact a tried trio is settled; otherwise its bound stays a doubt.
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
    """Total value of a plan, summed over every pair within a group; -inf with no trio."""
    if trio is None:
        return -np.inf
    x, y, z = trio
    return sum(float(values[p]) for p in pairs) + float(values[x, y] + values[x, z] + values[y, z])


def _cover_matching(
    values: np.ndarray, allowed: np.ndarray, nodes: np.ndarray
) -> tuple[list[Pair], list[int]]:
    """The large-room pairing of `nodes`: not proven, but cheap."""
    pairs, left, _bound = cover_pairs(values[np.ix_(nodes, nodes)], allowed[np.ix_(nodes, nodes)])
    return [(int(nodes[x]), int(nodes[y])) for x, y in pairs], [int(nodes[x]) for x in left]


# ---- bounds: the matching LP ----------------------------------------------------------


def _reduced(values: np.ndarray, allowed: np.ndarray) -> tuple[np.ndarray, float]:
    """A bound `most` on every pairing, and each pair's share of a trio's excess over it.

    LP duality: shares y_i >= 0 and z_S >= 0 for odd sets S, with y_i + y_j + z(S holding
    both) >= value(i, j) for every pair, bound every pairing by most = sum y + sum z_S
    * floor(|S| / 2). Take a trio T out: everyone else's pairing is bounded by the same
    shares less y(T), less z_S for each S holding two or three of T, which is at least a
    third of the z over T's three pairs. So a plan with trio T is worth at most
    most + (the sum of `reduced` over T's pairs).
    """
    each, within, most = _shares(values, allowed)
    pair_share = (each[:, None] + each[None, :]) / 2 + within / 3
    return np.where(allowed, values - pair_share, -np.inf), most


def _shares(values: np.ndarray, allowed: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """The LP shares (y, z summed per pair, bound), with odd-set cuts where they bite.

    The plain LP lets odd cycles take half of each edge; the cut for an odd set S (at most
    (|S| - 1) / 2 pairs inside) removes that, and a few rounds of cuts bring the bound
    close to the true best. HiGHS's tolerances are paid back so the bound stays a bound.
    """
    n = len(values)
    i, j = np.triu_indices(n, 1)
    keep = allowed[i, j] & (values[i, j] > 0)
    i, j, worth = i[keep], j[keep], values[i, j][keep]
    if not len(worth):
        return np.zeros(n), np.zeros((n, n)), 0.0
    edges = np.arange(len(worth))
    degree = csr_matrix(
        (np.ones(2 * len(worth)), (np.r_[i, j], np.r_[edges, edges])), shape=(n, len(worth))
    )
    sets: list[np.ndarray] = []  # odd sets of people, as masks
    for _ in range(CUT_ROUNDS):
        used = list(sets)
        inside = [csr_matrix(s[i] & s[j], dtype=float) for s in used]
        limits = [np.ones(n), *[[(s.sum() - 1) // 2] for s in used]]
        solved = linprog(
            -worth, A_ub=vstack([degree, *inside]), b_ub=np.concatenate(limits), method="highs-ds"
        )
        if not solved.success:
            return np.max(values * allowed, axis=1) / 2, np.zeros((n, n)), float("inf")
        sets += _odd_sets(n, i, j, solved.x, used)
        if len(sets) == len(used):
            break
    duals = np.maximum(-solved.ineqlin.marginals, 0.0)
    each, per_set = duals[:n], duals[n:]
    members = np.array(used, dtype=float).reshape(len(used), n)
    within = (members.T * per_set) @ members
    each = each + max(0.0, float((worth - each[i] - each[j] - within[i, j]).max())) / 2
    return each, within, float(each.sum() + per_set @ ((members.sum(axis=1) - 1) // 2))


def _odd_sets(
    n: int, i: np.ndarray, j: np.ndarray, x: np.ndarray, known: list[np.ndarray]
) -> list[np.ndarray]:
    """Odd groups of people joined by fractional pairs that hold more than a matching can."""
    part = (x > 1e-6) & (x < 1 - 1e-6)
    graph = csr_matrix((np.ones(part.sum()), (i[part], j[part])), shape=(n, n))
    _count, label = connected_components(graph, directed=False)
    found = []
    for group in np.unique(label[np.r_[i[part], j[part]]]):
        members = label == group
        size = int(members.sum())
        held = float(x[members[i] & members[j]].sum())
        new = not any((members == s).all() for s in known)
        if size % 2 and held > (size - 1) / 2 + 1e-7 and new:
            found.append(members)
    return found


def _top_trio(reduced: np.ndarray) -> float:
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
