"""Time rounds mode alone on synthetic rooms, and say how close each plan is to the best.

Run: OPENBLAS_NUM_THREADS=1 python bench/rounds.py [N ...]   (default 200 201 1000 2000
2001 5000). For each room, rounds 1 and 3 (round 3 may not repeat a pair of rounds 1-2):
the time of `plan_round` as the app calls it, the total and its proven upper bound, and
for N <= 201 the exact plan (networkx blossom, `exact_limit=N`) and its time.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping
from itertools import combinations

from matching_smoke import room  # same synthetic rooms as the continuous-mode bench

from mixer.matching import Member, RoundPlan, pair_key, plan_round, topic_weights

EXACT_UP_TO = 201  # the exact path takes ~0.2 s at 120 and grows as N cubed


def timed(
    people: list[Member],
    blocked: set[tuple[int, int]],
    weights: Mapping[str, float],
    limit: int = 120,
) -> tuple[RoundPlan, float]:
    """The plan and how long it took."""
    start = time.perf_counter()
    plan = plan_round(people, blocked, weights, exact_limit=limit)
    return plan, time.perf_counter() - start


def row(n: int, number: int, plan: RoundPlan, seconds: float, exact: str) -> str:
    """One line of the Markdown table."""
    bound = plan.upper_bound if plan.upper_bound is not None else plan.total
    ratio = plan.total / bound if bound else 1.0
    trio = "yes" if any(len(g.members) == 3 for g in plan.groups) else "no"
    return (
        f"| {n:,} | {number} | {seconds:.2f} s | {plan.total:,.1f} | {bound:,.1f} "
        f"| {ratio:.2%} | {trio} | {exact} |"
    )


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [200, 201, 1000, 2000, 2001, 5000]
    print("| N | round | plan_round | total | upper bound | total / bound | trio | exact |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for n in sizes:
        people = room(n, seed=n)
        weights = topic_weights(people)
        blocked: set[tuple[int, int]] = set()
        for number in (1, 2, 3):
            plan, seconds = timed(people, blocked, weights)
            if number != 2:
                exact = "-"
                if n <= EXACT_UP_TO:
                    best, exact_seconds = timed(people, blocked, weights, limit=n)
                    exact = f"{exact_seconds:.2f} s, plan = {plan.total / best.total:.2%} of it"
                print(row(n, number, plan, seconds, exact), flush=True)
            blocked |= {pair_key(*p) for g in plan.groups for p in combinations(g.members, 2)}


if __name__ == "__main__":
    main()
