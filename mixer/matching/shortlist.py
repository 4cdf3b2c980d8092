"""The room a re-balance chooses in, and its shortlist: each person's few best partners.

Re-choosing thousands of suggestions at once needs the pairs worth considering, but a
room of 5,000 has millions of pairs with some value and scoring them one by one in
Python takes many seconds. Row blocks of the value matrix (`pairs.value_blocks`) cost
a fraction of that, and keeping each person's top few partners leaves a graph small
enough for an exact solver, while an optimal plan rarely uses anyone's tenth-best
partner. The values are for ranking: chosen pairs are scored again by `score_pair`, so
what is shown stays bit-identical to continuous mode.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .model import Member, Pair, pair_key
from .pairs import value_blocks


@dataclass(frozen=True, slots=True)
class OpenRoom:
    """The room as a re-balance sees it, once the suggestions it may move are put back."""

    room: list[Member]  # everyone here with a free place, by id: the value matrices' rows
    weights: Mapping[str, float]
    free: dict[int, int]  # free places of everyone here, by id
    needy: set[int]  # seekers in the room with no introduction yet
    never: list[Pair]  # blocked pairs as row numbers of `room` (a suggestion kept is not)
    edges: dict[Pair, float]  # the shortlist: candidate pairs (ids) with their value

    @classmethod
    def of(
        cls,
        by_id: Mapping[int, Member],
        held: Counter[int],
        blocked: Collection[Pair],
        weights: Mapping[str, float],
        partners: int,
        current: Mapping[Pair, float],
    ) -> OpenRoom:
        """The room with the places `held` by the suggestions `current` put back.

        `partners` is how many best partners per person the shortlist starts from; the
        suggestions `current` (ids, valued) are on it whatever their rank.
        """
        free = {
            p.id: max(0, p.capacity - (p.open_count - held[p.id]))
            for p in by_id.values()
            if p.available
        }
        room = sorted(i for i, f in free.items() if f > 0)
        needy = {i for i in room if by_id[i].seeker and by_id[i].received - held[i] == 0}
        people = [by_id[i] for i in room]
        edges, never = shortlist(people, weights, partners, blocked, current)
        return cls(people, weights, free, needy, never, edges)


def shortlist(
    room: list[Member],
    weights: Mapping[str, float],
    partners: int,
    blocked: Collection[Pair],
    current: Mapping[Pair, float],
) -> tuple[dict[Pair, float], list[Pair]]:
    """Candidate pairs (ids) with their value: best partners, and what is suggested now.

    Also the blocked pairs as row numbers of `room`, for pricing the rest of the room.
    """
    row = {p.id: k for k, p in enumerate(room)}
    never = [
        (row[x], row[y])
        for x, y in blocked
        if x in row and y in row and pair_key(x, y) not in current
    ]
    found = top_partners(room, weights, partners, never)
    edges = {pair_key(room[i].id, room[j].id): w for (i, j), w in found.items()}
    edges.update((pair, w) for pair, w in current.items() if pair[0] in row and pair[1] in row)
    return edges, never


def top_partners(
    people: Sequence[Member],
    weights: Mapping[str, float],
    keep: int,
    blocked: Collection[tuple[int, int]] = (),
) -> dict[tuple[int, int], float]:
    """Pairs (row numbers i < j) where j is among i's `keep` best or i among j's, valued.

    Pairs in `blocked` (row numbers, either order) and pairs the rules forbid (no value
    either way, one-way without a mentor) are left out.
    """
    found: dict[tuple[int, int], float] = {}
    k = min(keep, len(people) - 1)
    if k <= 0:
        return found
    for rows, values in value_blocks(people, weights, blocked):
        best = np.argpartition(-values, k - 1, axis=1)[:, :k]
        worth = np.take_along_axis(values, best, axis=1)
        for r, c, w in zip(*np.nonzero(worth > 0), worth[worth > 0], strict=True):
            i, j = int(rows[r]), int(best[r, c])
            found[(i, j) if i < j else (j, i)] = float(w)
    return found
