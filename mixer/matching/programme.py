"""The b-matching programme behind a re-balance, and pricing every pair of the room.

Variables: a share per candidate pair, and per needy seeker whether they are served
(at most the shares of their pairs). Each person's pairs fit in their free places. The
objective is the pairs' value plus a bonus per served seeker larger than any plan's
value, so serving the most seekers comes first outright.

The candidate pairs are a shortlist; LP duality says whether the rest could help. The
LP's duals price a place at each person (y) and serving each needy seeker (z); a pair
outside the shortlist "pays" when its value exceeds y_i + y_j - z_i - z_j. Paying pairs
join the shortlist and the LP is solved again (column generation). Whatever the round,
the duals with each pair's excess added give a proven upper bound on every plan.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, csr_matrix, hstack, identity, vstack

from .model import Pair
from .pairs import value_blocks
from .shortlist import OpenRoom

PER_PERSON = 8  # paying pairs each person may add to the programme per LP solve


@dataclass(frozen=True, slots=True)
class Programme:
    """Minimise objective . (shares, served) subject to matrix @ (...) <= upper, 0..1."""

    pairs: list[Pair]
    nodes: list[int]  # ids, in the order of the capacity rows
    seekers: list[int]  # ids of needy seekers, in the order of the "served" rows
    objective: np.ndarray  # -worth per pair, then -bonus per needy seeker
    matrix: csr_matrix  # capacity rows, then served_s - (shares at s) <= 0
    upper: np.ndarray
    bonus: float  # a served seeker's worth: more than the value of any plan


@dataclass(frozen=True, slots=True)
class Priced:
    """The LP over the candidate pairs after column generation, and what it proves."""

    shares: dict[Pair, float]  # the LP's (vertex) optimum, pairs with a share > 0
    bound: float  # bonus * served + value, for every plan with any pairs of the room
    bonus: float
    exact: bool  # no pair outside pays: the LP optimum over all pairs of the room


def programme(
    worth: Mapping[Pair, float], free: Mapping[int, int], needy: Collection[int]
) -> Programme:
    """The programme on these candidate pairs (ids), valued `worth`."""
    pairs = list(worth)
    nodes = sorted({i for p in pairs for i in p})
    index = {i: k for k, i in enumerate(nodes)}
    m, n = len(pairs), len(nodes)
    ends = np.array([[index[a], index[b]] for a, b in pairs], dtype=int).reshape(-1, 2)
    incidence = coo_matrix(
        (np.ones(2 * m), (ends.ravel(), np.repeat(np.arange(m), 2))), shape=(n, m)
    ).tocsr()
    seekers = [i for i in nodes if i in needy]
    k = len(seekers)
    first = coo_matrix((np.ones(k), (np.arange(k), [index[i] for i in seekers])), shape=(k, n))
    matrix = vstack(
        [
            hstack([incidence, coo_matrix((n, k))]),
            hstack([-(first.tocsr() @ incidence), identity(k)]),
        ]
    ).tocsr()
    values = np.array([worth[p] for p in pairs])
    limits = np.array([free[i] for i in nodes], dtype=float)
    best = np.zeros(n)  # each node's best pair: a plan holds at most free x that there
    np.maximum.at(best, ends[:, 0], values)
    np.maximum.at(best, ends[:, 1], values)
    bonus = 1.0 + float(limits @ best) / 2
    objective = -np.concatenate([values, np.full(k, bonus)])
    return Programme(pairs, nodes, seekers, objective, matrix, np.r_[limits, np.zeros(k)], bonus)


def priced_lp(open_room: OpenRoom, worth: dict[Pair, float], *, rounds: int) -> Priced:
    """Solve the LP on `worth` (grown in place), adding paying pairs for up to `rounds`."""
    room, free, needy = open_room.room, open_room.free, open_room.needy
    row = {p.id: k for k, p in enumerate(room)}
    bound, shares, bonus, exact = float("inf"), {}, 1.0, False
    for done in range(1, rounds + 1):
        prog = programme(worth, free, needy)
        bonus = prog.bonus
        solved = linprog(
            prog.objective, A_ub=prog.matrix, b_ub=prog.upper, bounds=(0, 1), method="highs-ds"
        )
        if solved.x is None:
            break
        shares = {p: float(v) for p, v in zip(prog.pairs, solved.x, strict=False) if v > 1e-9}
        duals = np.maximum(-solved.ineqlin.marginals, 0.0)  # any y, z >= 0 give a bound
        price, serve = np.zeros(len(room)), np.zeros(len(room))
        price[[row[i] for i in prog.nodes]] = duals[: len(prog.nodes)]
        serve[[row[i] for i in prog.seekers]] = duals[len(prog.nodes) :]
        # A needy seeker with no pair of value (so not in the programme) takes z = bonus.
        served_cost = np.maximum(bonus - serve[[row[i] for i in prog.seekers]], 0.0).sum()
        excess, paying = _price_all(open_room, price, serve)
        base = float(np.array([free[p.id] for p in room]) @ price)
        bound = min(bound, base + served_cost + excess)
        exact = bool(bound <= -solved.fun + 1e-9 * (1.0 + abs(solved.fun)))
        new = {
            (room[i].id, room[j].id): w
            for (i, j), w in paying.items()
            if (room[i].id, room[j].id) not in worth
        }
        if exact or not new or done == rounds:
            break
        worth.update(new)
    bound += 1e-9 * (1.0 + abs(bound))  # rounding in the sums must not undercut
    return Priced(shares, bound, bonus, exact)


def _price_all(
    open_room: OpenRoom, price: np.ndarray, serve: np.ndarray
) -> tuple[float, dict[Pair, float]]:
    """What all pairs pay above their ends' prices, and the best-paying few per person."""
    total = 0.0
    paying: dict[Pair, float] = {}
    n = len(open_room.room)
    k = min(PER_PERSON, n - 1)
    for rows, values in value_blocks(open_room.room, open_room.weights, open_room.never):
        excess = values - price[rows, None] - price[None, :] + serve[rows, None] + serve
        excess[(values <= 0) | (np.arange(n)[None, :] <= rows[:, None])] = 0.0
        excess = np.maximum(excess, 0.0)
        total += float(excess.sum())
        if k <= 0:
            continue
        best = np.argpartition(-excess, k - 1, axis=1)[:, :k]
        pay = np.take_along_axis(excess, best, axis=1)
        for r, c in zip(*np.nonzero(pay > 1e-9 * (1 + values.max())), strict=True):
            paying[(int(rows[r]), int(best[r, c]))] = float(values[r, best[r, c]])
    return total, paying
