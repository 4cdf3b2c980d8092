"""Who joins a bench event: synthetic attendees, seeded so every run meets the same crowd."""

from __future__ import annotations

import asyncio
import random
import time
from typing import Any

from loadkit.http_driver import join_many

TOPICS = [
    "python",
    "design",
    "hiring",
    "data",
    "devops",
    "product",
    "marketing",
    "sales",
    "frontend",
    "backend",
    "ml",
    "security",
    "mobile",
    "cloud",
    "ux-research",
    "finance",
    "legal",
    "startups",
    "career-change",
    "mentoring",
    "leadership",
    "qa",
    "writing",
    "rust",
]

Phone = tuple[str, str, dict[str, Any]]  # (key, base url, Socket.IO auth), as Swarm.connect takes


def person(rng: random.Random, name: str, intent: str, capacity: int | None = None) -> dict:
    """A join request body: givers are mentors, seekers offer one topic and seek two."""
    body: dict[str, Any] = {"name": name, "intent": intent}
    if intent == "give":
        # Mentors seeking nothing: one-way introductions to seekers only (no giver-giver
        # pairs filling every giver's capacity before the newcomers arrive).
        body.update(offers=rng.sample(TOPICS, 3), seeks=[], mentor=True)
    else:
        body.update(offers=rng.sample(TOPICS, 1), seeks=rng.sample(TOPICS, 2))
    if capacity:
        body["capacity"] = capacity
    return body


def base_crowd(n: int, seek_share: float, seed: int = 7) -> list[dict[str, Any]]:
    """The n attendees already in the room before a scenario measures anything."""
    rng = random.Random(seed)
    return [
        person(rng, f"b{i:05d}", intent, capacity=10 if intent == "give" else None)
        for i, intent in enumerate(
            "seek" if rng.random() < seek_share else "give" for _ in range(n)
        )
    ]


def phones_of(joined: list[dict[str, Any]], urls: list[str]) -> list[Phone]:
    """Each joined attendee's phone, on the worker urls in turn (answer i on urls[i % n])."""
    return [
        (j["attendee"]["name"], urls[i % len(urls)], {"token": j["token"]})
        for i, j in enumerate(joined)
    ]


def join_crowd(
    urls: list[str], code: str, n: int, seek_share: float, concurrency: int = 6
) -> tuple[list[Phone], float]:
    """The base crowd joined through the API (round-robin over urls): their phones, and the
    seconds the joins took."""
    t = time.time()
    joined = asyncio.run(join_many(urls, code, base_crowd(n, seek_share), concurrency))
    return phones_of(joined, urls), time.time() - t
