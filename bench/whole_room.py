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
from pathlib import Path

os.environ["MIXER_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/room.sqlite"

from flask_migrate import upgrade

from mixer.app import create_app
from mixer.matching import suggest
from mixer.services.engine_view import matching_people
from mixer.services.queries import blocked_for

sys.path.insert(0, str(Path(__file__).parent))
from seeded_room import crowd_event


def room(people: int) -> tuple:
    """The demo crowd of `people`, all here, no introductions yet, as the engine sees it."""
    event = crowd_event(people, random.Random(11), lambda n: f"room-{people}-{n}", emails=False)
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
