"""What topic understanding keeps of a room's value when people type topics their own way.

Run: .venv/bin/python bench/vocabulary.py [--people 80] [--seeds 5]

Each seed builds one job-event room of people with intended topics (labels of the
built-in vocabulary, popular ones far more often), then seats it twice: a clean room,
where everyone types their intended labels exactly, and a messy room, where each topic
is typed as people do (the organizer's chip one time in three when the topic is an
event topic, else a typed form from the labelled set `tests/engine/data/typed_topics_*.tsv`,
else a generated slip) and 4 givers in 10 leave "seeks" empty. Half the givers opt in
to one-way help (mentors), in both rooms. Both rooms are read twice: NEW (the built-in
vocabulary with the event's topics, `engine_tags`) and OLD (equal text after trim +
casefold).

Everything is scored on the intended profiles with the clean room's weights:
  served   seekers with at least one introduction (continuous mode)
  intros   value of the introductions made (continuous mode: arrivals one by one, each
           with suggest and reclaim_for_firsts as the app makes them, then one re-balance)
  round    value of one round (plan_round on the whole room; a trio counts its 3 pairs)
and the messy room is reported as a percentage of the clean one.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from mixer.domain.vocabulary import builtin
from mixer.matching import (
    Member,
    TopicCounts,
    plan_round,
    reclaim_for_firsts,
    suggest,
    topic_weights,
    value,
)
from mixer.matching.markers import engine_tags
from mixer.matching.rebalance_plan import rebalance
from mixer.matching.understanding import Vocabulary
from mixer.matching.words import normalise

DATA = Path(__file__).parents[1] / "tests" / "engine" / "data"
TARGETS = {"served": 0.95, "intros": 0.90, "round": 0.90}
CAPACITY = {"give": 3, "both": 3, "seek": 2}

# What people at a job event mention most, with rough relative frequencies.
HELP = {
    "referrals": 10, "mentoring": 9, "job leads": 8, "cv review": 8, "hiring": 7,
    "interview preparation": 6, "career advice": 6, "networking": 4, "mock interviews": 4,
    "salary negotiation": 3, "linkedin profile review": 3, "career change": 3,
    "breaking into tech": 3, "introductions": 3, "portfolio review": 2,
    "visa sponsorship": 2, "internships": 2, "first job": 2, "remote work": 2,
    "informational interviews": 2, "industry insights": 2,
}  # fmt: skip
FIELDS = {
    "software engineering": 8, "data science": 8, "product management": 7, "ux design": 6,
    "data analysis": 5, "machine learning": 5, "data engineering": 4, "marketing": 4,
    "project management": 3, "devops": 3, "frontend development": 3, "cybersecurity": 3,
    "backend development": 3, "artificial intelligence": 3, "sales": 3, "finance": 3,
    "recruiting": 3, "human resources": 2, "design": 2, "cloud computing": 2,
    "business development": 2, "consulting": 2, "ux research": 2, "product design": 2,
    "customer success": 2,
    "python": 8, "sql": 7, "javascript": 4, "react": 3, "java": 3, "aws": 3, "excel": 3,
    "tableau": 2, "figma": 2, "kubernetes": 2, "docker": 2, "typescript": 2, "pandas": 2,
    "power bi": 2, "r": 2, "go": 1, "c++": 1,
}  # fmt: skip
TAIL_WEIGHT = 0.1  # every other label of the vocabulary: the long tail
MENTORS = 0.5  # givers who opt in to one-way help, as in bench/matching.py


@dataclass(frozen=True)
class Profile:
    id: int
    intent: str
    offers: tuple[str, ...]  # intended labels
    seeks: tuple[str, ...]
    mentor: bool = False


def labelled_variants(parts: Sequence[str]) -> dict[str, list[str]]:
    """Intended label (normalised) -> the ways people typed it, single-label lines only."""
    variants: dict[str, list[str]] = {}
    for path in (DATA / f"typed_topics_{part}.tsv" for part in parts):
        for row in path.read_text(encoding="utf-8").splitlines()[1:]:
            typed, intended, _ = row.split("\t")
            if intended != "-" and "|" not in intended:
                variants.setdefault(normalise(intended), []).append(typed)
    return variants


class Pools:
    """Labels to draw intended topics from: help kinds, and fields / skills / tools."""

    def __init__(self, vocab: Vocabulary) -> None:
        known = set(vocab.entries)
        self.help = {normalise(t): w for t, w in HELP.items() if normalise(t) in known}
        fields = {normalise(t): w for t, w in FIELDS.items() if normalise(t) in known}
        tail = known - set(self.help) - set(fields)
        self.fields = fields | dict.fromkeys(sorted(tail), TAIL_WEIGHT)
        popular = sorted({**self.help, **fields}.items(), key=lambda kv: (-kv[1], kv[0]))
        self.event_topics = [t for t, _ in popular[:10]]

    @staticmethod
    def draw(rng: random.Random, pool: Mapping[str, float], k: int) -> list[str]:
        labels, weights = list(pool), list(pool.values())
        out: list[str] = []
        while len(out) < k:
            t = rng.choices(labels, weights=weights)[0]
            if t not in out:
                out.append(t)
        return out


def profiles(rng: random.Random, n: int, pools: Pools) -> list[Profile]:
    """About 40 % givers, 45 % seekers, 15 % both."""
    out = []
    for i in range(1, n + 1):
        intent = rng.choices(["give", "seek", "both"], weights=[40, 45, 15])[0]
        skills = pools.draw(rng, pools.fields, rng.randint(1, 3) + 3)
        helps = pools.draw(rng, pools.help, 4)
        if intent == "give":  # fields/skills and kinds of help; seeks the roles they hire for
            offers = skills[: rng.randint(1, 3)] + helps[: rng.randint(1, 2)]
            seeks = skills[3:][: rng.randint(1, 3)]
        elif intent == "seek":  # kinds of help and fields; offers their skills
            offers = skills[: rng.randint(1, 3)]
            seeks = helps[: rng.randint(1, 2)] + skills[3:][: rng.randint(1, 2)]
        else:
            offers = skills[: rng.randint(1, 2)] + helps[:1]
            seeks = helps[1 : 1 + rng.randint(1, 2)] + skills[3:][:1]
        mentor = intent == "give" and rng.random() < MENTORS
        out.append(Profile(i, intent, tuple(offers), tuple(seeks), mentor))
    return out


def slip(rng: random.Random, label: str) -> str:
    """A generated way of typing a label nobody in the labelled set typed."""
    kind = rng.choice(["case", "plural", "hyphen", "typo", "role"])
    if kind == "case":
        return rng.choice([label.title(), label.upper()])
    if kind == "plural":
        return label + "s"
    if kind == "hyphen" and " " in label:
        return label.replace(" ", "-")
    if kind == "hyphen" and "-" in label:
        return label.replace("-", " ")
    if kind == "typo" and len(label) >= 5:
        i = rng.randrange(1, len(label) - 1)
        return label[:i] + label[i + 1] + label[i] + label[i + 2 :]  # two letters swapped
    if kind == "role":
        return f"{label} {rng.choice(['expert', 'specialist', 'people'])}"
    return label.capitalize()


def messy(rng: random.Random, p: Profile, chips: set[str], typed: dict[str, list[str]]) -> Profile:
    def one(label: str) -> str:
        if label in chips and rng.random() < 1 / 3:
            return label  # picked the organizer's chip
        forms = typed.get(label)
        return rng.choice(forms) if forms else slip(rng, label)

    seeks = () if p.intent == "give" and rng.random() < 0.4 else tuple(map(one, p.seeks))
    return replace(p, offers=tuple(map(one, p.offers)), seeks=seeks)


Reader = Callable[[Iterable[str], Iterable[str]], tuple[frozenset[str], frozenset[str]]]


def old(offers: Iterable[str], seeks: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Before topic understanding: equal text after trim and casefold."""

    def texts(typed: Iterable[str]) -> frozenset[str]:
        return frozenset(t.strip().casefold() for t in typed)

    return texts(offers), texts(seeks)


