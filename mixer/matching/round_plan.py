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
whole value, for the second goal): networkx's blossom matching (`blossom`), then for an
odd count a branch and bound over trios (`trios`), which proves the plan optimal
(`upper_bound` None). Above: a cycle cover with repairs (`cycle_cover`), and a proven
upper bound saying how close it got: the cover's, or, up to TRIO_LIMIT people, the
matching LP's with odd-set cuts (`pairing_bound`). All of them work on row numbers of
the room's value matrix (`pairing`, `pairs.pair_values`).
The large-room path maximises value, then `fewer_pointless` trades partners between a
pair of no value and a valued pair wherever both new pairs are valued.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

import numpy as np

from .blossom import blossom_pairs
from .cycle_cover import cover_pairing, cover_pairs
from .model import Group, Member, Pair, RoundPlan
from .pairing import Pairing
from .pairing_bound import reduced_values
from .pairs import pair_values
from .scoring import score_pair, topic_weights
from .seating import seat_one_of, seated_plan
from .trios import top_trio, trio_search

TRIO_LIMIT = 400  # above, large rooms skip the LP and the trio search (a small part anyway)


def plan_round(
    people: Sequence[Member],
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
    reduced, most = reduced_values(values, allowed)
    return replace(pairing, bound=most + max(0.0, top_trio(reduced)))


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
    here: Sequence[Member],
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
    members: tuple[int, ...], by_id: Mapping[int, Member], weights: Mapping[str, float]
) -> float:
    """Sum of the group's pair scores; a pair of no value adds 0."""
    total = 0.0
    for i, x in enumerate(members):
        for y in members[i + 1 :]:
            pair = score_pair(by_id[x], by_id[y], weights)
            total += pair.score if pair else 0.0
    return total


def exact_pairing(values: np.ndarray, allowed: np.ndarray) -> Pairing:
    """The proven best plan: blossom matching, then, for an odd count, the best trio."""
    pairs, left = blossom_pairs(values, allowed, np.arange(len(values)))
    if not left:
        return Pairing(pairs, None, [], None)
    reduced, most = reduced_values(values, allowed)
    if len(left) == 1:
        start = seated_plan(values, allowed, pairs, left[0])
        return trio_search(values, allowed, start, blossom_pairs, reduced, most, settles=True)
    # Blocked pairs leave more than one person out: seat one of them, if any trio can be.
    top = top_trio(reduced)
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
    reduced, most = reduced_values(values, allowed)
    if len(values) % 2 == 0 and not plan.unplaced:
        return replace(plan, bound=min(plan.bound, most))
    if len(plan.unplaced) > len(values) % 2 or (plan.unplaced and plan.trio):
        return replace(plan, bound=min(plan.bound, most + max(0.0, top_trio(reduced))))
    # An odd room, everyone placed but perhaps the odd one out: look for a better trio.
    better = trio_search(values, allowed, plan, _cover_matching, reduced, most, settles=False)
    return better if better.bound is None else replace(better, bound=min(better.bound, plan.bound))


def _cover_matching(
    values: np.ndarray, allowed: np.ndarray, nodes: np.ndarray
) -> tuple[list[Pair], list[int]]:
    """The large-room pairing of `nodes`: not proven, but cheap."""
    pairs, left, _bound = cover_pairs(values[np.ix_(nodes, nodes)], allowed[np.ix_(nodes, nodes)])
    return [(int(nodes[x]), int(nodes[y])) for x, y in pairs], [int(nodes[x]) for x in left]
