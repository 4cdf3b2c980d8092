"""People who already know each other: marked one way by name, or both ways by a phone's
"My code"; and each side's yes to swapping contact details with someone they know.

Known pairs are never introduced, so marking someone known also ends an unanswered
suggestion between the two (quietly, as "expired"), whichever way it was marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as N_
from sqlalchemy import select

from ..domain.errors import Conflict, Invalid, NotFound
from ..domain.meet_codes import new_code, normalized, well_formed
from ..domain.models import Attendee, Event, Introduction, Known, MeetCode, utcnow
from ..infra.extensions import db
from ..shapes.inputs import KnownIn
from .attendees import locked_self, people
from .introductions import close
from .matchmaking import settle
from .publishing import finish
from .pushes import Outbox
from .queries import attendee_in, known_ids

# A code shown with less than this left would expire while the other phone scans it.
FRESH_FOR = timedelta(minutes=1)
UNKNOWN = {"code": N_("No code like this one is open at this event.")}


def mark_known(person: Attendee, data: KnownIn) -> list[int]:
    """Mark someone as known (by id: my side; by their code: both sides), with my yes or no
    to swapping contact details when the body says. Sent twice, it changes nothing more."""
    event, me = locked_self(person)
    if data.code is not None:
        other = _spend(event, me, data.code)
        ends = _know(event, me, other, data.swap_contact) + _know(event, other, me, None)
    else:
        other = _attendee(event, me, data.attendee_id)
        ends = _know(event, me, other, data.swap_contact)
    outbox = settle(event, {me.id, other.id} if ends else set(), ends)
    if data.code is not None:
        outbox.known_by(other.id, me)
    finish(event, outbox)
    return known_ids(me)


def my_code(person: Attendee) -> MeetCode:
    """The phone's current code: the one it shows while unused and fresh, else a new one."""
    shown = _current(person)
    if shown is not None:
        return shown
    event, me = locked_self(person)
    shown = _current(me)  # another tab of the same phone may have made it meanwhile
    if shown is None:
        shown = _issue(event, me)
    finish(event, Outbox(event), numbers=False)
    return shown


def _current(person: Attendee) -> MeetCode | None:
    return db.session.scalars(
        select(MeetCode)
        .where(
            MeetCode.attendee_id == person.id,
            MeetCode.used_by.is_(None),
            MeetCode.expires_at > utcnow() + FRESH_FOR,
        )
        .order_by(MeetCode.expires_at.desc())
    ).first()


def _issue(event: Event, person: Attendee) -> MeetCode:
    """A code no other of the event holds (spent and expired ones included: the pair is
    unique); this person's codes past their time and unused go, nobody can use them now."""
    now = utcnow()
    stale = select(MeetCode).where(
        MeetCode.attendee_id == person.id, MeetCode.used_by.is_(None), MeetCode.expires_at <= now
    )
    for old in db.session.scalars(stale).all():
        db.session.delete(old)
    code = new_code()
    while _held(event, code):  # nearly never: 900 million codes, a few per person
        code = new_code()
    minutes = current_app.config["MEET_CODE_MINUTES"]
    made = MeetCode(
        event_id=event.id,
        attendee_id=person.id,
        code=code,
        created_at=now,
        expires_at=now + timedelta(minutes=minutes),
    )
    db.session.add(made)
    db.session.flush()
    return made


@dataclass(frozen=True)
class Seen:
    """A code as its page shows it to the person who opened it."""

    owner: Attendee
    used: bool  # this person used it already: both know each other
    asked: bool  # and said yes to swapping contact details
    swapped: bool  # and so did the owner (both sharing): each has the other's contact


def look(person: Attendee, typed: str) -> Seen:
    """For the code's page, changing nothing: whose code it is, and where this person
    stands with its owner; refused as using it would be."""
    code = normalized(typed)
    if not well_formed(code):
        raise NotFound(
            "unknown_code", gettext("No such code: ask them to show their code again."), UNKNOWN
        )
    found, owner = _usable(person.event, person, code)
    used = found.used_by == person.id
    asked = used and owner.id in my_swaps(person)
    return Seen(owner, used, asked, asked and owner in swapped(person))


@dataclass(frozen=True)
class Listed:
    """Someone in "people I already know here", with where the two stand."""

    person: Attendee
    known: bool
    swap_contact: bool  # my yes to swapping contact details
    swapped: bool  # both yes, both sharing: their contact is shown


