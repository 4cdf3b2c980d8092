"""Time the matching engine alone on synthetic rooms: whole room, and one newcomer.

Run: python bench/matching_smoke.py [whole_room_size] [focus_room_size]
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable

from mixer.matching import Member, pair_key, suggest, topic_weights

TOPICS = [f"topic-{i:02d}" for i in range(60)]


def room(n: int, seed: int = 7) -> list[Member]:
    """A room shaped like a real mixer: mostly seekers, popular topics and a long tail."""
    rng = random.Random(seed)
    popularity = [1 / (rank + 1) for rank in range(len(TOPICS))]  # Zipf-like

    def tags(k: int) -> frozenset[str]:
        return frozenset(rng.choices(TOPICS, weights=popularity, k=k))

    people = []
    for i in range(1, n + 1):
        intent = rng.choices(["seek", "give", "both"], weights=[6, 3, 1])[0]
        people.append(
            Member(
                id=i,
                intent=intent,
                offers=tags(rng.randint(1, 4)),
                seeks=tags(rng.randint(1, 4)),
                capacity=3 if intent == "give" else 2,
                mentor=intent == "give" and rng.random() < 0.5,
            )
        )
    return people


def best_of(runs: int, fn: Callable[[], object]) -> float:
    """Fastest of a few runs, in seconds, so a noisy neighbour does not skew it."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    whole = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    big = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000

    people = room(whole)
    made = suggest(people, blocked=set())
    seconds = best_of(3, lambda: suggest(people, blocked=set()))
    print(f"whole room  N={whole}: {len(made)} suggestions in {seconds * 1000:.0f} ms")

    # A busy room: everyone already has what they can take, then one newcomer arrives.
    people = room(big)
    first = suggest(people, blocked=set())
    blocked = {pair_key(s.a, s.b) for s in first}
    taken: dict[int, int] = {}
    for s in first:
        taken[s.a] = taken.get(s.a, 0) + 1
        taken[s.b] = taken.get(s.b, 0) + 1
    people = [
        Member(
            p.id,
            p.intent,
            p.offers,
            p.seeks,
            p.capacity,
            taken.get(p.id, 0),
            taken.get(p.id, 0),
            p.mentor,
        )
        for p in people
    ]
    newcomer = Member(big + 1, "seek", frozenset(TOPICS[:3]), frozenset(TOPICS[1:5]), 2)
    people.append(newcomer)
    weights = topic_weights(people)
    made = suggest(people, blocked, focus={newcomer.id})
    cold = best_of(5, lambda: suggest(people, blocked, focus={newcomer.id}))
    warm = best_of(5, lambda: suggest(people, blocked, focus={newcomer.id}, weights=weights))
    print(
        f"focus of one N={big + 1}: {len(made)} suggestions in {cold * 1000:.1f} ms"
        f" ({warm * 1000:.1f} ms with weights given)"
    )


if __name__ == "__main__":
    main()
