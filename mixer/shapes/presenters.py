"""Rows to the contract's nouns (event.py, people.py, introduction.py); no queries beyond
loaded relations."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from ..domain.models import Attendee, Event, Introduction, MeetCode, Round, utcnow
from ..domain.vocabulary import vocabulary_for
from ..infra.links import absolute
from ..matching import follow_up, opener, questions
from .event import EventOut, RoundInfo
from .introduction import IntroductionOut
from .people import (
    AttendeeDetail,
    AttendeeRow,
    Lookout,
    Me,
    Person,
    RemovedRow,
    Understood,
    Waiting,
)
from .profile import Contact, Named, PublicProfile
from .speech import say
from .warm import MeCode


def utc(moment: datetime | None) -> datetime | None:
    """Stored naive UTC, shown with its offset so browsers convert it right."""
    return moment.replace(tzinfo=UTC) if moment else None


def event_out(event: Event, organizer: bool = False) -> EventOut:
    """The event as shown; the door code itself only to its organizer (never in pushes)."""
    return EventOut(
        code=event.code,
        name=event.name,
        venue=event.venue,
        starts_at=utc(event.starts_at),
        ends_at=utc(event.ends_at),
        status=event.status,
        mode=event.mode,
        topics=list(event.topics),
        giver_capacity=event.giver_capacity,
        meeting_spots=list(event.meeting_spots),
        topic_aliases=dict(event.topic_aliases or {}),
        join_url=absolute("pages.event_home", code=event.code),
        language=event.language,
        time_zone=event.time_zone,
        door_code_required=bool(event.door_code),
        door_code=event.door_code if organizer else None,
    )


def profile_out(person: Attendee) -> PublicProfile:
    return PublicProfile(
        id=person.id,
        name=person.name,
        headline=person.headline,
        intent=person.intent,
        offers=list(person.offers),
        seeks=list(person.seeks),
    )


def person_out(person: Attendee, known: bool, swap_contact: bool, swapped: bool) -> Person:
    """Someone in "people I already know here"; their contact only once both swapped."""
    return Person(
        id=person.id,
        name=person.name,
        headline=person.headline,
        intent=person.intent,  # type: ignore[arg-type]
        known=known,
        swap_contact=swap_contact,
        contact=contact_out(person) if swapped else None,
    )


def contact_out(person: Attendee) -> Contact | None:
    """Their contact, where they share it (whether they share it with the asker: services)."""
    if not person.shares:
        return None
    return Contact(**_contact_fields(person))


def _contact_fields(person: Attendee) -> dict[str, str | None]:
    """Email, phone and profile link where shared, else None each."""
    return {f: person.shared(f) or None for f in ("email", "phone", "profile_url")}


def shared_topics(me: Attendee, other: Attendee) -> list[str]:
    """Topics both mention, either way round, as the event's vocabulary reads them."""
    vocab = vocabulary_for(me.event)

    def topics(person: Attendee) -> set[str]:
        return {t for typed in (*person.offers, *person.seeks) for t in vocab.read(typed).topics}

    return sorted(topics(me) & topics(other))


def gives_freely(person: Attendee) -> bool:
    """As the engine's `Member.gives_freely`: a mentor, or a giver who came seeking nothing."""
    return person.mentor or (person.intent == "give" and not person.seeks)


def viewer_status(intro: Introduction, viewer_id: int) -> str:
    """Graceful no: the person declined is shown an expiry, never a refusal."""
    if intro.status == "declined" and intro.declined_by != viewer_id:
        return "expired"
    return intro.status


