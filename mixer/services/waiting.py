"""Why someone has no introduction yet, in plain words, with what they can do about it.

A person staring at an empty screen cannot tell a busy room from a topic nobody here
shares. The reason is worked out from the same view of the room matching uses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from itertools import islice

from flask_babel import gettext as _
from rapidfuzz import fuzz

from ..domain.models import Attendee, Event
from ..domain.vocabulary import vocabulary_for
from ..matching import Member, score_pair
from ..matching.understanding import Vocabulary
from ..shapes.people import Waiting
from ..shapes.speech import listed
from .engine_view import around, open_counts
from .queries import blocked_for
from .supply import Supply, canonical

SHOWN = 5  # closest topics offered in a waiting message
CHUNK = 50  # helpers whose open introductions are counted at once


def closest(vocab: Vocabulary, wanted: Iterable[str], available: Iterable[str]) -> list[str]:
    """Topics of the room nearest to the wanted ones: related first, then by spelling."""
    wanted = list(wanted)
    scored = []
    for topic in set(available) - set(wanted):
        related = max((vocab.links(w).get(topic, 0.0) for w in wanted), default=0.0)
        spelled = max((fuzz.token_set_ratio(w, topic) for w in wanted), default=0.0)
        scored.append((-related, -spelled, topic))
    return [t for *_, t in sorted(scored)][:SHOWN]


def _because(reason: str, message: str) -> Waiting:
    """A reason no topic can help with."""
    return Waiting(reason=reason, message=message, topics=[])


def waiting(person: Attendee, event: Event, has_open: bool) -> Waiting | None:
    """The reason `person` waits, or None when an introduction is open or none is due (in
    the language of the request)."""
    if has_open or event.status == "closed" or not person.active:
        return None
    if not person.arrived:
        return _because(
            "not_arrived",
            _(
                "Check in when you arrive: open the event's QR code at the venue and confirm"
                " you are there. Mixer introduces only people who are in the room."
            ),
        )
    if event.status == "paused":
        return _because(
            "paused",
            _(
                "The organizer has paused introductions for a moment. They resume by"
                " themselves; nothing you entered is lost."
            ),
        )
    if person.presence == "left":
        return _because(
            "not_present",
            _(
                "You are marked as gone, so Mixer suggests nobody. Tap “I'm back” when you"
                " are ready to meet people."
            ),
        )
    if person.presence != "here":
        return _because(
            "not_present",
            _(
                "You are marked as busy, so Mixer suggests nobody. Tap “I'm free again” when"
                " you are ready to meet people."
            ),
        )
    if event.mode == "rounds":
        return _because(
            "next_round",
            _(
                "Introductions come in rounds here: the organizer starts the next one and you"
                " get a partner then. Keep this page open."
            ),
        )
    room = around(event, person.id)
    if room is None:
        return None
    me = room.people[person.id]
    blocked = {x if y == me.id else y for x, y in blocked_for(event, {me.id})}

    def open_of(ids: Collection[int]) -> dict[int, int]:
        return {pid: held for pid, (held, _had) in open_counts(event, ids).items()}

    return _reason(
        vocabulary_for(event),
        me,
        room.helpers,
        bool(room.askers),
        blocked,
        room.supply.without(me),
        room.weights,
        open_of,
    )


def _reason(
    vocab: Vocabulary,
    me: Member,
    helpers: list[Member],
    anyone_asks: bool,
    blocked: set[int],
    room: Supply,
    weights: Mapping[str, float],
    open_of: Callable[[Collection[int]], Mapping[int, int]],
) -> Waiting:
    """The most useful explanation, tried in the order a person would want to hear them.

    `helpers`: the people here who offer something `me` seeks; `anyone_asks`: whether
    anyone here seeks something `me` offers."""
    sought = sorted(canonical(me.seeks))
    if me.seeker and sought:
        if not helpers:
            near = closest(vocab, sought, room.offers)
            message = (
                _(
                    "Nobody here offers %(sought)s yet. Closest here: %(near)s. Add one to what"
                    " you seek if it fits. New people arrive all evening: your introduction"
                    " appears here by itself.",
                    sought=listed(sought),
                    near=listed(near),
                )
                if near
                else _(
                    "Nobody here offers %(sought)s yet. New people arrive all evening: your"
                    " introduction appears here by itself.",
                    sought=listed(sought),
                )
            )
            return Waiting(reason="no_topic_match", message=message, topics=near)
        fresh = [p for p in helpers if p.id not in blocked]
        if not fresh:
            near = closest(vocab, sought, room.offers)
            return Waiting(
                reason="already_met",
                message=_(
                    "You have been introduced to everyone here who offers %(sought)s. Add"
                    " another topic you seek, or wait for new arrivals.",
                    sought=listed(sought),
                ),
                topics=near,
            )
        able = (p for p in fresh if score_pair(me, p, weights))  # thousands, in a big room
        some = list(islice(able, CHUNK))
        if not some:
            wanted = Counter(t for p in fresh for t in canonical(p.seeks))
            asked = [t for t, _ in wanted.most_common(SHOWN)]
            return Waiting(
                reason="no_two_way",
                message=_(
                    "The people here who offer %(sought)s are looking for %(asked)s in return."
                    " Add what you can offer them, or wait for a mentor.",
                    sought=listed(sought),
                    asked=listed(asked),
                ),
                topics=asked,
            )
        while some:  # open introductions counted a few helpers at a time, until one is free
            held = open_of([p.id for p in some])
            if any(p.capacity > held.get(p.id, 0) for p in some):
                break
            some = list(islice(able, CHUNK))
        else:
            return Waiting(
                reason="helpers_busy",
                message=_(
                    "The people who can help with %(sought)s are in conversations right now."
                    " You are next: your introduction appears here as soon as one is free.",
                    sought=listed(sought),
                ),
                topics=[],
            )
    offered = sorted(canonical(me.offers))
    if offered and not anyone_asks:
        asked = [t for t, _ in room.seeks.most_common() if t not in offered][:SHOWN]
        message = (
            _(
                "Nobody here is looking for %(offered)s yet. Seekers here are asking for"
                " %(asked)s: add any you can help with.",
                offered=listed(offered),
                asked=listed(asked),
            )
            if asked
            else _("Nobody here is looking for %(offered)s yet.", offered=listed(offered))
        )
        return Waiting(reason="nobody_seeks_yours", message=message, topics=asked)
    return Waiting(
        reason="searching",
        message=_(
            "Mixer is choosing your best introduction, so that everyone gets a first one. It"
            " appears here by itself: keep this page open."
        ),
        topics=[],
    )
