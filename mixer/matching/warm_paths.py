"""Warm paths: people worth meeting whom one can reach through someone both know.

A suggestion waits for a free place on both sides; a warm path does not: it lists whom
I could ask a common acquaintance to introduce me to, even a giver whose places are all
taken. The rule mirrors `scoring.verdict` for what I gain, leaving capacity aside:

- G offers something I seek (what I gain is above 0);
- two-way (G gains from me too) ranks first; then one-way with G giving freely (a mentor,
  or a giver seeking nothing), as for any one-way introduction; then one-way with a G
  who did not offer to give freely: no suggestion can pair us, but a broker who knows
  us both may vouch for it (asking them is the point: they decide);
- never someone I know, nor anyone in `never` (introduced to me before, in any state);
- at least one broker K: someone I know who knows G, both still in the event (the
  caller passes only those in `people`: not removed, not forgotten, not gone home).

Brokers, the likeliest first: the one with fewest open warm requests to answer, then the
one who knows the most people here (a connector introduces readily), then by id.
Paths, best first: two-way, one-way given freely, one-way vouched for; within each by
score (one-way discounted as `verdict` does), then by id; at most `limit`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from .model import Member
from .scoring import ONE_WAY_DISCOUNT, value, verdict

LIMIT = 5  # paths shown at once: a few good asks, not a directory


@dataclass(frozen=True, slots=True)
class WarmPath:
    """Someone worth meeting through people both know."""

    to: int
    via: tuple[int, ...]  # common acquaintances, the likeliest broker first
    for_you: tuple[str, ...]  # what they offer that I seek, rarest first
    for_them: tuple[str, ...]  # what I offer that they seek, rarest first
    score: float  # as `scoring.verdict` rules it (one-way discounted)
    one_way: bool  # only I gain
    vouched: bool  # one-way, and they did not offer to give freely: only a broker's word


def warm_paths(
    me: Member,
    people: Mapping[int, Member],
    never: Collection[int],
    weights: Mapping[str, float],
    asks: Mapping[int, int] | None = None,
    limit: int = LIMIT,
) -> list[WarmPath]:
    """The best people for `me` to reach through someone both know, best first.

    `me.acquaintances` are the people I know; `people` (by id) those who may broker or
    be reached, each with `acquaintances` holding at least whom they know among mine.
    `never` are ids never to suggest to me; `asks` open warm requests per broker.
    """
    asks = asks or {}
    via: dict[int, list[int]] = {}
    for k in sorted(me.acquaintances):
        broker = people.get(k)
        if broker is None or k == me.id:
            continue
        for g in broker.acquaintances:
            if g != me.id and g not in me.acquaintances and g in people:
                via.setdefault(g, []).append(k)
    found: list[WarmPath] = []
    for g, brokers in via.items():
        if g in never:
            continue
        them = people[g]
        to_me, for_you = value(me.seeks, them.offers, weights)
        if to_me <= 0:
            continue  # nothing for me: a path is for what I seek
        to_them, for_them = value(them.seeks, me.offers, weights)
        ruled = verdict(me, them, to_me, to_them)
        score, one_way = ruled or (to_me * ONE_WAY_DISCOUNT, True)
        order = sorted(brokers, key=lambda k: (asks.get(k, 0), -len(people[k].acquaintances), k))
        found.append(WarmPath(g, tuple(order), for_you, for_them, score, one_way, ruled is None))
    found.sort(key=lambda p: (p.one_way, p.vouched, -p.score, p.to))
    return found[:limit]