def introduction_out(
    intro: Introduction, viewer_id: int, known_by_both: Sequence[Named] = ()
) -> IntroductionOut:
    """One introduction as one of its two attendees sees it (with the people both know,
    read for many introductions at once by the caller)."""
    me, other = (intro.a, intro.b) if intro.side(viewer_id) == "a" else (intro.b, intro.a)
    for_you = intro.gets(viewer_id)
    for_them = intro.gets(other.id)
    both_accepted = intro.a_accepted and intro.b_accepted
    return IntroductionOut(
        id=intro.id,
        status=viewer_status(intro, viewer_id),
        you_accepted=intro.accepted_by(viewer_id),
        they_accepted=intro.accepted_by(other.id),
        other=profile_out(other),
        for_you=for_you,
        for_them=for_them,
        one_way=intro.one_way,
        opener=say(
            opener(
                other.name if other.forgotten_at is None else "",
                for_you,
                for_them,
                one_way=intro.one_way,
                mentor=gives_freely(me),
            )
        ),
        questions=[say(q) for q in questions(for_you, for_them)],
        shared_topics=shared_topics(me, other),
        spot=intro.spot,
        round=intro.round.number if intro.round else None,
        wildcard=intro.round_id is not None and intro.score == 0,
        created_at=utc(intro.created_at),
        expires_at=utc(intro.expires_at) if intro.status == "suggested" else None,
        contact=contact_out(other) if both_accepted else None,
        followed_up=intro.followed_up_by(viewer_id),
        follow_up=say(follow_up(other.name, intro.event.name, for_you + for_them))
        if both_accepted and other.active
        else None,
        reminder=intro.reminded(viewer_id) and not intro.followed_up_by(viewer_id),
        they_left=other.presence == "left" or not other.active,
        via=Named(id=intro.via.id, name=intro.via.name) if intro.via is not None else None,
        via_note=intro.via_note,
        known_by_both=list(known_by_both),
        outcome=intro.outcome_of(viewer_id),
    )


def me_out(
    person: Attendee, known: list[int], understood: Understood, waiting: Waiting | None
) -> Me:
    return Me(
        **profile_out(person).model_dump(),
        event=person.event.code,
        offers_note=person.offers_note,
        seeks_note=person.seeks_note,
        capacity=person.capacity,
        presence=person.presence,
        mentor=person.mentor,
        email=person.email or None,
        phone=person.phone or None,
        profile_url=person.profile_url or None,
        share_contact=person.share_contact,
        share_with_organizer=person.share_with_organizer,
        known=known,
        landed=person.landed_at is not None,
        understood=understood,
        waiting=waiting,
        arrived=person.arrived,
    )


def lookout_out(other: Attendee, for_you: Sequence[str], for_them: Sequence[str]) -> Lookout:
    """Someone to look for tonight: their public profile only, never contact details."""
    return Lookout(other=profile_out(other), for_you=list(for_you), for_them=list(for_them))


def attendee_row(person: Attendee, open_count: int, flags: Sequence[str] = ()) -> AttendeeRow:
    """Organizer's view: contact fields only where the attendee shares them with the organizer."""
    return AttendeeRow(
        flags=list(flags),  # type: ignore[arg-type]
        **profile_out(person).model_dump(),
        presence=person.presence,
        capacity=person.capacity,
        open_introductions=open_count,
        mentor=person.mentor,
        joined_at=utc(person.joined_at),
        arrived=person.arrived,
        **{f: person.shared_with_organizer(f) or None for f in ("email", "phone", "profile_url")},
    )


def removed_row(person: Attendee) -> RemovedRow:
    return RemovedRow(
        id=person.id,
        name=person.name,
        headline=person.headline,
        removed_at=utc(person.removed_at),
    )


def attendee_detail(
    person: Attendee, open_count: int, understood: Understood, waiting: Waiting | None
) -> AttendeeDetail:
    return AttendeeDetail(
        **attendee_row(person, open_count).model_dump(),
        offers_note=person.offers_note,
        seeks_note=person.seeks_note,
        understood=understood,
        waiting=waiting,
    )


def round_info(round_: Round, groups: int) -> RoundInfo:
    return RoundInfo(
        number=round_.number,
        ends_at=utc(round_.ends_at),
        pairs=groups,
        paused=round_.paused_at is not None,
        remaining=round_.remaining(utcnow()),
    )


def me_code_out(made: MeetCode, event_code: str) -> MeCode:
    """A phone's "My code", with the page another phone of the event opens for it."""
    url = absolute("meet.meet_page", code=event_code, meet=made.code)
    return MeCode(code=made.code, url=url, expires_at=utc(made.expires_at))
