"""A newcomer's partners: the pairs a small focus can make, without indexing the room.

Building the room's inverted index (`candidates`) costs a few milliseconds at
thousands of people, paid again on every arrival. A few people in focus need only the
people who share one of their topics: found by one pass over the room
(`scan_candidates`), or through the lists an event keeps of who offers and seeks each
topic (`indexed`, and `best_for_one` for a single newcomer, which judges only the
partners that could make the cut). Every path finds the same pairs with the same
scores as the index, summed in tag-name order.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Collection, Iterable, Mapping
from heapq import heapify, heappop

from .candidates import Candidate, judged, shared_weight, summed_gains
from .model import Member, warm
from .topics import TopicCounts


def scan_candidates(
    people: Iterable[Member],
    focus: Collection[int],
    is_blocked: Callable[[int, int], bool],
    weights: Mapping[str, float],
) -> tuple[list[Candidate], dict[int, Member]]:
    """The pairs `candidates` yields for a small focus, found by one pass over the room.

    Building the whole inverted index costs a few milliseconds in a room of thousands;
    a newcomer only needs the people sharing one of their few topics, and a disjointness
    test per person finds those in a fraction of that. Sums run in tag-name order, as in
    `summed_gains`, so scores are bit-identical. Also returns everyone in a pair, by id.
    """
    room = [p for p in people if p.available and p.capacity > p.open_count]
    wanted = set(focus)
    starts = sorted({p.id: p for p in room if p.id in wanted}.items())
    if not starts:
        return [], {}
    seeks = frozenset().union(*(p.seeks for _, p in starts))
    offers = frozenset().union(*(p.offers for _, p in starts))
    found: list[Candidate] = []
    involved = dict(starts)
    others = {
        q.id: q for q in room if not (q.offers.isdisjoint(seeks) and q.seeks.isdisjoint(offers))
    }
    for pid, p in starts:
        for oid, q in others.items():
            if oid == pid or (oid < pid and oid in wanted):
                continue  # self, or a pair of two in the focus, already met from the other
            gain = shared_weight(p.seeks, q.offers, weights)
            give = shared_weight(p.offers, q.seeks, weights)
            if not (gain or give) or is_blocked(pid, oid):
                continue
            pair = judged(p, q, gain, give)
            if pair is not None:
                found.append(pair)
                involved[oid] = q
    return found, involved


def indexed(
    people: Mapping[int, Member],
    focus: Collection[int],
    is_blocked: Callable[[int, int], bool],
    weights: Mapping[str, float],
    index: TopicCounts,
) -> tuple[list[Candidate], dict[int, Member]]:
    """The pairs `scan_candidates` finds, through the room's lists of who offers and seeks
    each topic: only the people sharing a topic with the focus are ever looked at.

    `index` must list everyone in `people` (more is fine: unknown ids are skipped). Sums
    run in tag-name order, as everywhere, so scores are bit-identical.
    """
    wanted = set(focus)
    members = {
        pid: p for pid in sorted(wanted) if (p := people.get(pid)) and p.available and p.free
    }
    # The greedy gives a member at most their free places, and skips a partner only when
    # another member's pick filled them or made them no longer wait for a first: so each
    # member's best partners up to everyone's free places, in each group, hold every pick.
    keep = sum(p.free for p in members.values())
    gains = {
        pid: (
            summed_gains(p.seeks, index.offered, weights, None),
            summed_gains(p.offers, index.sought, weights, None),
        )
        for pid, p in members.items()
    }
    kept = {
        pid: _top_partners(p, people, is_blocked, *gains[pid], keep) for pid, p in members.items()
    }
    # A partner one member may take is judged with every member: the others' pairs with
    # them may still be picked (in a lower tier), and the members with one another.
    shared = set(members).union(*kept.values())
    found: list[Candidate] = []
    involved: dict[int, Member] = dict(members)
    for pid, p in members.items():
        to_p, from_p = gains[pid]
        pairs = kept[pid]
        for oid in sorted(shared - pairs.keys() - {pid}):
            gain, give = to_p.get(oid, 0.0), from_p.get(oid, 0.0)
            q = people.get(oid)
            if not (gain or give) or q is None or not (q.available and q.free):
                continue
            if not is_blocked(pid, oid) and (pair := judged(p, q, gain, give)) is not None:
                pairs[oid] = pair
        for oid, pair in pairs.items():
            if oid < pid and oid in members:
                continue  # a pair of two in the focus, already met from the other
            found.append(pair)
            involved[oid] = people[oid]
    return found, involved


def _top_partners(
    p: Member,
    people: Mapping[int, Member],
    is_blocked: Callable[[int, int], bool],
    to_p: Mapping[int, float],
    from_p: Mapping[int, float],
    keep: int,
) -> dict[int, Candidate]:
    """p's pairs that score among the best `keep` of each group (partners still waiting
    for a first introduction, then anyone), ties included, by partner id.

    As in `best_for_one`: a pair's score is at most what both sides gain, so partners are
    judged in that order and the walk stops once nobody left could make the cut."""
    waiting, rest = _partner_groups(p.id, people, to_p, from_p)
    kept: dict[int, Candidate] = {}
    for group in (waiting, rest):
        heapify(group)
        best: list[float] = []  # the scores judged so far, descending
        while group and (len(best) < keep or -group[0][0] >= best[keep - 1]):
            _bound, oid = heappop(group)
            if is_blocked(p.id, oid):
                continue
            pair = judged(p, people[oid], to_p.get(oid, 0.0), from_p.get(oid, 0.0))
            if pair is not None:
                insort(best, pair[0], key=lambda score: -score)
                kept[oid] = pair
    return kept


def _partner_groups(
    pid: int, people: Mapping[int, Member], to_p: Mapping[int, float], from_p: Mapping[int, float]
) -> tuple[list[tuple[float, int]], list[tuple[float, int]]]:
    """Who could partner `pid`, each with the most the pair could score (what both sides
    gain, negated for a min-heap): those still waiting for a first introduction, then
    anyone else here with a free place."""
    bounds = dict(to_p)
    for oid, give in from_p.items():
        bounds[oid] = bounds.get(oid, 0.0) + give
    waiting: list[tuple[float, int]] = []
    rest: list[tuple[float, int]] = []
    for oid, bound in bounds.items():
        q = people.get(oid)
        if q is None or oid == pid or not q.available or q.capacity <= q.open_count:
            continue
        (waiting if q.received == 0 and q.intent != "give" else rest).append((-bound, oid))
    return waiting, rest


def best_for_one(
    people: Mapping[int, Member],
    pid: int,
    is_blocked: Callable[[int, int], bool],
    weights: Mapping[str, float],
    index: TopicCounts,
) -> tuple[list[Candidate], dict[int, Member]]:
    """Only the pairs `suggest` would choose for one newcomer, found without judging them all.

    With one person in focus every pair holds them, so the greedy takes their `free` best
    partners: first those who still wait for a first introduction, then anyone, each by
    score. A pair's score is at most what both sides gain (two-way: exactly that), so
    partners are judged in that order and the walk stops once nobody left could make the
    cut (ties included, so a warm partner of the same score as the last one kept takes
    its place, as in `suggest`). In a room of thousands where popular topics are shared
    by most, that is a few dozen judgements instead of thousands.
    """
    p = people.get(pid)
    if p is None or not (p.available and p.free):
        return [], {}
    to_p = summed_gains(p.seeks, index.offered, weights, None)
    from_p = summed_gains(p.offers, index.sought, weights, None)
    waiting, rest = _partner_groups(pid, people, to_p, from_p)
    found: list[Candidate] = []
    involved = {pid: p}
    for group in (waiting, rest):
        need = p.free - len(found)
        if need <= 0:
            break
        heapify(group)
        best: list[tuple[float, bool, int, int, bool]] = []  # `suggest.ranking`'s keys
        while group and (len(best) < need or -group[0][0] >= -best[need - 1][0]):
            _bound, oid = heappop(group)
            if is_blocked(pid, oid):
                continue
            q = people[oid]
            pair = judged(p, q, to_p.get(oid, 0.0), from_p.get(oid, 0.0))
            if pair is not None:
                score, a, b, one_way = pair
                insort(best, (-score, not warm(p, q), a, b, one_way))
        for neg_score, _cold, a, b, one_way in best[:need]:
            found.append((-neg_score, a, b, one_way))
            other = b if a == pid else a
            involved[other] = people[other]
    return found, involved
