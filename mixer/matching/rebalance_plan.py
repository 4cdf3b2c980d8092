"""Re-choose the unanswered suggestions of a whole room at once.

Continuous mode suggests for one newcomer at a time, so an early arrival can take a
giver's place that a later one needed more; when givers' places are scarce that loses
10-15 % of the value the same people could have had. A periodic re-balance takes every
suggestion nobody has answered yet, puts its places back, and chooses again for the
whole room: first as many seekers with at least one introduction as possible, then the
most value. Accepted introductions and everything blocked stay as they are.

The choice is an integer programme (`programme`) on a shortlist of pairs: each
person's best partners, every unanswered pair, and the pairs that LP prices show could
help (column generation). HiGHS solves its LP; b-matchings between givers and seekers
have integral LP optima, and elsewhere the few fractional pairs are settled apart. A
bonus for each seeker's first introduction, larger than any value a plan can hold,
makes the count of seekers served the first goal outright. A small bonus for keeping a pair
keeps churn low, and a plan is only adopted when it serves more seekers or adds real
value: what people already see is not reshuffled for crumbs.

A warm introduction (made through someone both know) is never handed in as unanswered:
the caller keeps it as it keeps an accepted one. The plan weighs value alone; among the
new suggestions of equal score, warm pairs (`model.warm`) are made first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from .model import Member, Pair, Rebalance, pair_key, warm
from .programme import priced_lp, programme
from .scoring import score_pair, topic_weights
from .shortlist import OpenRoom

KEEP_BONUS = 0.002  # a pair already suggested is worth this much more (relative): less churn
MIN_GAIN = 0.005  # with as many seekers served, adopt a plan only for this much more value
TIME_LIMIT = 20.0  # seconds for the solver; its best plan so far is used (and checked)
ROUNDS = 2  # LP solves, each adding pairs outside the shortlist that could help
REGION_PAIRS = 1_500  # pairs settled by one integer programme: about 0.1 s for HiGHS


def rebalance(
    people: Sequence[Member],
    unanswered: Collection[Pair],
    blocked: Collection[Pair],
    weights: Mapping[str, float] | None = None,
    *,
    min_gain: float = MIN_GAIN,
    partners: int = 8,
    rounds: int = ROUNDS,
) -> Rebalance:
    """The best set of unanswered suggestions for the room as it is now.

    `people` count everything in `open_count` and `received`, the unanswered suggestions
    included. `unanswered` are open suggestions neither side has accepted: only these
    may be withdrawn. `blocked` are pairs never to suggest (any earlier introduction,
    people who know each other); an unanswered pair may be in it and may still be kept.
    `partners` is how many best partners per person the solver starts from, and
    `rounds` how many times it may solve the LP, adding pairs its prices say could help.
    """
    weights = topic_weights(people) if weights is None else weights
    by_id = {p.id: p for p in people}
    movable = sorted({pair_key(*pair) for pair in unanswered if _movable(pair, by_id)})
    held = Counter(i for pair in movable for i in pair)
    current = {pair: _score(pair, by_id, weights) for pair in movable}
    room = OpenRoom.of(by_id, held, blocked, weights, partners, current)
    chosen = _solve(room, current, rounds) if room.edges else set()
    before = (_served(current, by_id, held), sum(current.values(), 0.0))
    new = {pair: _score(pair, by_id, weights) for pair in chosen}
    after = (_served(new, by_id, held), sum(new.values(), 0.0))
    if not _better(before, after, min_gain) or not _fits(new, room.free):
        return Rebalance([], [], (before[0], before[0]), (before[1], before[1]))
    made = [score_pair(by_id[a], by_id[b], weights) for a, b in sorted(set(new) - set(current))]
    make = sorted(
        (s for s in made if s is not None),
        key=lambda s: (-s.score, not warm(by_id[s.a], by_id[s.b]), s.a, s.b),
    )
    return Rebalance(
        sorted(set(current) - set(new)), make, (before[0], after[0]), (before[1], after[1])
    )


def _movable(pair: Pair, by_id: Mapping[int, Member]) -> bool:
    """An unanswered pair can be re-chosen while both are here; otherwise it stays as is."""
    x, y = (by_id.get(i) for i in pair)
    return x is not None and y is not None and x.available and y.available


def _score(pair: Pair, by_id: Mapping[int, Member], weights: Mapping[str, float]) -> float:
    s = score_pair(by_id[pair[0]], by_id[pair[1]], weights)
    return s.score if s is not None else 0.0


def _solve(room: OpenRoom, current: Mapping[Pair, float], rounds: int) -> set[Pair]:
    """The best plan: most seekers served first, then most value.

    The LP is solved first, growing the shortlist with the pairs its prices say could
    help (`programme.priced_lp`). Between givers and seekers its optimum is a plan
    already; elsewhere only a few pairs around odd cycles come out fractional. Those are
    settled by an integer programme over every candidate pair that touches them, and
    those pairs' neighbours while that stays small (an odd cycle at half may be best
    replaced by a pair the LP held whole, or by one it left out, and a place freed may
    be best taken next door: settling the fractional pairs alone lost up to a fifth of
    the value, or a seeker, on tiny rooms), everything else whole in the LP kept:
    branch and bound over the whole room took 20 times as long for the same plan.
    """
    worth = {p: w * (1 + KEEP_BONUS if p in current else 1) for p, w in room.edges.items()}
    x = priced_lp(room, worth, rounds=rounds).shares
    whole = {p for p, v in x.items() if v > 1 - 1e-6}
    part = {p: worth[p] for p, v in x.items() if 1e-6 < v <= 1 - 1e-6}
    if not part:
        return whole
    region = _around(part, worth)
    wider = _around(region, worth)  # their partners' other options: a place freed is taken
    if len(wider) <= REGION_PAIRS:
        region = wider
    kept = whole - set(region)
    load = Counter(i for p in kept for i in p)
    left = {i: f - load[i] for i, f in room.free.items()}
    rest = _integral(region, left, room.needy - set(load))
    return _filled(kept | {p for p, v in rest.items() if v > 0.5}, worth, room.free)


def _around(pairs: Collection[Pair], worth: Mapping[Pair, float]) -> dict[Pair, float]:
    """The candidate pairs with a side among these pairs' people."""
    touched = {i for p in pairs for i in p}
    return {p: w for p, w in worth.items() if p[0] in touched or p[1] in touched}


