"""Who could meet whom: only people who share a topic can gain from meeting.

An inverted index (topic -> who offers it, topic -> who seeks it) finds those people
without looking at every pair, and adds up each pair's value while it walks the index,
so a newcomer in a room of thousands costs a few hundred steps, not millions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping

from .model import Member
from .scoring import UNKNOWN_WEIGHT, verdict

Candidate = tuple[float, int, int, bool]  # score, a (smaller id), b, one_way
NOBODY: frozenset[int] = frozenset()


def judged(p: Member, q: Member, gain: float, give: float) -> Candidate | None:
    """The pair of p and q as a candidate (ids in order), or None when it may not be made.

    `gain` is what p gets from q, `give` what q gets from p.
    """
    if p.id < q.id:
        ruled = verdict(p, q, gain, give)
        a, b = p.id, q.id
    else:
        ruled = verdict(q, p, give, gain)
        a, b = q.id, p.id
    return None if ruled is None else (ruled[0], a, b, ruled[1])


def _index(people: Iterable[Member]) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Ids offering and seeking each topic, ascending, so a walk can start past an id."""
    offered: dict[str, list[int]] = defaultdict(list)
    sought: dict[str, list[int]] = defaultdict(list)
    for p in sorted(people, key=lambda p: p.id):
        for t in p.offers:
            offered[t].append(p.id)
        for t in p.seeks:
            sought[t].append(p.id)
    return offered, sought


def summed_gains(
    tags: frozenset[str],
    index: Mapping[str, Collection[int]],
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
            ids = ids[bisect_right(ids, after) :]  # type: ignore[index]
        w = weights.get(t, UNKNOWN_WEIGHT)
        for other in ids:
            gains[other] = gains.get(other, 0.0) + w
    return gains


def candidates(
    people: Mapping[int, Member],
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
        to_p = summed_gains(p.seeks, offered, weights, after)
        from_p = summed_gains(p.offers, sought, weights, after)
        never = blocked.get(pid, NOBODY)
        for other in to_p.keys() | from_p.keys():
            if other == pid or other in never or (other < pid and other in started):
                continue  # self, blocked, or already met from the other side
            pair = judged(p, people[other], to_p.get(other, 0.0), from_p.get(other, 0.0))
            if pair is not None:
                yield pair


def blocked_test(blocked: Collection[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Whether a pair is blocked, in either order, without indexing every blocked pair.

    A set is used as it is (the app passes one): a small focus then checks only its own
    pairs instead of spreading thousands of blocked pairs into a per-person map each call.
    """
    pairs = blocked if isinstance(blocked, set | frozenset) else set(blocked)
    return lambda x, y: (x, y) in pairs or (y, x) in pairs


def shared_weight(
    seeks: frozenset[str], offers: frozenset[str], weights: Mapping[str, float]
) -> float:
    """Summed weight of the topics in both, in tag-name order (as `summed_gains` adds them)."""
    if seeks.isdisjoint(offers):
        return 0.0
    total = 0.0
    for t in sorted(seeks & offers):
        total += weights.get(t, UNKNOWN_WEIGHT)
    return total
