"""The room-wide re-balance: re-choose every suggestion nobody has answered yet.

Suggestions are made one arrival at a time, so early arrivals can hold places a later
seeker needed more. Every MIXER_REBALANCE_INTERVAL seconds (and when the organizer asks)
the unanswered suggestions are re-chosen for the whole room at once: first as many
seekers with an introduction as possible, then the most value. Accepted introductions
are never touched, nor (in the periodic pass) suggestions younger than
MIXER_REBALANCE_MIN_AGE seconds: people may be reading them. A withdrawn suggestion
closes as "not this time", like an expiry.

The plan is solved from a snapshot in the solver process, without the event's lock (it
may take a second in a big room); under the lock it is applied only as far as it still
holds: a suggestion answered meanwhile stays, and a new one is made only where both
people are still here with a free place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta

from flask import current_app
from flask_babel import gettext
from sqlalchemy import select

from ..domain.errors import Conflict
from ..domain.models import Attendee, Event, Introduction, utcnow
from ..infra.cooperative import let_others_run
from ..infra.extensions import db
from ..infra.offload import Remote
from ..matching import Member, Pair, Rebalance, Suggestion
from . import events  # events imports this module too: read when called
from .engine_view import matching_people, open_counts
from .introductions import close, introduce
from .locking import lock_event, require_not_closed
from .matchmaking import matching_enabled, rematch
from .publishing import finish
from .pushes import Outbox
from .queries import active_in, blocked_for, unanswered
from .solving import Gathered, solved
from .who_knows_whom import with_acquaintances

PLAN_REBALANCE: Remote[Rebalance] = Remote("mixer.matching.rebalance_plan", "rebalance")
PLAN_SUGGEST: Remote[list[Suggestion]] = Remote("mixer.matching.suggest", "suggest")


@dataclass(frozen=True)
class Outcome:
    """What a re-balance changed, for the organizer."""

    withdrawn: int
    made: int
    seekers_before: int
    seekers_after: int
    too_young: int = 0  # suggestions left alone for now: look again when they have settled


NOTHING = Outcome(0, 0, 0, 0)
BATCH = 25  # new suggestions per step (with the withdrawals that make room for them)
# New suggestions (or people matched again) per step of a whole-room match: each step's
# pushes present every introduction it makes, so a step of 25 held the loop too long.
ROOM_STEP = 10


def rebalance_now(code: str) -> Outcome:
    """The organizer asked: say plainly why nothing can happen, else re-balance."""
    event = events.get_event(code)
    require_not_closed(event, "re-balances")
    if not matching_enabled(event):
        db.session.rollback()
        raise Conflict(
            "no_suggestions",
            gettext(
                "Suggestions are off (paused, or rounds only): there is nothing to re-balance."
            ),
        )
    return rebalance(code, min_age=0)  # asked for now: the organizer sees who is waiting


def rebalance(code: str, min_age: float | None = None) -> Outcome:
    """Re-choose the unanswered suggestions of this event; returns what changed.

    Suggestions younger than `min_age` seconds (default MIXER_REBALANCE_MIN_AGE) stay.
    """
    age = current_app.config["REBALANCE_MIN_AGE"] if min_age is None else min_age

    def gather() -> Gathered[int]:
        event = events.get_event(code)
        if not matching_enabled(event):
            return None
        movable = list(unanswered(event, made_by=utcnow() - timedelta(seconds=age)))
        too_young = len(unanswered(event)) - len(movable) if age > 0 else 0
        if not movable:  # nothing unanswered long enough: nothing to re-choose
            return too_young, None
        persons, weights, _index = matching_people(event)
        persons = with_acquaintances(event, persons, None)
        return too_young, (persons, movable, blocked_for(event, None), weights)

    db.session.rollback()  # hold nothing while the room is read and solved
    found = solved(PLAN_REBALANCE, gather)
    if found is None:
        return NOTHING
    too_young, plan = found
    if plan is None:
        return replace(NOTHING, too_young=too_young)
    if not plan.withdraw and not plan.make:
        return Outcome(0, 0, plan.served[0], plan.served[0], too_young)
    withdrawn = made = 0
    short: set[int] = set()
    for withdraw, make in _batches(plan):
        ended, new, left_short = _apply(code, withdraw, make)
        withdrawn, made, short = withdrawn + ended, made + new, short | left_short
        let_others_run()  # let waiting joins and sockets run between batches
    ended, new = _match_short(code, short)
    return Outcome(withdrawn + ended, made + new, plan.served[0], plan.served[1], too_young)


def match_room(code: str) -> int:
    """Match the whole room at once (suggestions switched on or resumed, or the room's
    topics changed); returns how many introductions were made.

    As a re-balance: solved from a snapshot in the solver process without the event's
    lock, then applied in short steps as far as it still holds. Done inside the change
    that switched matching on, it held the server's only loop for seconds in a room of
    thousands, and every join behind the lock. Whoever the plan left short, and every
    seeker still without a first introduction, is then matched as after any change
    (which also withdraws a second suggestion for a seeker still waiting for a first).
    """

    def gather() -> Gathered[list[Member]]:
        event = events.get_event(code)
        if not matching_enabled(event):
            return None
        persons, weights, index = matching_people(event)
        persons = with_acquaintances(event, persons, None)  # warm pairs first among equals
        return persons, (persons, blocked_for(event, None), None, weights, index)

    db.session.rollback()  # hold nothing while the room is read and solved
    found = solved(PLAN_SUGGEST, gather)
    if found is None or found[1] is None:
        return 0
    persons, plan = found
    made = 0
    short = _waiting_for_a_first(persons, plan)
    for start in range(0, len(plan), ROOM_STEP):
        _ended, new, missed = _apply(code, [], plan[start : start + ROOM_STEP])
        made, short = made + new, short | missed
        let_others_run()  # let waiting joins and sockets run between steps
    left = sorted(short)
    for start in range(0, len(left), ROOM_STEP):
        _ended, new = _match_short(code, set(left[start : start + ROOM_STEP]))
        made += new
        let_others_run()
    return made


def _waiting_for_a_first(persons: list[Member], plan: list[Suggestion]) -> set[int]:
    """Seekers here who never had an introduction and get none from the plan."""
    planned = {pid for s in plan for pid in (s.a, s.b)}
    return {
        p.id
        for p in persons
        if p.intent in ("seek", "both") and p.available and not p.received and p.id not in planned
    }


def _batches(plan: Rebalance) -> Iterator[tuple[list[Pair], list[Suggestion]]]:
    """The plan in small steps, each with the withdrawals that free its people's places.

    Each step is one short transaction: a big room's re-balance never holds the event's
    lock (and every join waiting for it) for long.
    """
    left = list(plan.withdraw)
    for start in range(0, len(plan.make), BATCH):
        make = plan.make[start : start + BATCH]
        people = {pid for s in make for pid in (s.a, s.b)}
        withdraw = [pair for pair in left if pair[0] in people or pair[1] in people]
        left = [pair for pair in left if pair not in set(withdraw)]
        yield withdraw, make
    for start in range(0, len(left), BATCH):
        yield left[start : start + BATCH], []


def _apply(code: str, withdraw: list[Pair], make: list[Suggestion]) -> tuple[int, int, set[int]]:
    """Under the lock: withdraw what is still unanswered, then make what still fits.

    Reads only what the step touches, so joins wait as little as possible. Returns the
    counts, and the people left short: a suggestion withdrawn, or a planned one that no
    longer fits because a place was taken meanwhile.
    """
    event = lock_event(code)
    if not matching_enabled(event):
        db.session.rollback()
        return 0, 0, set()
    still = unanswered(event) if withdraw else {}
    ids = [still[pair] for pair in withdraw if pair in still]
    ended = list(
        db.session.scalars(select(Introduction).where(Introduction.id.in_(ids))).all()
        if ids
        else []
    )
    for intro in ended:
        close(intro, "expired")
    db.session.flush()
    touched = {pid for s in make for pid in (s.a, s.b)}
    here = dict(
        db.session.execute(
            select(Attendee.id, Attendee.capacity).where(
                *active_in(event),
                Attendee.id.in_(touched),
                Attendee.presence == "here",
                Attendee.arrived_at.is_not(None),
            )
        ).all()
    )
    held = Counter(
        {pid: open_count for pid, (open_count, _had) in open_counts(event, touched).items()}
    )
    blocked = blocked_for(event, touched)
    fits = [s for s in make if _still_fits(s, blocked, here, held)]
    made = [introduce(event, s) for s in fits]
    missed = {pid for s in make if s not in fits for pid in (s.a, s.b)}
    if not ended and not made:
        db.session.rollback()
        return 0, 0, missed
    db.session.flush()
    outbox = Outbox(event)
    outbox.introductions([*ended, *made])
    finish(event, outbox)
    given = {pid for i in made for pid in (i.a_id, i.b_id)}
    return len(ended), len(made), missed | {pid for i in ended for pid in (i.a_id, i.b_id)} - given


def _match_short(code: str, people: set[int]) -> tuple[int, int]:
    """Whoever the plan left short gets the best that is free now, as after any change.

    Without it, a step that withdrew suggestions but could not make their replacements
    (a join took the place meanwhile) would leave people waiting beside a free place.
    """
    if not people:
        return 0, 0
    event = lock_event(code)
    changed = rematch(event, people)
    if not changed:
        db.session.rollback()
        return 0, 0
    outbox = Outbox(event)
    outbox.introductions(changed)
    finish(event, outbox)
    made = sum(i.status == "suggested" for i in changed)
    return len(changed) - made, made


def _still_fits(
    s: Suggestion, blocked: set[tuple[int, int]], here: dict[int, int], held: Counter[int]
) -> bool:
    """Not introduced before nor known, both here with a free place; if so, count it."""
    if (s.a, s.b) in blocked or s.a not in here or s.b not in here:
        return False
    if any(held[pid] >= here[pid] for pid in (s.a, s.b)):
        return False
    held[s.a] += 1
    held[s.b] += 1
    return True


def rebalance_changed(seen: dict[int, int]) -> int:
    """Re-balance every open event that changed since it was last looked at (`seen`: id -> seq).

    Returns how many suggestions were withdrawn or made in all.
    """
    rows = db.session.execute(
        select(Event.id, Event.code, Event.seq).where(
            Event.status == "open", Event.mode.in_(("continuous", "both"))
        )
    ).all()
    db.session.rollback()
    moved = 0
    for event_id, code, seq in rows:
        if seen.get(event_id) == seq:
            continue
        done = rebalance(code)
        moved += done.withdrawn + done.made
        look_again = done.withdrawn or done.made or done.too_young
        seen[event_id] = -1 if look_again else seq
    return moved
