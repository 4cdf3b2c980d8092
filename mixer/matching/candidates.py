"""Who could meet whom: only people who share a topic can gain from meeting.

An inverted index (topic -> who offers it, topic -> who seeks it) finds those people
without looking at every pair, and adds up each pair's value while it walks the index,
so a newcomer in a room of thousands costs a few hundred steps, not millions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping

from .model import Person
from .scoring import UNKNOWN_WEIGHT, verdict

Candidate = tuple[float, int, int, bool]  # score, a (smaller id), b, one_way
NOBODY: frozenset[int] = frozenset()


def _index(people: Iterable[Person]) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Ids offering and seeking each topic, ascending, so a walk can start past an id."""
    offered: dict[str, list[int]] = defaultdict(list)
    sought: dict[str, list[int]] = defaultdict(list)
    for p in sorted(people, key=lambda p: p.id):
        for t in p.offers:
            offered[t].append(p.id)
        for t in p.seeks:
            sought[t].append(p.id)
    return offered, sought


def _gains(
    tags: frozenset[str],
    index: Mapping[str, list[int]],
    weights: Mapping[str, float],
    after: int | None,
) -> dict[int, float]:
    """For each person listed under these tags, the summed weight of the tags they share.

    Tags are walked in name order so the sums match `scoring.value` bit for bit.
    """
    gains: dict[int, float] = {}
    for t in sorted(tags):
        ids = index.get(t)
        if not ids:
            continue
        if after is not None:
            ids = ids[bisect_right(ids, after) :]
        w = weights.get(t, UNKNOWN_WEIGHT)
        for other in ids:
            gains[other] = gains.get(other, 0.0) + w
    return gains


def candidates(
    people: Mapping[int, Person],
    focus: Collection[int] | None,
    blocked: Mapping[int, Collection[int]],
    weights: Mapping[str, float],
) -> Iterator[Candidate]:
    """Every allowed pair among `people` that touches the focus (None: the whole room).

    Each pair comes once. `blocked` maps an id to the ids it may never be paired with.
    """
    offered, sought = _index(people.values())
    whole_room = focus is None
    starts = sorted(people) if focus is None else sorted(i for i in set(focus) if i in people)
    started = set(starts)
    for pid in starts:
        p = people[pid]
        # In the whole room, pair each person only with higher ids: every pair once.
        after = pid if whole_room else None
        to_p = _gains(p.seeks, offered, weights, after)
        from_p = _gains(p.offers, sought, weights, after)
        never = blocked.get(pid, NOBODY)
        for other in to_p.keys() | from_p.keys():
            if other == pid or other in never or (other < pid and other in started):
                continue  # self, blocked, or already met from the other side
            gain, give = to_p.get(other, 0.0), from_p.get(other, 0.0)
            if pid < other:
                judged = verdict(p, people[other], gain, give)
                a, b = pid, other
            else:
                judged = verdict(people[other], p, give, gain)
                a, b = other, pid
            if judged is not None:
                yield judged[0], a, b, judged[1]
