"""Exact matching of a few people: networkx's blossom algorithm, most people placed first.

Cubic, and in pure Python: the exact path of a small room, and the large-room path's
repairs of a few dozen people at a time, use it; nothing larger.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from .model import Pair


def blossom_pairs(
    values: np.ndarray, allowed: np.ndarray, nodes: np.ndarray
) -> tuple[list[Pair], list[int]]:
    """Most value among the pairings of `nodes` that place the most people; who is left.

    Blossom matching on the pairs of real value alone is several times faster than on
    every allowed pair; when the people it leaves over can pair among themselves, that
    is also the best plan placing everyone. Only when they cannot (blocked pairs) is the
    full maximum-cardinality matching needed.
    """
    i, j = np.triu_indices(len(nodes), 1)
    i, j = nodes[i], nodes[j]
    ok, worth = allowed[i, j], values[i, j]
    pairs = _blossom(i, j, worth, ok & (worth > 0), most_people=False)
    placed = {x for pair in pairs for x in pair}
    left = [int(x) for x in nodes if x not in placed]
    within = np.isin(i, left) & np.isin(j, left)
    pairs += _blossom(i, j, np.ones_like(worth), ok & within, most_people=True)
    placed = {x for pair in pairs for x in pair}
    if len(nodes) - len(placed) > len(nodes) % 2:
        pairs = _blossom(i, j, worth, ok, most_people=True)
        placed = {x for pair in pairs for x in pair}
    return sorted(pairs), [int(x) for x in nodes if x not in placed]


def _blossom(
    i: np.ndarray, j: np.ndarray, worth: np.ndarray, keep: np.ndarray, *, most_people: bool
) -> list[Pair]:
    """networkx's exact general matching; with `most_people`, value only breaks ties.

    maxcardinality trades value for people: among the matchings that place the most
    people it finds the most valuable, even when a matching that leaves two people
    out would be worth more. In a round that is the point.
    """
    graph = nx.Graph()
    graph.add_weighted_edges_from(
        zip(i[keep].tolist(), j[keep].tolist(), worth[keep].tolist(), strict=True)
    )
    matched = nx.max_weight_matching(graph, maxcardinality=most_people)
    return [(min(x, y), max(x, y)) for x, y in matched]
