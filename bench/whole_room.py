"""Time the whole room's pass alone: every suggestion at once, nobody suggested yet.

That is what a first switch to continuous suggestions (or resuming, or new topics) has
the solver process compute (`rebalancing.match_room`). The room: the demo crowd as in
bench/big_room.py, written into a fresh SQLite database and read back as the engine sees
it; then `suggest` on the whole room, timed alone.

Run: OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/whole_room.py [sizes...]
(default 1000 2000 4000; `--profile` for cProfile's top lines).
"""

from __future__ import annotations

import cProfile
import os
import pstats
import random
import resource
import sys
import tempfile
import time
from datetime import timedelta

os.environ["MIXER_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/room.sqlite"

from flask_migrate import upgrade
from sqlalchemy import insert

from mixer import demo
from mixer.app import create_app
from mixer.extensions import db
from mixer.matching import suggest
from mixer.models import Attendee, utcnow
from mixer.schemas import EventCreate
from mixer.services import events
from mixer.services.room import blocked_for
from mixer.services.room_view import matching_people
from mixer.tokens import hash_token


def room(people: int) -> tuple:
    """The demo crowd of `people`, all here, no introductions yet, as the engine sees it."""
    rng = random.Random(11)
    event, _ = events.create_event(
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
                token_hash=hash_token(f"room-{people}-{n}"),
                capacity=capacity,
                email="",
                profile_url="",
                presence="here",
                joined_at=utcnow() - timedelta(seconds=people - n),
            )
        )
    db.session.execute(insert(Attendee), rows)
    db.session.commit()
    persons, weights, index = matching_people(event)
    return persons, blocked_for(event, None), weights, index


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:] if a.isdigit()] or [1000, 2000, 4000]
    app = create_app()
    with app.app_context():
        upgrade()
        for n in sizes:
            persons, blocked, weights, index = room(n)
            profile = cProfile.Profile() if "--profile" in sys.argv else None
            cpu = time.process_time()
            if profile:
                profile.enable()
            plan = suggest(persons, blocked, None, weights, index)
            if profile:
                profile.disable()
            cpu = time.process_time() - cpu
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            value = sum(s.score for s in plan)
            print(
                f"{n} people: {len(plan)} suggestions, value {value:.6f}, CPU {cpu:.2f} s, "
                f"peak memory so far {peak:.0f} MB",
                flush=True,
            )
            if profile:
                pstats.Stats(profile).sort_stats("tottime").print_stats(6)


if __name__ == "__main__":
    main()