def listing(person: Attendee, query: str = "") -> list[Listed]:
    """Others at my event (matching `query`), those I know first, with the swaps."""
    found, known = people(person, query)
    yes = my_swaps(person)
    both = {p.id for p in swapped(person)}
    return [Listed(p, p.id in known, p.id in yes, p.id in both) for p in found]


def _held(event: Event, code: str) -> bool:
    """Whether a code of the event, open or spent, is this one (the event's lock is held)."""
    found = select(MeetCode.id).where(MeetCode.event_id == event.id, MeetCode.code == code)
    return db.session.scalars(found).first() is not None


def _spend(event: Event, me: Attendee, code: str) -> Attendee:
    """The owner of the code, which this person uses now (or used: a second tap is the same)."""
    found, owner = _usable(event, me, code)
    if found.used_by is None:
        found.used_by, found.used_at = me.id, utcnow()
    return owner


def _usable(event: Event, me: Attendee, code: str) -> tuple[MeetCode, Attendee]:
    """The code and its owner, if it is this person's to use: of this event, open, not
    theirs; or used already by this same person."""
    found = db.session.scalars(
        select(MeetCode).where(MeetCode.event_id == event.id, MeetCode.code == code)
    ).first()
    if found is None:
        elsewhere = db.session.scalars(select(MeetCode.id).where(MeetCode.code == code)).first()
        if elsewhere is not None:
            raise NotFound(
                "other_event",
                gettext("That code is for another event: ask them to show it again here."),
                {"code": gettext("That code is for another event.")},
            )
        raise NotFound(
            "unknown_code",
            gettext("No such code here: check it, or ask them to show their code again."),
            UNKNOWN,
        )
    owner = db.session.get(Attendee, found.attendee_id)
    if owner is None or not owner.active:
        raise NotFound(
            "not_found",
            gettext("That person is no longer part of this event."),
            {"code": gettext("They left.")},
        )
    if owner.id == me.id:
        raise Invalid(
            "own_code",
            gettext("That is your own code: show it to the other person."),
            {"code": gettext("That is your code.")},
        )
    if found.used_by == me.id:
        return found, owner
    if found.used_by is not None:
        raise Conflict(
            "code_used",
            gettext(
                "That code was used already: ask %(name)s to show theirs again"
                " (it changes after each use).",
                name=owner.name,
            ),
            {"code": gettext("Used already.")},
        )
    if found.expires_at <= utcnow():
        raise Conflict(
            "code_expired",
            gettext("That code has expired: ask %(name)s to show theirs again.", name=owner.name),
            {"code": gettext("Expired.")},
        )
    return found, owner


def _attendee(event: Event, me: Attendee, other_id: int | None) -> Attendee:
    other = attendee_in(event, other_id, "attendee_id")
    if other.id == me.id:
        raise Invalid(
            "invalid",
            gettext("You already know yourself."),
            {"attendee_id": gettext("That is you.")},
        )
    return other


def _know(event: Event, me: Attendee, other: Attendee, swap: bool | None) -> list[Introduction]:
    """`me` knows `other` (and says yes or no to swapping contacts, unless `swap` is None);
    the unanswered suggestion between them, if any, ends the first time."""
    row = db.session.scalars(
        select(Known).where(Known.attendee_id == me.id, Known.known_id == other.id)
    ).first()
    if row is not None:
        if swap is not None:
            row.swap_contact = swap
        return []
    db.session.add(
        Known(event_id=event.id, attendee_id=me.id, known_id=other.id, swap_contact=bool(swap))
    )
    a, b = sorted((me.id, other.id))
    pending = db.session.scalars(
        select(Introduction).where(
            Introduction.a_id == a, Introduction.b_id == b, Introduction.status == "suggested"
        )
    ).first()
    if pending is None:
        return []
    close(pending, "expired")
    return [pending]


def swapped(person: Attendee) -> list[Attendee]:
    """People this person knows with whom both said yes to swapping contact details, and who
    share theirs (as does this person): each may keep the other's contact."""
    if not person.shares:
        return []
    mine = select(Known.known_id).where(Known.attendee_id == person.id, Known.swap_contact)
    theirs = select(Known.attendee_id).where(Known.known_id == person.id, Known.swap_contact)
    found = db.session.scalars(
        select(Attendee)
        .where(Attendee.id.in_(mine), Attendee.id.in_(theirs))
        .order_by(Attendee.name, Attendee.id)
    ).all()
    return [p for p in found if p.shares]


def my_swaps(person: Attendee) -> set[int]:
    """The people I know to whom I said yes to swapping contact details."""
    return set(
        db.session.scalars(
            select(Known.known_id).where(Known.attendee_id == person.id, Known.swap_contact)
        ).all()
    )
