"""A proven bound on every pairing of a room: the matching LP, with odd-set cuts.

LP duality prices each person (and each odd set of people): no pairing is worth more
than the prices summed. The same prices bound every plan holding a given trio, which
is what ranks the trios to try (`trios`).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix, vstack
from scipy.sparse.csgraph import connected_components

CUT_ROUNDS = 6  # LP solves, adding odd-set cuts between them


def reduced_values(values: np.ndarray, allowed: np.ndarray) -> tuple[np.ndarray, float]:
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
