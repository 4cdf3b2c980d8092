"""The newcomer's fast path: the same suggestions, bit for bit, as the whole-room path."""

from __future__ import annotations

import importlib
import math
import random
from collections import Counter
from collections.abc import Collection, Mapping, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixer.matching import Member, Suggestion, TopicCounts, pair_key, score_pair, suggest
from mixer.matching.model import warm
from mixer.matching.scoring import topic_weights
from tests.engine.test_matching_suggest import Room, rooms

suggest_module = importlib.import_module("mixer.matching.suggest")  # the name is shadowed
TOPICS = [f"t{i:02d}" for i in range(40)]


def all_pairs_suggest(
    people: Sequence[Member],
    blocked: Collection[tuple[int, int]],
    focus: Collection[int],
    weights: Mapping[str, float],
) -> list[Suggestion]:
    """The baseline: score the focus against everyone with `score_pair`, then the same
    tiered greedy (needy seekers served, score, warm before cold, ids). No index, no
    shortcuts."""
    never = {pair_key(*p) for p in blocked}
    room = {p.id: p for p in people if p.available and p.free > 0}
    options = {}
    for pid in focus:
        if pid not in room:
            continue
        for other in room.values():
            if other.id == pid or pair_key(pid, other.id) in never:
                continue
            s = score_pair(room[pid], other, weights)
            if s is not None:
                options[(s.a, s.b)] = s
    free = {i: p.free for i, p in room.items()}
    needy = {i for i, p in room.items() if p.seeker and p.received == 0}
    ranked = sorted(
        options.values(), key=lambda s: (-s.score, not warm(room[s.a], room[s.b]), s.a, s.b)
    )
    chosen = []
    for tier in (2, 1, 0):
        waiting = []
        for s in ranked:
            if not (free[s.a] and free[s.b]):
                continue
            if (s.a in needy) + (s.b in needy) < tier:
                waiting.append(s)
                continue
            chosen.append(s)
            for i in (s.a, s.b):
                free[i] -= 1
                needy.discard(i)
        ranked = waiting
    return chosen


def random_room(n: int, seed: int) -> tuple[list[Member], set[tuple[int, int]]]:
    """A busy room: Zipf-like topics, some capacity taken, some pairs already blocked, and
    a third of the people knowing one or two of a dozen well-connected people (so that
    warm pairs tie with cold ones of the same score)."""
    rng = random.Random(seed)
    popularity = [1 / (k + 1) for k in range(len(TOPICS))]

    def tags() -> frozenset[str]:
        return frozenset(rng.choices(TOPICS, weights=popularity, k=rng.randint(1, 4)))

    people = []
    for pid in range(1, n + 1):
        intent = rng.choice(["give", "seek", "seek", "both"])
        capacity = 3 if intent == "give" else 2
        taken = rng.choice([0, 0, 1, capacity])
        people.append(
            Member(pid, intent, tags(), tags(), capacity, taken, taken + rng.choice([0, 1]),
                   mentor=rng.random() < 0.3, available=rng.random() > 0.05,
                   acquaintances=frozenset(rng.sample(range(1, 13), rng.randint(1, 2)))
                   if rng.random() < 0.35 else frozenset())
        )  # fmt: skip
    blocked = {pair_key(rng.randint(1, n), rng.randint(1, n)) for _ in range(2 * n)}
    return people, blocked


def index_path(people: list[Member], blocked: set, focus: set[int], weights: dict) -> list:
    """`suggest` forced onto the inverted index, as for a big focus."""
    limit = suggest_module.SCAN_LIMIT
    suggest_module.SCAN_LIMIT = -1
    try:
        return suggest(people, blocked, focus, weights)
    finally:
        suggest_module.SCAN_LIMIT = limit


@pytest.mark.parametrize("seed", range(6))
def test_fast_path_equals_the_index_and_all_pairs_in_random_rooms(seed: int) -> None:
    people, blocked = random_room(400, seed)
    weights = topic_weights(people)
    rng = random.Random(seed)
    for size in (1, 1, 1, 2, 3, 8):
        focus = set(rng.sample(range(1, 402), size))
        fast = suggest(people, blocked, focus, weights)
        assert fast == index_path(people, blocked, focus, weights)
        assert fast == all_pairs_suggest(people, blocked, focus, weights)
        assert fast == suggest(people, blocked, focus, weights, TopicCounts(people))
        # Bit-identical scores, not merely close ones.
        assert [s.score.hex() for s in fast] == [
            score_pair(*(p for p in people if p.id in (s.a, s.b)), weights).score.hex()  # type: ignore[union-attr]
            for s in fast
        ]


