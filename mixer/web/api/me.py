"""The attendee's own state: joining, the whole state to redraw from, changing the profile,
being forgotten, and the people they already know."""

from __future__ import annotations

from flask import Response, request

from ...services import acquaintances, attendees, joining
from ...services.attendees import Snapshot
from ...shapes.event import AnnouncementOut
from ...shapes.inputs import JoinIn, KnownIn, MePatch
from ...shapes.people import Me
from ...shapes.presenters import (
    event_out,
    introduction_out,
    lookout_out,
    me_out,
    person_out,
    round_info,
    utc,
)
from ...shapes.warm_presenters import warm_out
from .. import auth, language, limits
from ..envelopes import JoinOut, KnownOut, MeEnvelope, MeOut, PeopleOut
from .blueprint import bp, parse, reply


@bp.post("/events/<code>/attendees")
@limits.join_by_address
@limits.join_by_event
def join(code: str) -> tuple[Response, int]:
    """Join an event; the token is in this answer only, and a cookie keeps the phone signed in.

    The same join sent again (same nonce, within minutes) gets this same answer again: 201,
    the same person and token, and nothing new is made.
    """
    data = parse(JoinIn)
    person, token = joining.join(
        code,
        data,
        auth.held_attendee_hash(code),
        limits.join_address(),
        language=language.chosen(),
    )
    auth.remember(auth.ATTENDEES, code, token)
    read, why = attendees.about(person)
    return reply(JoinOut(attendee=me_out(person, [], read, why), token=token), 201)


@bp.get("/me")
def me() -> tuple[Response, int]:
    """The attendee's whole state, with the seq to resync from (in the language the phone
    asks for, remembered for the pushes to it; else in the one it spoke last)."""
    person = auth.current_attendee()
    language.attendee_speaks(person)
    return reply(whole_state(attendees.snapshot(person)))


def whole_state(snap: Snapshot) -> MeOut:
    """GET /me's answer: the person, their event, introductions, announcements and round."""
    person = snap.attendee
    return MeOut(
        attendee=whole_me(snap),
        event=event_out(person.event),
        introductions=[
            introduction_out(i, person.id, snap.known_by_both.get(i.id, []))
            for i in snap.introductions
        ],
        announcements=[
            AnnouncementOut(message=a.message, at=utc(a.created_at)) for a in snap.announcements
        ],
        seq=snap.seq,
        round=round_info(*snap.round) if snap.round else None,
    )


def whole_me(snap: Snapshot) -> Me:
    """The person as they see themselves, with the warm requests to and from them."""
    person = snap.attendee
    warm = {
        "warm_requests": [warm_out(r, person.id) for r in snap.warm.requests],
        "warm_sent": [warm_out(r, person.id) for r in snap.warm.sent],
        "introduced_count": snap.warm.introduced_count,
        "warm_paths": snap.warm_paths,
        "homework": [lookout_out(m.other, m.for_you, m.for_them) for m in snap.homework],
        "gave": snap.gave,
    }
    return me_out(person, snap.known, snap.understood, snap.waiting).model_copy(update=warm)


@bp.patch("/me")
@limits.actions
def update_me() -> tuple[Response, int]:
    """Change profile, intent, topics, capacity or presence."""
    person = attendees.update_me(auth.current_attendee(), parse(MePatch))
    return reply(MeEnvelope(attendee=whole_me(attendees.snapshot(person))))


@bp.delete("/me")
@limits.actions
def forget_me() -> tuple[str, int]:
    """Forget me: erase profile and contact data, end open introductions."""
    person = auth.current_attendee()
    code = person.event.code
    attendees.forget_me(person)
    auth.let_go(auth.ATTENDEES, code)
    return "", 204


@bp.post("/me/known")
@limits.actions
def mark_known() -> tuple[Response, int]:
    """Mark someone as already known (never introduced): by id, my side; by their code, both
    sides. `swap_contact` is my yes to swapping contact details (see acquaintances)."""
    person = auth.current_attendee()
    return reply(KnownOut(known=acquaintances.mark_known(person, parse(KnownIn))))


@bp.get("/me/people")
def people() -> tuple[Response, int]:
    """Others at my event (optionally matching ?q=), the ones I know first."""
    listed = acquaintances.listing(auth.current_attendee(), request.args.get("q", "")[:80])
    rows = [person_out(x.person, x.known, x.swap_contact, x.swapped) for x in listed]
    return reply(PeopleOut(people=rows))
