"""What each export may hold: read-only queries that build the rows mixer.domain.formats formats.

The consent rules live here, in one place: an organizer sees contact fields only of people
who share them with the organizer (a consent of its own); an attendee gets only the people
who accepted them back and share.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased, selectinload

from ..domain.formats.rows import (
    Archive,
    AttendeeRecord,
    ContactRecord,
    EventRecord,
    IntroductionRecord,
    RoundRecord,
)
from ..domain.models import Attendee, Event, Introduction, Round
from ..infra.extensions import db
from .acquaintances import swapped
from .queries import active_in

# Rows per page of a streamed export: each page is one short stretch of work between
# which other requests run (a page of 250 people or introductions takes a few milliseconds).
PAGE = 250


def attendee_rows(event: Event) -> list[AttendeeRecord]:
    """Everyone still part of the event, in order of arrival."""
    return [row for page in attendee_pages(event) for row in page]


def attendee_pages(event: Event) -> Iterator[list[AttendeeRecord]]:
    """`attendee_rows` page by page: the order is read first (ids only), then each page's
    people, so no single query loads a whole room of thousands."""
    order = [Attendee.joined_at, Attendee.id]
    ids = db.session.scalars(select(Attendee.id).where(*active_in(event)).order_by(*order)).all()
    for start in range(0, len(ids), PAGE):
        page = ids[start : start + PAGE]
        found = db.session.scalars(
            select(Attendee).where(*active_in(event), Attendee.id.in_(page)).order_by(*order)
        ).all()
        rows = [_attendee_row(p) for p in found]
        for p in found:  # not kept for the rest of the request: a big room's thousands of
            db.session.expunge(p)  # objects made the garbage collector hold the loop
        yield rows


def _copied(kind: type[Any], source: object, **given: object) -> Any:
    """A row of `kind` (one of the export rows): the fields `given`, and every other one
    read from the attribute of the same name on `source` (a row of the database)."""
    read = {f.name: getattr(source, f.name) for f in fields(kind) if f.name not in given}
    return kind(**read, **given)


def _attendee_row(p: Attendee) -> AttendeeRecord:
    """Contact fields only where the person shares them with the organizer."""
    contact = {f: p.shared_with_organizer(f) for f in ("email", "phone", "profile_url")}
    return _copied(AttendeeRecord, p, offers=list(p.offers), seeks=list(p.seeks), **contact)


def introduction_rows(event: Event) -> list[IntroductionRecord]:
    """Every introduction with its real outcome: the organizer may see who said no to what."""
    return [row for page in introduction_pages(event) for row in page]


def introduction_pages(event: Event) -> Iterator[list[IntroductionRecord]]:
    """`introduction_rows` a page at a time: the order is read first (ids only), then each
    page as plain rows with both names and the round's number, one query per page (loading
    both people as objects cost more than all the rest)."""
    order = [Introduction.created_at, Introduction.id]
    ids = db.session.scalars(
        select(Introduction.id).where(Introduction.event_id == event.id).order_by(*order)
    ).all()
    a, b, via = aliased(Attendee), aliased(Attendee), aliased(Attendee)
    columns = select(
        Introduction.id,
        Introduction.created_at,
        Introduction.status,
        Introduction.a_id,
        a.name.label("a_name"),
        Introduction.a_gets,
        Introduction.b_id,
        b.name.label("b_name"),
        Introduction.b_gets,
        Introduction.one_way,
        Introduction.spot,
        Round.number.label("round"),
        Introduction.accepted_at,
        Introduction.met_at,
        via.name.label("via"),
    )
    query = (
        columns.join(a, a.id == Introduction.a_id)
        .join(b, b.id == Introduction.b_id)
        .outerjoin(Round, Round.id == Introduction.round_id)
        .outerjoin(via, via.id == Introduction.via_id)
    )
    for start in range(0, len(ids), PAGE):
        page = ids[start : start + PAGE]
        found = db.session.execute(query.where(Introduction.id.in_(page)).order_by(*order))
        yield [
            IntroductionRecord(
                **(row._asdict() | {"a_gets": [*row.a_gets], "b_gets": [*row.b_gets]})
            )
            for row in found
        ]


def round_rows(event: Event) -> list[RoundRecord]:
    """Each round with how many introductions it made."""
    rounds = db.session.scalars(
        select(Round).where(Round.event_id == event.id).order_by(Round.number)
    ).all()
    made = Counter(
        db.session.scalars(
            select(Introduction.round_id).where(
                Introduction.event_id == event.id, Introduction.round_id.is_not(None)
            )
        ).all()
    )
    return [RoundRecord(r.number, r.started_at, r.ends_at, made[r.id]) for r in rounds]


def event_row(event: Event) -> EventRecord:
    """The event's settings and times, as they are stored."""
    spots = list(event.meeting_spots)
    return _copied(EventRecord, event, topics=list(event.topics), meeting_spots=spots)


def archive(event: Event) -> Archive:
    """The whole event for the organizer's records."""
    return Archive(
        event_row(event), attendee_rows(event), introduction_rows(event), round_rows(event)
    )


def mutual_contacts(person: Attendee) -> list[ContactRecord]:
    """People this attendee may keep: both accepted (whatever happened since), or both know
    each other and both said yes to swapping; and both share their contact: a contact file
    is an exchange, so it takes sharing your own."""
    intros = db.session.scalars(
        select(Introduction)
        .where(
            (Introduction.a_id == person.id) | (Introduction.b_id == person.id),
            Introduction.a_accepted,
            Introduction.b_accepted,
        )
        .order_by(Introduction.accepted_at, Introduction.id)
        .options(
            selectinload(Introduction.a),
            selectinload(Introduction.b),
            selectinload(Introduction.via),
        )
    ).all()
    event = person.event
    rows: list[ContactRecord] = []
    if not person.share_contact:
        return rows
    seen: set[int] = set()
    for intro in intros:
        other = intro.b if intro.a_id == person.id else intro.a
        if not other.shares or other.id in seen:
            continue
        seen.add(other.id)
        topics = list(dict.fromkeys(intro.gets(person.id) + intro.gets(other.id)))
        broker = intro.via.name if intro.via is not None and intro.via.active else ""
        place = {"event": event.name, "venue": event.venue}
        rows.append(_copied(ContactRecord, other, **place, topics=topics, introduced_by=broker))
    # People both know and both said yes to swapping contact details with (My code).
    for other in swapped(person):
        if other.id not in seen:
            seen.add(other.id)
            place = {"event": event.name, "venue": event.venue}
            rows.append(_copied(ContactRecord, other, **place, topics=[], introduced_by=""))
    return rows