@pytest.mark.parametrize("seed", range(20))
def test_a_small_focus_through_the_kept_index_equals_every_pair_judged(seed: int) -> None:
    """A decline puts both people in focus: the kept index judges only each one's best
    partners (up to everyone's free places per group, and anyone another may take), and
    must still choose exactly what judging every pair chooses."""
    people, blocked = random_room(300, 100 + seed)
    weights = topic_weights(people)
    rng = random.Random(seed)
    index = TopicCounts(people)
    for size in (2, 2, 3, 4, 5):
        focus = set(rng.sample(range(1, 301), size))
        kept = suggest(people, blocked, focus, weights, index)
        assert kept == all_pairs_suggest(people, blocked, focus, weights)


@settings(max_examples=300, deadline=None)
@given(rooms(), st.sets(st.integers(0, 26), max_size=8))
def test_fast_path_equals_the_index_path(room: Room, focus: set[int]) -> None:
    people, blocked, _ = room
    weights = topic_weights(people)
    fast = suggest(people, blocked, focus, weights)
    assert fast == index_path(people, set(blocked), focus, weights)
    assert fast == all_pairs_suggest(people, blocked, focus, weights)
    assert suggest(people, sorted(blocked), focus, weights) == fast  # any collection
    assert suggest(people, blocked, focus, weights, TopicCounts(people)) == fast  # kept index


def literal_weights(people: Sequence[Member]) -> dict[str, float]:
    """`topic_weights` as first written: one person at a time."""
    df: Counter[str] = Counter()
    for p in people:
        df.update(p.offers | p.seeks)
    n = max(len(people), 1)
    return {t: 1.0 + math.log(n / c) for t, c in df.items()}


@settings(max_examples=200, deadline=None)
@given(rooms(), st.randoms(use_true_random=False))
def test_topic_counts_track_arrivals_departures_and_changes(room: Room, rng: random.Random) -> None:
    people = room[0]
    assert topic_weights(people) == literal_weights(people)
    counts = TopicCounts()
    present: list[Member] = []
    for p in people:
        counts.add(p)
        present.append(p)
        if present and rng.random() < 0.3:
            gone = present.pop(rng.randrange(len(present)))
            counts.remove(gone)
        if present and rng.random() < 0.2:
            k = rng.randrange(len(present))
            new = Member(present[k].id, "seek", present[k].seeks, frozenset({"ml"}), 2)
            counts.replace(present[k], new)
            present[k] = new
        assert counts.weights() == literal_weights(present)
        assert len(counts) == len(present)
        assert counts.offered == TopicCounts(present).offered
        assert counts.sought == TopicCounts(present).sought


def test_topic_counts_refuse_someone_never_counted() -> None:
    counts = TopicCounts([Member(1, "seek", frozenset({"a"}), frozenset(), 2)])
    with pytest.raises(ValueError):
        counts.remove(Member(2, "seek", frozenset({"b"}), frozenset(), 2))


@pytest.mark.parametrize(("seed", "chunk"), [(0, 1), (1, 2), (2, 12), (3, 3)])
def test_whole_room_walk_equals_ranking_every_pair(
    seed: int, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole room's pass (each person's best partners, refilled as they run out)
    chooses exactly what ranking every pair would, in the same order, even when each
    refill brings only one or two partners and many scores tie."""
    monkeypatch.setattr(importlib.import_module("mixer.matching.whole_room"), "CHUNK", chunk)
    people, blocked = random_room(300, seed)
    weights = topic_weights(people)
    everyone = {p.id for p in people}
    walked = suggest(people, blocked, None, weights)
    assert walked == all_pairs_suggest(people, blocked, everyone, weights)
    assert walked == index_path(people, blocked, everyone, weights)
    assert [s.score.hex() for s in walked] == [
        score_pair(*(p for p in people if p.id in (s.a, s.b)), weights).score.hex()  # type: ignore[union-attr]
        for s in walked
    ]