def _filled(chosen: set[Pair], worth: Mapping[Pair, float], free: Mapping[int, int]) -> set[Pair]:
    """Plus any candidate pair whose two sides still have a place, most valuable first.

    Settling a region can free a place next to it that the LP had no reason to fill.
    """
    chosen = set(chosen)
    load = Counter(i for p in chosen for i in p)
    for pair in sorted(set(worth) - chosen, key=lambda p: (-worth[p], p)):
        if all(load[i] < free.get(i, 0) for i in pair):
            chosen.add(pair)
            load.update(pair)
    return chosen


def _integral(
    worth: Mapping[Pair, float], free: Mapping[int, int], needy: Collection[int]
) -> dict[Pair, float]:
    """The integer optimum of the programme on a few pairs (HiGHS branch and bound)."""
    prog = programme(worth, free, needy)
    m = len(prog.pairs)
    solved = milp(
        prog.objective,
        constraints=LinearConstraint(prog.matrix, -np.inf, prog.upper),
        integrality=np.r_[np.ones(m), np.zeros(len(prog.seekers))],
        bounds=Bounds(0, 1),
        # The bonus makes the objective large: only a near-zero gap keeps the value exact.
        options={"time_limit": TIME_LIMIT, "mip_rel_gap": 1e-9},
    )
    if solved.x is None:
        return {}
    return {p: float(v) for p, v in zip(prog.pairs, solved.x[:m], strict=True) if v > 0.5}


def _served(chosen: Mapping[Pair, float], by_id: Mapping[int, Member], held: Counter[int]) -> int:
    """Seekers who have at least one introduction, counting these suggestions."""
    got = Counter(i for pair in chosen for i in pair)
    return sum(
        1 for p in by_id.values() if p.seeker and (p.received - held[p.id] > 0 or got[p.id] > 0)
    )


def _better(before: tuple[int, float], after: tuple[int, float], min_gain: float) -> bool:
    """More seekers served; or as many, and value up by more than `min_gain` (relative)."""
    if after[0] != before[0]:
        return after[0] > before[0]
    return after[1] > before[1] * (1 + min_gain) and after[1] > before[1]


def _fits(chosen: Mapping[Pair, float], free: Mapping[int, int]) -> bool:
    """No one above the places they had once the unanswered suggestions were put back."""
    load = Counter(i for pair in chosen for i in pair)
    return all(load[i] <= free.get(i, 0) for i in load)
