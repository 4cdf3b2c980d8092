"""The organizer's hand on a running round: undo it, swap two people, pause, resume, extend.

Each is one transaction under the event's lock, then one `round` push to every screen of
the event (with what changed), so consoles, the projector and phones agree, and a reload
reads the same state back (GET /me and GET …/stats carry the round).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from itertools import combinations

from sqlalchemy import Update, delete, select, update

from ..domain.errors import Conflict, Invalid, NotFound, Refused
from ..domain.models import Attendee, Event, Introduction, Round, utcnow
from ..infra.extensions import db
from ..matching import pair_key, round_pair, topic_weights
from .introductions import introduce, ttl
from .locking import lock_event
from .matchmaking import engine_people
from .publishing import finish
from .pushes import Outbox
from .queries import (
    active_attendees,
    blocked_for,
    current_round,
    group_count,
    introduction_statuses,
)


def undo_round(code: str) -> Round:
    """Withdraw the running round as if it never started: a mistake, not an outcome.

    Its introductions are deleted, not declined or expired: they count nowhere and block
    no future pair, and the round's number is free for the next one. Every phone redraws.
    """
    event, running = _running(code)
    db.session.execute(delete(Introduction).where(Introduction.round_id == running.id))
    running.ends_at, running.paused_at = utcnow(), None  # as sent: stopped, nothing left
    outbox = Outbox(event)
    outbox.round(running, 0, undone=True)
    db.session.delete(running)
    finish(event, outbox)
    return running


def swap_partners(code: str, first: int, second: int) -> tuple[Round, int]:
    """Two people trade places in the running round: each takes the other's partners and spot.

    The old introductions of the two are withdrawn (as by an undo: they count nowhere),
    new ones made; refused when the two share a group or a new pair met before.
    """
    event, running = _running(code)
    if first == second:
        _refuse("same_person", "Pick two different people to swap.", Invalid)
    groups = _groups(running)
    names = _names(event, (first, second))
    for pid in (first, second):
        if pid not in groups:
            _refuse("not_in_round", f"{names[pid]} has no partner in this round.")
    one, other = groups[first], groups[second]
    if second in one:
        _refuse("same_group", f"{names[first]} and {names[second]} are already together.")
    new_one = sorted((one - {first}) | {second})
    new_other = sorted((other - {second}) | {first})
    blocked = blocked_for(event, {first, second})
    for group in (new_one, new_other):
        for x, y in combinations(group, 2):
            if pair_key(x, y) in blocked:
                who = _names(event, (x, y))
                _refuse("met_before", f"{who[x]} and {who[y]} have met or know each other.")
    old = db.session.scalars(
        select(Introduction).where(
            Introduction.round_id == running.id,
            Introduction.a_id.in_((first, second)) | Introduction.b_id.in_((first, second)),
        )
    ).all()
    spot = {pid: intro.spot for intro in old for pid in (intro.a_id, intro.b_id)}
    # Each group keeps its spot: the partners stay where they are, the two swapped walk.
    spots = {tuple(new_one): spot.get(first), tuple(new_other): spot.get(second)}
    for intro in old:
        db.session.delete(intro)
    db.session.flush()
    made = _introduce_groups(event, running, spots)
    changed = sorted({*new_one, *new_other})
    outbox = Outbox(event)
    # The round first: those phones redraw from GET /me, dropping the withdrawn partners.
    outbox.round(running, group_count(running), changed=changed)
    outbox.introductions(made)
    finish(event, outbox)
    return running, group_count(running)


def pause_round(code: str) -> tuple[Round, int]:
    """Stop the timer where it is; the round's introductions wait with it."""
    event, running = _running(code)
    if running.paused_at is not None:
        _refuse("already_paused", "The round is already paused.")
    running.paused_at = utcnow()
    db.session.execute(_open_round_intros(running).values(expires_at=None))
    return _publish(event, running)


def resume_round(code: str) -> tuple[Round, int]:
    """Start the timer again with the time that was left at the pause."""
    event, running = _running(code)
    if running.paused_at is None:
        _refuse("not_paused", "The round is not paused.")
    running.ends_at += utcnow() - running.paused_at
    running.paused_at = None
    _keep_open_until_end(running)
    return _publish(event, running)


def extend_round(code: str, minutes: int) -> tuple[Round, int]:
    """More time on the timer (paused or not)."""
    event, running = _running(code)
    running.ends_at += timedelta(minutes=minutes)
    if running.paused_at is None:
        _keep_open_until_end(running)
    return _publish(event, running)


# ---- helpers ---------------------------------------------------------------------------


def _running(code: str) -> tuple[Event, Round]:
    event = lock_event(code)
    running = current_round(event)
    if running is None:
        _refuse("no_round", "No round is running.")
    return event, running  # type: ignore[return-value]


def _refuse(code: str, message: str, kind: type[Refused] = Conflict) -> None:
    db.session.rollback()
    raise kind(code, message)


def _names(event: Event, ids: Sequence[int]) -> dict[int, str]:
    rows = db.session.execute(
        select(Attendee.id, Attendee.name).where(
            Attendee.event_id == event.id, Attendee.id.in_(ids)
        )
    ).all()
    found = dict(rows)  # type: ignore[arg-type]
    for pid in ids:
        if pid not in found:
            _refuse("not_found", f"No attendee {pid} in this event.", NotFound)
    return found


def _groups(running: Round) -> dict[int, set[int]]:
    """Each person of the round and everyone in their group, themselves included."""
    rows = db.session.execute(
        select(Introduction.a_id, Introduction.b_id).where(Introduction.round_id == running.id)
    ).all()
    groups: dict[int, set[int]] = {}
    for a, b in rows:
        group = groups.get(a, {a}) | groups.get(b, {b})
        for pid in group:
            groups[pid] = group
    return groups


def _introduce_groups(
    event: Event, running: Round, spots: dict[tuple[int, ...], str | None]
) -> list[Introduction]:
    """Every pair within the new groups, scored as a round scores them."""
    held = introduction_statuses(event)
    people = {p.id: p for p in engine_people(event, active_attendees(event), held)}
    weights = topic_weights(list(people.values()))
    expires = None if running.paused_at else running.ends_at + ttl()
    made = []
    for group, spot in spots.items():
        for x, y in combinations(group, 2):
            pair = round_pair(people[x], people[y], weights)
            intro = introduce(event, pair, round_id=running.id, spot=spot)
            intro.expires_at = expires
            made.append(intro)
    db.session.flush()
    return made


def _open_round_intros(running: Round) -> Update:
    """The round's unanswered introductions, to move their expiry with the timer."""
    return update(Introduction).where(
        Introduction.round_id == running.id, Introduction.status == "suggested"
    )


def _keep_open_until_end(running: Round) -> None:
    db.session.execute(_open_round_intros(running).values(expires_at=running.ends_at + ttl()))


def _publish(event: Event, running: Round) -> tuple[Round, int]:
    groups = group_count(running)
    outbox = Outbox(event)
    outbox.round(running, groups)
    finish(event, outbox)
    return running, groups
