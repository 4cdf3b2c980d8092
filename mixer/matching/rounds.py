"""Rounds mode: everyone present gets one partner (one trio when the count is odd).

Work in progress: a first, exact version so the rest of the app can import it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from .model import Person, pair_key
from .scoring import score_pair, topic_weights


@dataclass(frozen=True, slots=True)
class Group:
    """People who meet in this round: a pair, or the one trio when the count is odd."""

    members: tuple[int, ...]  # 2 ids (a pair) or 3 (the trio), ascending
    score: float  # total value within the group (sum over its pairs)


@dataclass(frozen=True, slots=True)
class RoundPlan:
    """Who meets whom in one round, and how close to the best possible that is."""

    groups: list[Group]
    unpaired: list[int]  # present people who could not be placed (all partners blocked)
    total: float  # sum of group scores
    upper_bound: float | None  # a proven upper bound on the best total (None when exact)
    exact: bool  # True when the pairing is a proven optimum


def plan_round(
    people: Sequence[Person],
    blocked: Collection[tuple[int, int]],
    weights: Mapping[str, float] | None = None,
    *,
    exact_limit: int = 120,
) -> RoundPlan:
    """One partner for everyone available, maximising value, never a blocked pair."""
    weights = topic_weights(people) if weights is None else weights
    here = sorted((p for p in people if p.available), key=lambda p: p.id)
    never = {pair_key(*b) for b in blocked}
    graph = nx.Graph()
    graph.add_nodes_from(p.id for p in here)
    for i, x in enumerate(here):
        for y in here[i + 1 :]:
            if (x.id, y.id) not in never:
                s = score_pair(x, y, weights)
                graph.add_edge(x.id, y.id, weight=s.score if s else 0.0)
    pairs = nx.max_weight_matching(graph, maxcardinality=True)
    groups = [
        Group(pair_key(a, b), graph[a][b]["weight"]) for a, b in pairs
    ]
    placed = {i for g in groups for i in g.members}
    unpaired = [p.id for p in here if p.id not in placed]
    groups.sort(key=lambda g: g.members)
    return RoundPlan(groups, unpaired, sum(g.score for g in groups), None, True)
