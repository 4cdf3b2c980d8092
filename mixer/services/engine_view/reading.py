"""What callers read from the kept view: the people handed to the engine with their
counts, the room as read, and who shares a topic with one person."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from ...domain.models import Event
from ...matching import Member, TopicCounts
from ..queries import held_ids
from ..supply import Supply
from .counts import current_counts
from .refresh import View, current_view


def matching_people(event: Event) -> tuple[list[Member], Mapping[str, float], TopicCounts]:
    """Everyone active, as the engine sees them with their current counts, the weights, and
    the kept index of who offers and seeks each topic (for a newcomer's suggestions).

    Call inside the event's lock, so the view and the counts describe one moment.
    """
    held = held_ids(event)  # a burst's newcomers: usually none, one indexed query
    views, view = current_view(event)
    with views.lock:
        counts, recounted = current_counts(event, views)
        listed = _listed(view, counts, recounted)
        people = list(listed)  # the caller's own: the kept one changes with the room
        for pid in held:
            if pid in view.slot:  # a burst's newcomer, held back briefly: no suggestions yet
                people[view.slot[pid]] = replace(people[view.slot[pid]], available=False)
        return people, view.topics.weights(), view.topics


def _listed(view: View, counts: dict[int, list[int]], recounted: set[int]) -> list[Member]:
    """The view's people with their counts, brought up to date: in a big room usually a
    few people replaced in place (call with the views' lock held)."""

    def counted(base: Member) -> Member:
        open_count, received = counts.get(base.id, (0, 0))
        if open_count or received:
            return replace(base, open_count=open_count, received=received)
        return base

    if view.listed is None:
        view.listed = [counted(base) for base in view.base.values()]
        view.slot = {pid: n for n, pid in enumerate(view.base)}
    else:
        for pid in [*view.stale, *(recounted - view.stale.keys())]:
            base = view.base.get(pid)
            if base is None:
                continue  # an introduction of someone no longer in the room
            n = view.slot.setdefault(pid, len(view.listed))
            if n == len(view.listed):  # a newcomer: last, as in `base`
                view.listed.append(counted(base))
            else:
                view.listed[n] = counted(base)
    view.stale.clear()
    return view.listed


def room_as_read(event: Event) -> tuple[Supply, dict[int, Member], Mapping[str, float]]:
    """Who here offers and seeks what, everyone active with their topics read, by id
    (without introduction counts: ask `open_counts` for the few that matter), and the
    weights. Kept with the view: callers must not modify them."""
    views, view = current_view(event)
    with views.lock:
        return view.supply, view.base, view.topics.weights()


@dataclass(frozen=True)
class Around:
    """The room as `room_as_read` gives it, and who shares a topic with one person."""

    supply: Supply
    people: dict[int, Member]
    weights: Mapping[str, float]
    helpers: list[Member]  # here, offering something they seek (in order of id)
    askers: list[Member]  # here, seeking something they offer


def around(event: Event, pid: int, *, everyone: bool = False) -> Around | None:
    """`room_as_read`, with the people here who share a topic with `pid` found through the
    kept lists of who offers and seeks each topic, not a pass over the room (None: `pid`
    is not in the room). `everyone`: those not available now too (away, not arrived)."""
    views, view = current_view(event)
    with views.lock:  # the lists change in place with the room: read them here
        me = view.base.get(pid)
        if me is None:
            return None

        def here(index: dict[str, set[int]], tags: frozenset[str]) -> list[Member]:
            ids = set().union(*(index.get(t, ()) for t in tags)) - {pid}
            found = (view.base.get(i) for i in sorted(ids))
            return [p for p in found if p is not None and (everyone or p.available)]

        helpers = here(view.topics.offered, me.seeks)
        askers = here(view.topics.sought, me.offers)
        return Around(view.supply, view.base, view.topics.weights(), helpers, askers)
