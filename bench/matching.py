"""Time the matching engine alone and say how close continuous mode gets to the best.

Run: OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/matching.py [N ...]  (default 200 1000
5000; add --no-rounds to skip table c). Rooms are synthetic: "mixed" (givers, seekers,
some "both", one topic pool, seekers may meet seekers) and "bipartite" (givers offer
hiring-side topics and seek skills, seekers the reverse, one place per seeker, few
givers): there the exact optimum is a capacitated assignment (linear_sum_assignment on
replicated giver slots). Everywhere, a proven upper bound comes from LP duality.

a) People arrive one by one; each arrival's suggestions as the app makes them (weights
   kept by TopicCounts, then suggest, then reclaim_for_firsts). Time per newcomer, and
   the pure-Python all-pairs baseline (score_pair against everyone, same greedy) on
   every one of the same calls: its time (total / total: speed-up), and whether it
   chose exactly the same every time (then its final value is the engine's: 100 %).
b) The re-balance of everything left unanswered after the last arrival.
c) Rounds mode (bench/rounds.py): time and total / proven upper bound.
"""

from __future__ import annotations

import os
import platform
import random
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parents[1])]

from machine import cpu_model  # noqa: E402
from matching_smoke import room as mixed_room  # noqa: E402

from mixer.matching import (  # noqa: E402
    Member,
    TopicCounts,
    reclaim_for_firsts,
    score_pair,
    suggest,
)
from mixer.matching.bound import plan_bound  # noqa: E402
from mixer.matching.pairs import value_blocks  # noqa: E402
from mixer.matching.rebalance_plan import rebalance  # noqa: E402
from tests.engine.test_matching_newcomer import all_pairs_suggest  # noqa: E402

HIRING = [f"hire-{i:02d}" for i in range(30)]
SKILLS = [f"skill-{i:02d}" for i in range(30)]


def bipartite_room(n: int, seed: int) -> list[Member]:
    """Givers offer hiring-side topics and seek skills; seekers the reverse.

    No pair of two givers or two seekers has value, so the best plan is an assignment
    between giver places and seekers. One giver in five with 3 places, seekers with one:
    places are scarce, which is where arriving one by one loses most.
    """
    rng = random.Random(seed)
    zipf = [1 / (k + 1) for k in range(30)]

    def tags(pool: list[str]) -> frozenset[str]:
        return frozenset(rng.choices(pool, weights=zipf, k=rng.randint(1, 4)))

    people = []
    for i in range(1, n + 1):
        if rng.random() < 0.2:
            people.append(
                Member(i, "give", tags(HIRING), tags(SKILLS), 3, mentor=rng.random() < 0.5)
            )
        else:
            people.append(Member(i, "seek", tags(SKILLS), tags(HIRING), 1))
    return people


@dataclass
class Arrivals:
    people: list[Member]  # the room after the last arrival
    unanswered: set[tuple[int, int]]  # every suggestion still open (nobody answered)
    suggest_ms: list[float]  # per newcomer: weights update + suggest
    reclaim_ms: list[float]  # per newcomer: reclaim_for_firsts
    baseline_ms: list[float]  # per newcomer: the all-pairs baseline, same state, same weights
    identical: bool  # the baseline chose exactly what the engine chose, every time


def arrive(people: list[Member]) -> Arrivals:
    """Continuous mode as the app runs it, nobody answering during the arrivals."""
    room: dict[int, Member] = {}
    counts = TopicCounts()
    unanswered: set[tuple[int, int]] = set()
    blocked: set[tuple[int, int]] = set()
    out = Arrivals([], unanswered, [], [], [], True)

    def load(pair: tuple[int, int], step: int) -> None:
        for i in pair:
            p = room[i]
            room[i] = replace(p, open_count=p.open_count + step, received=p.received + step)

    for person in people:
        room[person.id] = person
        everyone = list(room.values())
        start = time.perf_counter()
        counts.add(person)
        weights = counts.weights()
        made = suggest(everyone, blocked, {person.id}, weights, counts)
        out.suggest_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        base = all_pairs_suggest(everyone, blocked, {person.id}, weights)
        out.baseline_ms.append((time.perf_counter() - start) * 1000)
        out.identical &= base == made  # so a run on the baseline ends in the same room
        for s in made:
            unanswered.add((s.a, s.b))
            blocked.add((s.a, s.b))
            load((s.a, s.b), 1)
        start = time.perf_counter()
        reclaims = reclaim_for_firsts(
            list(room.values()), blocked, unanswered, {person.id}, weights
        )
        out.reclaim_ms.append((time.perf_counter() - start) * 1000)
        for r in reclaims:
            unanswered.discard(r.withdraw)
            load(r.withdraw, -1)
            unanswered.add((r.instead.a, r.instead.b))
            blocked.add((r.instead.a, r.instead.b))
            load((r.instead.a, r.instead.b), 1)
    out.people = list(room.values())
    return out