def people(room: Sequence[Profile], read: Reader) -> list[Member]:
    return [
        Member(p.id, p.intent, *read(p.offers, p.seeks), CAPACITY[p.intent], mentor=p.mentor)
        for p in room
    ]


def continuous(room: list[Member], order: list[int]) -> set[tuple[int, int]]:
    """Arrivals one by one as the app makes suggestions, then one whole-room re-balance."""
    by_id = {p.id: p for p in room}
    here: dict[int, Member] = {}
    counts = TopicCounts()
    blocked: set[tuple[int, int]] = set()
    unanswered: set[tuple[int, int]] = set()

    def load(pair: tuple[int, int], step: int) -> None:
        for i in pair:
            q = here[i]
            here[i] = replace(q, open_count=q.open_count + step, received=q.received + step)

    for pid in order:
        here[pid] = by_id[pid]
        counts.add(by_id[pid])
        weights = counts.weights()
        for s in suggest(list(here.values()), blocked, {pid}, weights):
            unanswered.add((s.a, s.b))
            blocked.add((s.a, s.b))
            load((s.a, s.b), 1)
        for r in reclaim_for_firsts(list(here.values()), blocked, unanswered, {pid}, weights):
            unanswered.discard(r.withdraw)
            load(r.withdraw, -1)
            unanswered.add((r.instead.a, r.instead.b))
            blocked.add((r.instead.a, r.instead.b))
            load((r.instead.a, r.instead.b), 1)
    final = list(here.values())
    r = rebalance(final, unanswered, set(unanswered), counts.weights())
    return (unanswered - set(r.withdraw)) | {(s.a, s.b) for s in r.make}


