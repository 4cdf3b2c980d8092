"""The whole room's suggestions without listing every pair: `suggest`'s greedy, lazily.

`suggest` ranks every allowed pair, then walks them once per tier. For the whole room
that is every pair sharing a topic: in the demo crowd most pairs share a popular one,
so a room of 4,000 judged 4.5 million pairs in Python and held them all in memory
(seconds, growing with the square of the room). Yet the walk takes at most a few pairs
per person: everyone's places run out after their first few partners.

So each person keeps a short stream of partners in the walk's order (-score, cold, a, b),
and a heap holds each stream's head: the smallest head is the walk's next pair, as
every pair not yet walked is in both its people's streams. A stream is refilled when
it runs dry, from that person's row of the value matrix (`pairs.block_values`),
leaving out whoever can no longer take this tier's pairs (no place left, or no first
introduction to give): that only ever shrinks, so they are skipped for good either way.
The matrix ranks; the exact score (`candidates.judged`, summed in tag-name order)
orders, and a stream holds only the partners whose place in the order is certain, so
the choice is the same pair for pair as `suggest`'s full walk.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from heapq import heappop, heappush

import numpy as np

from .candidates import Candidate, judged, shared_weight
from .model import Member, warm
from .pairs import BLOCK_CELLS, block_values, givers, incidence

CHUNK = 12  # partners per refill of a stream: a few more than anyone's places
TOLERANCE = 1e-9  # relative: the matrix's sums differ from the exact ones far below this

Key = tuple[float, bool, int, int, bool]  # -score, cold, a, b, one_way: the walk's order


def whole_room(
    people: Sequence[Member],
    blocked: Collection[tuple[int, int]],
    weights: Mapping[str, float],
    tiers: Sequence[int],
) -> list[tuple[Member, Member, float, bool]]:
    """The pairs `suggest` chooses for the whole room, in the order chosen."""
    room = [p for p in people if p.available and p.free > 0]
    room.sort(key=lambda p: p.id)
    n = len(room)
    if n < 2:
        return []
    row = {p.id: k for k, p in enumerate(room)}
    never: dict[int, set[int]] = {}
    for x, y in blocked:
        if x in row and y in row:
            never.setdefault(row[x], set()).add(row[y])
            never.setdefault(row[y], set()).add(row[x])
    seeks, offers = incidence(room, weights)
    mentor = givers(room)
    free = np.array([p.free for p in room], dtype=int)
    needy = np.array([p.seeker and p.received == 0 for p in room], dtype=bool)
    walk = _Walk(room, weights, never, seeks, offers, mentor, free, needy)
    chosen: list[tuple[int, int, float, bool]] = []
    partners: dict[int, set[int]] = {}  # pairs chosen: never walked again
    for tier in tiers:
        for i, j, score, one_way in walk.tier(tier, partners):
            chosen.append((i, j, score, one_way))
            partners.setdefault(i, set()).add(j)
            partners.setdefault(j, set()).add(i)
    return [(room[i], room[j], score, one_way) for i, j, score, one_way in chosen]


class _Walk:
    """The greedy's walk down the pairs of one tier, one stream per person."""

    def __init__(
        self,
        room: list[Member],
        weights: Mapping[str, float],
        never: dict[int, set[int]],
        seeks: np.ndarray,
        offers: np.ndarray,
        mentor: np.ndarray,
        free: np.ndarray,
        needy: np.ndarray,
    ) -> None:
        self.room, self.weights, self.never = room, weights, never
        self.seeks, self.offers, self.mentor = seeks, offers, mentor
        self.free, self.needy = free, needy

    def tier(self, tier: int, partners: dict[int, set[int]]) -> list[tuple[int, int, float, bool]]:
        """Walk this tier's pairs in order; choose those whose people can still take them."""
        self.seen = {i: set(js) for i, js in partners.items()}  # walked (or chosen) per person
        self.streams: dict[int, list[Key]] = {}
        self.complete: dict[int, bool] = {}
        heap: list[tuple[Key, int]] = []
        alive = np.flatnonzero(self.free > 0)
        if tier >= 1:  # every pair of these tiers is in its needy side's stream
            alive = alive[self.needy[alive]]
        step = max(1, BLOCK_CELLS // len(self.room))
        for start in range(0, len(alive), step):
            rows = alive[start : start + step]
            for i, stream in self._refill(rows, tier):
                if stream:
                    heappush(heap, (stream[-1], i))
        walked: set[tuple[int, int]] = set()
        chosen = []
        free, needy, room = self.free, self.needy, self.room
        while heap:
            key, i = heappop(heap)
            self.streams[i].pop()
            neg_score, _cold, a, b, one_way = key
            x, y = (i, self._row(b)) if room[i].id == a else (self._row(a), i)
            self.seen.setdefault(x, set()).add(y)
            self.seen.setdefault(y, set()).add(x)
            if (x, y) not in walked:
                walked.add((x, y))
                if free[x] and free[y] and int(needy[x]) + int(needy[y]) >= tier:
                    chosen.append((x, y, -neg_score, one_way))
                    free[x] -= 1
                    free[y] -= 1
                    needy[x] = needy[y] = False
            if not self._alive(i, tier):
                continue
            while not self.streams[i] and not self.complete[i]:
                self._refill(np.array([i]), tier)
            if self.streams[i]:
                heappush(heap, (self.streams[i][-1], i))
        return chosen

    def _row(self, pid: int) -> int:
        if not hasattr(self, "_rows"):
            self._rows = {p.id: k for k, p in enumerate(self.room)}
        return self._rows[pid]

    def _alive(self, i: int, tier: int) -> bool:
        """Whether i's stream may still hold a pair to choose in this tier.

        A pair of tier 1 or 2 has a seeker waiting for a first introduction on one side:
        that side's stream holds it, so only theirs are walked.
        """
        return bool(self.free[i]) and (tier == 0 or bool(self.needy[i]))

    def _refill(self, rows: np.ndarray, tier: int) -> list[tuple[int, list[Key]]]:
        """The next partners of these people, in the walk's order reversed (pop the end).

        Only partners whose place is certain: the matrix's values are within a hair of
        the exact scores, so every partner left out is below the last one kept.
        """
        takes = self.free > 0  # who can still take a pair of this tier: only fewer later
        if tier == 2:
            takes &= self.needy
        cols = np.flatnonzero(takes)
        at = np.full(len(self.room), -1)
        at[cols] = np.arange(len(cols))
        values = block_values(self.seeks, self.offers, self.mentor, rows, cols)
        mine = at[rows] >= 0
        values[np.flatnonzero(mine), at[rows[mine]]] = 0.0  # nobody meets themselves
        if tier == 1:
            values[~self.needy[rows], :] *= self.needy[cols][None, :]
        out = []
        for r, i in enumerate(rows.tolist()):
            if not self._alive(i, tier):
                self.streams[i], self.complete[i] = [], True
                out.append((i, []))
                continue
            line = values[r]
            for j in (*self.never.get(i, ()), *self.seen.get(i, ())):
                if at[j] >= 0:
                    line[at[j]] = 0.0
            found = np.flatnonzero(line > 0)
            complete = len(found) <= CHUNK
            cutoff = -np.inf
            if not complete:
                part = line[found]
                thr = float(np.partition(part, len(part) - CHUNK)[len(part) - CHUNK])
                tol = TOLERANCE * (1.0 + float(part.max()))
                found = found[part >= thr - tol]
                cutoff = thr - tol / 2
            found = cols[found]
            p = self.room[i]
            keys = []
            for j in found.tolist():
                q = self.room[j]
                pair = judged(
                    p,
                    q,
                    shared_weight(p.seeks, q.offers, self.weights),
                    shared_weight(p.offers, q.seeks, self.weights),
                )
                if pair is None:
                    self.seen.setdefault(i, set()).add(j)  # no introduction allowed: done
                elif pair[0] >= cutoff:
                    keys.append(_key(pair, not warm(p, q)))
            keys.sort(reverse=True)
            self.streams[i], self.complete[i] = keys, complete
            out.append((i, keys))
        return out


def _key(pair: Candidate, cold: bool) -> Key:
    score, a, b, one_way = pair
    return (-score, cold, a, b, one_way)