def assignment_optimum(people: list[Member], weights: dict[str, float]) -> tuple[int, float]:
    """Exact (seekers served, value) in a bipartite room with one place per seeker.

    Rows are giver places (each giver repeated `free` times), columns seekers; a seeker
    served is worth more than any plan's value, so the most seekers are served first.
    """
    givers = [p for p in people if p.intent == "give"]
    seekers = [p for p in people if p.intent == "seek"]
    worth = np.vstack(
        [
            v[:, len(givers) :]
            for rows, v in value_blocks(givers + seekers, weights)
            if rows[0] < len(givers)
        ]
    )[: len(givers)]
    rows = np.repeat(np.arange(len(givers)), [g.free for g in givers])
    bonus = 1.0 + worth.max(initial=0.0) * len(rows)
    cost = -np.where(worth[rows] > 0, worth[rows] + bonus, 0.0)
    r, c = linear_sum_assignment(cost)
    used = worth[rows[r], c] > 0
    return int(used.sum()), float(worth[rows[r], c][used].sum())


def quantiles(ms: list[float]) -> str:
    q = np.percentile(ms, [50, 95, 99]) if ms else [float("nan")] * 3
    return " / ".join(f"{v:.2f}" for v in q)


def value(people: list[Member], pairs: set[tuple[int, int]], weights: dict[str, float]) -> float:
    by_id = {p.id: p for p in people}
    return sum(score_pair(by_id[a], by_id[b], weights).score for a, b in pairs)  # type: ignore[union-attr]


def served(people: list[Member]) -> int:
    return sum(p.seeker and p.received > 0 for p in people)


def one_room(kind: str, n: int) -> tuple[str, str]:
    """Rows of tables a) and b) for one room."""
    people = mixed_room(n, seed=n) if kind == "mixed" else bipartite_room(n, seed=n)
    run = arrive(people)
    weights = TopicCounts(run.people).weights()
    blocked = set(run.unanswered)
    before = value(run.people, run.unanswered, weights)
    start = time.perf_counter()
    r = rebalance(run.people, run.unanswered, blocked, weights)
    seconds = time.perf_counter() - start
    after = r.value[1]
    fresh = [replace(p, open_count=0, received=0) for p in run.people]
    start = time.perf_counter()
    bound = plan_bound(fresh, set(), weights)
    bound_seconds = time.perf_counter() - start
    opt_value = bound.value_for(r.served[1])
    proof = "LP optimum" if bound.exact else "LP dual"
    best = f"{proof} {opt_value:,.0f}, <= {bound.served} served ({bound_seconds:.1f} s)"
    if kind == "bipartite":
        start = time.perf_counter()
        opt_served, opt_value = assignment_optimum(fresh, weights)
        exact_seconds = time.perf_counter() - start
        best = f"exact {opt_value:,.0f}, {opt_served} served ({exact_seconds:.1f} s); " + best
    speed = sum(run.baseline_ms) / sum(run.suggest_ms)
    a = (
        f"| {kind} | {n:,} | {quantiles(run.suggest_ms)} | {quantiles(run.reclaim_ms)} "
        f"| {quantiles(run.baseline_ms)} | {speed:.0f}x "
        f"| {'100.0%' if run.identical else 'DIFFERS'} | {before / opt_value:.1%} "
        f"| {served(run.people)} |"
    )
    b = (
        f"| {kind} | {n:,} | {seconds:.2f} s | {len(r.withdraw)} / {len(r.make)} "
        f"| {r.served[0]} -> {r.served[1]} | {before:,.0f} -> {after:,.0f} "
        f"| {after / opt_value:.1%} | {best} |"
    )
    return a, b


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sizes = [int(a) for a in args] or [200, 1000, 5000]
    print(f"$ OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '(unset)')} "
          f"python {' '.join(sys.argv)}")  # fmt: skip
    print(f"machine: {os.cpu_count()} cores, {cpu_model()}, Python {platform.python_version()}\n")
    rows_a, rows_b = [], []
    for n in sizes:
        for kind in ("bipartite", "mixed"):
            a, b = one_room(kind, n)
            rows_a.append(a)
            rows_b.append(b)
            print(a, "\n", b, file=sys.stderr, flush=True)
    print("a) arrivals one by one: ms per newcomer p50 / p95 / p99; value vs best plan")
    print("| room | N | suggest | reclaim | all-pairs baseline | speed-up | value / all-pairs "
          "| value / best | seekers served |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows_a))
    print("\nb) re-balance after the last arrival (value / best: exact, or the LP bound)")
    print("| room | N | time | withdrawn / made | seekers served | value | value / best | best |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows_b))
    if "--no-rounds" not in sys.argv:
        import rounds

        print("\nc) rounds (mixed rooms), rounds 1 and 3")
        sys.argv = [sys.argv[0], *map(str, sizes)]
        rounds.main()


if __name__ == "__main__":
    main()