def round_pairs(room: list[Member]) -> list[tuple[int, int]]:
    plan = plan_round(room, set(), topic_weights(room))
    m = [g.members for g in plan.groups]
    return [(g[i], g[j]) for g in m for i in range(len(g)) for j in range(i + 1, len(g))]


@dataclass(frozen=True)
class Scores:
    served: int
    intros: float
    round: float


def score(
    room: list[Member], order: list[int], truth: Mapping[int, Member], w: Mapping[str, float]
) -> Scores:
    """The room's introductions and round, valued on what people intended."""

    def worth(pairs: Iterable[tuple[int, int]]) -> float:
        total = 0.0
        for a, b in pairs:
            x, y = truth[a], truth[b]
            total += value(x.seeks, y.offers, w)[0] + value(y.seeks, x.offers, w)[0]
        return total

    intros = continuous(room, order)
    met = {i for pair in intros for i in pair}
    served = sum(p.seeker and p.id in met for p in truth.values())
    return Scores(served, worth(intros), worth(round_pairs(room)))


Result = dict[str, tuple[tuple[float, float, float], str]]


def one_seed(seed: int, n: int, parts: Sequence[str]) -> Result:
    """Per reading (NEW, OLD): messy / clean per measure, and the clean room's figures."""
    vocab = builtin()
    pools = Pools(vocab)
    room_vocab = vocab.with_room(pools.event_topics, {})
    rng = random.Random(seed)
    intended = profiles(rng, n, pools)
    typed = labelled_variants(parts)
    untidy = [messy(rng, p, set(pools.event_topics), typed) for p in intended]
    order = rng.sample([p.id for p in intended], n)  # the same arrivals in every room

    def new(offers: Iterable[str], seeks: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
        return engine_tags(room_vocab, offers, seeks)

    truth_people = people(intended, new)
    truth = {p.id: p for p in truth_people}
    w = topic_weights(truth_people)
    seekers = sum(p.seeker for p in truth_people)
    out = {}
    for name, read in (("NEW", new), ("OLD", old)):
        clean = score(people(intended, read), order, truth, w)
        mess = score(people(untidy, read), order, truth, w)
        ratios = (
            mess.served / max(clean.served, 1),
            mess.intros / max(clean.intros, 1e-9),
            mess.round / max(clean.round, 1e-9),
        )
        out[name] = (ratios, f"{clean.served}/{seekers}, {clean.intros:.0f}, {clean.round:.0f}")
    return out


def newcomer_speed(n: int, arrivals: int = 300, seed: int = 7) -> tuple[float, float, float]:
    """ms per newcomer (p50, p95, p99) in a room of `n` people whose messy words were read.

    As the app does it: the room is read once (the worker's view), the topic weights are
    kept by `TopicCounts`, and each newcomer's typed topics are read on arrival, then
    `suggest` runs for them alone. Reading and suggesting are both timed.
    """
    vocab = builtin()
    pools = Pools(vocab)
    room_vocab = vocab.with_room(pools.event_topics, {})
    rng = random.Random(seed)
    typed = labelled_variants(("dev", "test"))
    intended = profiles(rng, n + arrivals, pools)
    untidy = [messy(rng, p, set(pools.event_topics), typed) for p in intended]
    room = people(untidy[:n], lambda o, s: engine_tags(room_vocab, o, s))
    counts = TopicCounts(room)
    times = []
    for p in untidy[n:]:
        start = time.perf_counter()
        [newcomer] = people([p], lambda o, s: engine_tags(room_vocab, o, s))
        counts.add(newcomer)
        suggest([*room, newcomer], set(), {newcomer.id}, counts.weights(), counts)
        times.append((time.perf_counter() - start) * 1000)
        counts.remove(newcomer)
    q = statistics.quantiles(times, n=100)
    return q[49], q[94], q[98]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=80)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument(
        "--speed", type=int, default=0, help="also time a newcomer in a room of this many"
    )
    parser.add_argument(
        "--labelled",
        default="dev,test",
        help="which halves of the labelled set people's typed forms come from; 'test' alone"
        " is the half the vocabulary was never tuned on",
    )
    args = parser.parse_args()
    start = time.perf_counter()
    seeds = list(range(1, args.seeds + 1))
    with ProcessPoolExecutor(args.jobs) as pool:
        parts = [args.labelled.split(",")] * len(seeds)
        results = list(pool.map(one_seed, seeds, [args.people] * len(seeds), parts))
    print(
        f"N = {args.people} people, {args.seeds} seeds, typed forms from {args.labelled};"
        " messy room as % of clean room"
        " (clean room: seekers served, intros' value, round's value)"
    )
    print("| reading | seed | served | intros' value | round's value | clean room |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name in ("NEW", "OLD"):
        rows = [r[name][0] for r in results]
        for seed, r in zip(seeds, results, strict=True):
            cells = " | ".join(f"{v:.1%}" for v in r[name][0])
            print(f"| {name} | {seed} | {cells} | {r[name][1]} |")
        for what, agg in (("mean", statistics.fmean), ("min", min)):
            cells = " | ".join(f"**{agg(row[k] for row in rows):.1%}**" for k in range(3))
            print(f"| {name} | {what} | {cells} | |")
    targets = ", ".join(f"{k} >= {v:.0%}" for k, v in TARGETS.items())
    print(f"targets: {targets}  ({time.perf_counter() - start:.1f} s)")
    if args.speed:
        p50, p95, p99 = newcomer_speed(args.speed)
        print(
            f"newcomer at N = {args.speed:,} (read + suggest), ms p50 / p95 / p99:"
            f" {p50:.2f} / {p95:.2f} / {p99:.2f} (target p99 <= 5 ms)"
        )


if __name__ == "__main__":
    main()
