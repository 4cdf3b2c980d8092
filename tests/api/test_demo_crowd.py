"""The demo's simulated people answer their own suggestions, never a real visitor's."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from mixer.domain.models import Introduction
from mixer.infra.extensions import db
from mixer.services.demo_crowd import crowd_step
from tests.conftest import Room


class Agreeable(random.Random):
    """Every simulated answer is a yes."""

    def random(self) -> float:
        return 0.0


def _age_introductions(room: Room, seconds: int) -> None:
    with room.app.app_context():
        for intro in db.session.scalars(select(Introduction)):
            intro.created_at -= timedelta(seconds=seconds)
        db.session.commit()


def test_simulated_people_accept_after_a_few_seconds_and_leave_the_visitor_to_answer(
    room: Room,
) -> None:
    gia = room.join("Gia Lopez", "give", ["hiring"], ["design"])
    sam = room.join("Sam Ortiz", "seek", ["design"], ["hiring"])
    visitor = room.join("Vic (that's me)", "seek", ["design"], ["hiring"])
    [first] = sam.intros()
    [second] = visitor.intros()

    with room.app.app_context():
        crowd_step({gia.id, sam.id}, Agreeable())
    assert sam.intros()[0]["status"] == "suggested"  # too fresh: people take a few seconds

    _age_introductions(room, 10)
    with room.app.app_context():
        crowd_step({gia.id, sam.id}, Agreeable())
    assert [i["status"] for i in sam.intros() if i["id"] == first["id"]] == ["accepted"]
    mine = [i for i in visitor.intros() if i["id"] == second["id"]]
    assert mine and mine[0]["status"] == "suggested"  # Gia said yes; the visitor's yes is theirs
