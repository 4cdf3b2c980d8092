"""Continuous-mode suggestions: every seeker's first introduction, then the most value."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence

from .candidates import candidates
from .model import Person, Suggestion
from .scoring import topic_weights, value


def _never(blocked: Collection[tuple[int, int]]) -> dict[int, set[int]]:
    """Blocked pairs as id -> ids, both ways, so either order of a pair is honoured."""
    never: dict[int, set[int]] = defaultdict(set)
    for x, y in blocked:
        never[x].add(y)
        never[y].add(x)
    return never


def suggest(
    people: Sequence[Person],
    blocked: Collection[tuple[int, int]],
    focus: Collection[int] | None = None,
    weights: Mapping[str, float] | None = None,
) -> list[Suggestion]:
    """New introductions to make now, in the order chosen.

    Greedy on a heap keyed by (needy seekers served, score, a, b): a pair that gives
    two seekers their first introduction beats one that gives one, which beats any
    other; within a tier the higher score wins and ids break ties. Neediness only
    falls as the batch grows, so a popped pair whose tier dropped is pushed back with
    its new tier (lazy re-keying) rather than re-sorting everything. `weights` default
    to the whole list, present or not, so they stay stable as people come and go.
    """
    weights = topic_weights(people) if weights is None else weights
    room = {p.id: p for p in people if p.available and p.free > 0}
    free = {i: p.free for i, p in room.items()}
    needy = {i for i, p in room.items() if p.seeker and p.received == 0}

    heap = [
        (-((a in needy) + (b in needy)), -score, a, b, one_way)
        for score, a, b, one_way in candidates(room, focus, _never(blocked), weights)
    ]
    heapq.heapify(heap)
    chosen: list[Suggestion] = []
    while heap:
        neg_tier, neg_score, a, b, one_way = heapq.heappop(heap)
        if not (free[a] and free[b]):
            continue
        tier = (a in needy) + (b in needy)
        if tier != -neg_tier:
            heapq.heappush(heap, (-tier, neg_score, a, b, one_way))
            continue
        chosen.append(_suggestion(room[a], room[b], -neg_score, one_way, weights))
        for i in (a, b):
            free[i] -= 1
            needy.discard(i)
    return chosen


def _suggestion(
    a: Person, b: Person, score: float, one_way: bool, weights: Mapping[str, float]
) -> Suggestion:
    """Spell out what each side gets; done only for chosen pairs, as sorting topics costs."""
    a_gets = value(a.seeks, b.offers, weights)[1]
    b_gets = value(b.seeks, a.offers, weights)[1]
    return Suggestion(a.id, b.id, score, a_gets, b_gets, one_way)
