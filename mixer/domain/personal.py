"""What is personal in Mixer's tables: the one list that forget me, purge and their tests follow.

Every column of `Attendee` is named here once, as erased (with the value it holds after)
or kept (with the reason), so a new column cannot slip past erasing unnoticed: the tests
fail until it is classified.
"""

from __future__ import annotations

from typing import Any

from .models import (
    Announcement,
    Attendee,
    Introduction,
    Known,
    MeetCode,
    Registration,
    WarmRequest,
)

# Attendee column -> what it holds once erased. Constants only: nothing of the person.
ERASED_ATTENDEE: dict[str, Any] = {
    "name": "Former attendee",
    "headline": "",
    "intent": "both",  # the same for everyone erased: says nothing of what they came for
    "offers": [],
    "seeks": [],
    "offers_note": "",
    "seeks_note": "",
    "mentor": False,
    "presence": "left",
    "email": "",
    "phone": "",
    "profile_url": "",
    "share_contact": False,
    "share_with_organizer": False,
    "landed_at": None,
    "join_mark": None,  # keyed hash of the address they joined from (burst detection)
}

# Replaced by the hash of a token nobody holds: the person's old token opens nothing.
REPLACED_ATTENDEE = ("token_hash",)

# Kept, and why: the event's counts and the other side's history still add up.
KEPT_ATTENDEE = {
    "id": "the row stays, so introductions still point at someone",
    "event_id": "which event counted them",
    "capacity": "a number the event set, not something the person said",
    "joined_at": "the event's arrival counts",
    "arrived_at": "the event's arrival counts (registered, arrived, at the door)",
    "removed_at": "moderation record of the event",
    "forgotten_at": "when the data was erased",
    "version": "the row's change counter",
    "join_burst": "moderation flag of the event: joined in a burst from one address",
    "held_until": "when the event's burst hold ends: a time the event set",
    "join_nonce_hash": "hash of a random form nonce: a resent join form still finds the row",
    "language": "one of the five shipped language codes, nothing the person typed",
}

# Introduction columns that hold the person's topics (what each side gets from the other):
# erased in every introduction the person is part of, on both sides.
ERASED_INTRODUCTION: dict[str, Any] = {"a_gets": [], "b_gets": [], "via_note": ""}

# Introduction columns kept when a side is erased, and why (nothing of the person is in them).
KEPT_INTRODUCTION = {
    "a_outcome": "what came of it (one of OUTCOMES): the event's impact counts still add up;"
    " the row then names 'Former attendee'",
    "b_outcome": "the same, for the other side",
}

# Introduction columns a broker wrote (their line to both): erased where they are `via`.
ERASED_INTRODUCTION_VIA: dict[str, Any] = {"via_note": ""}

# Warm request columns of personal text and topics: erased in every request naming the
# person (as asker, target or broker), and by purge.
ERASED_WARM_REQUEST: dict[str, Any] = {
    "note": "",
    "broker_note": "",
    "asker_gets": [],
    "target_gets": [],
}

# Rows that exist only because of the person: deleted where either column names them.
DELETED_WITH_ATTENDEE = (
    Known.attendee_id,
    Known.known_id,
    MeetCode.attendee_id,  # their codes: forgotten, nobody can say they know them
    MeetCode.used_by,  # whose code they used, and when
    Registration.attendee_id,  # the imported name and address they registered with
)

# Rows of an event that may name people (the organizer's announcements, the imported
# registrations): deleted by purge.
DELETED_WITH_EVENT = (Announcement, Registration)  # registrations: names and addresses


def attendee_columns() -> set[str]:
    """Every column of the attendees table, as the model declares it."""
    return {c.key for c in Attendee.__mapper__.column_attrs}


def introduction_columns() -> set[str]:
    return {c.key for c in Introduction.__mapper__.column_attrs}


def warm_request_columns() -> set[str]:
    return {c.key for c in WarmRequest.__mapper__.column_attrs}
