"""What the demo's simulated people do on each step: answer like people, a few seconds late."""

from __future__ import annotations

import random

from sqlalchemy import select

from ..domain.errors import Refused
from ..domain.models import Attendee, Introduction, utcnow
from ..infra.extensions import db
from . import answers

MOST_PER_STEP = 8  # a few answers at a time, so the room moves as a room would


def crowd_step(crowd_ids: set[int], rng: random.Random) -> None:
    """Accept most suggestions after six seconds, decline some, meet after a minute and a half.

    Only the simulated people answer; a real visitor's side is theirs to tap.
    """
    now = utcnow()
    pending = db.session.scalars(
        select(Introduction).where(Introduction.status.in_(("suggested", "accepted")))
    ).all()
    actions: list[tuple[int, int, str]] = []
    for intro in pending:
        age = (now - (intro.accepted_at or intro.created_at)).total_seconds()
        for pid in (intro.a_id, intro.b_id):
            if pid not in crowd_ids:
                continue
            if intro.status == "suggested" and not intro.accepted_by(pid) and age > 6:
                actions.append((pid, intro.id, "accept" if rng.random() < 0.85 else "decline"))
            elif intro.status == "accepted" and age > 90 and intro.other_id(pid) in crowd_ids:
                actions.append((pid, intro.id, "met"))
    db.session.rollback()
    for pid, intro_id, action in actions[:MOST_PER_STEP]:
        person = db.session.get(Attendee, pid)
        if person is not None and person.active:
            try:
                answers.respond(person, intro_id, action)
            except Refused:  # the other side moved first; try again next step
                continue
