"""Who could meet whom: only people who share a topic can gain from meeting.

An inverted index (topic -> who offers it, topic -> who seeks it) finds those people
without looking at every pair, and adds up each pair's value while it walks the index,
so a newcomer in a room of thousands costs a few hundred steps, not millions.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from heapq import heapify, heappop

from .model import Person
from .scoring import UNKNOWN_WEIGHT, verdict
from .topics import TopicCounts

Candidate = tuple[float, int, int, bool]  # score, a (smaller id), b, one_way
NOBODY: frozenset[int] = frozenset()


def judged(p: Person, q: Person, gain: float, give: float) -> Candidate | None:
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


def scan_candidates(
    people: Iterable[Person],
    focus: Collection[int],
    is_blocked: Callable[[int, int], bool],
    weights: Mapping[str, float],
) -> tuple[list[Candidate], dict[int, Person]]:
    """The pairs `candidates` yields for a small focus, found by one pass over the room.

    Building the whole inverted index costs a few milliseconds in a room of thousands;
    a newcomer only needs the people sharing one of their few topics, and a disjointness
    test per person finds those in a fraction of that. Sums run in tag-name order, as in
    `_gains`, so scores are bit-identical. Also returns everyone in a pair, by id.
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
    people: Mapping[int, Person],
    focus: Collection[int],
    is_blocked: Callable[[int, int], bool],
    weights: Mapping[str, float],
    index: TopicCounts,
) -> tuple[list[Candidate], dict[int, Person]]:
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
            _gains(p.seeks, index.offered, weights, None),
            _gains(p.offers, index.sought, weights, None),
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
    involved: dict[int, Person] = dict(members)
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
    p: Person,
    people: Mapping[int, Person],
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
    pid: int, people: Mapping[int, Person], to_p: Mapping[int, float], from_p: Mapping[int, float]
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
    people: Mapping[int, Person],
    pid: int,
    is_blocked: Callable[[int, int], bool],
    weights: Mapping[str, float],
    index: TopicCounts,
) -> tuple[list[Candidate], dict[int, Person]]:
    """Only the pairs `suggest` would choose for one newcomer, found without judging them all.

    With one person in focus every pair holds them, so the greedy takes their `free` best
    partners: first those who still wait for a first introduction, then anyone, each by
    score. A pair's score is at most what both sides gain (two-way: exactly that), so
    partners are judged in that order and the walk stops once nobody left could make the
    cut. In a room of thousands where popular topics are shared by most, that is a few
    dozen judgements instead of thousands.
    """
    p = people.get(pid)
    if p is None or not (p.available and p.free):
        return [], {}
    to_p = _gains(p.seeks, index.offered, weights, None)
    from_p = _gains(p.offers, index.sought, weights, None)
    waiting, rest = _partner_groups(pid, people, to_p, from_p)
    found: list[Candidate] = []
    involved = {pid: p}
    for group in (waiting, rest):
        need = p.free - len(found)
        if need <= 0:
            break
        heapify(group)
        best: list[tuple[float, int, int, bool]] = []  # (-score, a, b, one_way), sorted
        while group and (len(best) < need or -group[0][0] >= -best[need - 1][0]):
            _bound, oid = heappop(group)
            if is_blocked(pid, oid):
                continue
            pair = judged(p, people[oid], to_p.get(oid, 0.0), from_p.get(oid, 0.0))
            if pair is not None:
                score, a, b, one_way = pair
                insort(best, (-score, a, b, one_way))
        for neg_score, a, b, one_way in best[:need]:
            found.append((-neg_score, a, b, one_way))
            other = b if a == pid else a
            involved[other] = people[other]
    return found, involved


def shared_weight(
    seeks: frozenset[str], offers: frozenset[str], weights: Mapping[str, float]
) -> float:
    """Summed weight of the topics in both, in tag-name order (as `_gains` adds them)."""
    if seeks.isdisjoint(offers):
        return 0.0
    total = 0.0
    for t in sorted(seeks & offers):
        total += weights.get(t, UNKNOWN_WEIGHT)
    return total
