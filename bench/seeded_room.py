"""The demo crowd written straight into the database: big rooms for the benches in seconds.

Imports no gevent, so benches that patch it and benches that do not can share it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import insert

from mixer.domain.models import Attendee, Event, utcnow
from mixer.domain.tokens import hash_token
from mixer.infra.extensions import db
from mixer.run import demo
from mixer.services import events
from mixer.shapes.inputs import EventCreate

CHUNK = 2000  # rows per INSERT: SQLite's limit on bound parameters


def crowd_event(
    people: int, rng: random.Random, token_for: Callable[[int], str], emails: bool = True
) -> Event:
    """An open event of `people` from the demo crowd, everyone here, no introductions yet."""
    event, _token = events.create_event(
        EventCreate(
            name="Big room",
            venue="Hall",
            topics=demo.TOPICS,
            meeting_spots=demo.SPOTS,
            mode="continuous",
        )
    )
    db.session.commit()
    rows = []
    for n in range(people):
        data = demo.person(rng, n)
        fields = data.model_dump(exclude={"capacity", "email", "profile_url", "nonce"})
        capacity = event.giver_capacity if data.intent in ("give", "both") else 3
        rows.append(
            dict(
                fields,
                event_id=event.id,
                token_hash=hash_token(token_for(n)),
                capacity=capacity,
                email=(data.email or "") if emails else "",
                profile_url="",
                presence="here",
                joined_at=utcnow() - timedelta(seconds=people - n),
            )
        )
    for start in range(0, people, CHUNK):
        db.session.execute(insert(Attendee), rows[start : start + CHUNK])
    db.session.commit()
    return event
