"""Continuous-mode suggestions: fair first, then the most two-way value."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence

from .model import Person, Suggestion, pair_key
from .scoring import score_pair, topic_weights


def _candidates(
    people: Sequence[Person], focus: Collection[int] | None, weights: Mapping[str, float]
) -> list[Suggestion]:
    """Score only pairs that share a topic (inverted index), touching the focus if given."""
    available = {p.id: p for p in people if p.available and p.free > 0}
    by_topic: dict[str, list[int]] = defaultdict(list)
    for p in available.values():
        for t in p.offers | p.seeks:
            by_topic[t].append(p.id)
    starts = available.keys() if focus is None else [i for i in focus if i in available]
    seen: set[tuple[int, int]] = set()
    out = []
    for pid in starts:
        person = available[pid]
        for t in person.offers | person.seeks:
            for other in by_topic[t]:
                key = pair_key(pid, other)
                if other == pid or key in seen:
                    continue
                seen.add(key)
                s = score_pair(person, available[other], weights)
                if s is not None:
                    out.append(s)
    return out


def suggest(
    people: Sequence[Person],
    blocked: Collection[tuple[int, int]],
    focus: Collection[int] | None = None,
    weights: Mapping[str, float] | None = None,
) -> list[Suggestion]:
    """New introductions to make now, in the order chosen.

    Pairs that give a seeker their first introduction go first (two such seekers rank
    above one); within a tier the highest value wins. Neediness changes while the batch
    grows, so priorities are re-checked when a pair comes off the heap.
    """
    weights = topic_weights(people) if weights is None else weights
    by_id = {p.id: p for p in people}
    blocked_set = set(blocked)
    free = {p.id: p.free for p in people}
    got = {p.id: p.received for p in people}

    def tier(s: Suggestion) -> int:
        return sum(1 for i in (s.a, s.b) if by_id[i].seeker and got[i] == 0)

    heap = [
        (-tier(s), -s.score, s.a, s.b, s)
        for s in _candidates(people, focus, weights)
        if (s.a, s.b) not in blocked_set
    ]
    heapq.heapify(heap)
    chosen: list[Suggestion] = []
    while heap:
        neg_tier, neg_score, a, b, s = heapq.heappop(heap)
        if free[a] <= 0 or free[b] <= 0:
            continue
        current = tier(s)
        if current != -neg_tier:
            heapq.heappush(heap, (-current, neg_score, a, b, s))
            continue
        chosen.append(s)
        for i in (a, b):
            free[i] -= 1
            got[i] += 1
    return chosen
