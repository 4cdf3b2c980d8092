"""How long one person's action holds a server's only loop in a big room.

A gevent server runs every request and socket on one thread: while one request computes,
or waits on a C call that does not yield, nobody else is served. So this measures, for
each action, the worst lateness of a greenlet that wants to run every 5 ms while the
action goes through the real Flask app (test client) under gevent, on a real database.
That lateness is what every other phone waits.

The room: the demo crowd (realistic typed topics, 40 % givers), written straight into
the database, up to two suggestions per seeker with people who offer what they seek, and
a realistic mix of answers (about half answered: accepted, met, declined, expired). Seeding
is cached per
size in the temporary folder (SQLite), so a re-run takes seconds.

Run: OPENBLAS_NUM_THREADS=1 python bench/big_room.py [sizes...] [--runs 5] [--profile ACTION]
(default sizes 1000 10000; set MIXER_DATABASE_URL to measure another database: it is
then seeded afresh each run).
"""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()
os_environ = __import__("os").environ
os_environ.setdefault("MIXER_ASYNC_MODE", "gevent")  # as `mixer serve` runs

import argparse  # noqa: E402
import contextlib  # noqa: E402
import cProfile  # noqa: E402
import gc  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import pstats  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from datetime import timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import select, update  # noqa: E402

from mixer.app import create_app  # noqa: E402
from mixer.domain.models import Attendee, Event, Introduction, utcnow  # noqa: E402
from mixer.domain.tokens import hash_token  # noqa: E402
from mixer.domain.vocabulary import builtin  # noqa: E402
from mixer.infra import cooperative  # noqa: E402
from mixer.infra.extensions import db  # noqa: E402
from mixer.matching import Suggestion  # noqa: E402
from mixer.run import demo  # noqa: E402
from mixer.services import live_stats  # noqa: E402
from mixer.services.engine_view import matching_people  # noqa: E402
from mixer.services.introductions import introduce  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from machine import cpu_model  # noqa: E402
from seeded_room import crowd_event  # noqa: E402

ORGANIZER = "bench-organizer-token-0000000000000000"


def attendee_token(n: int) -> str:
    return f"bench-attendee-token-{n:08d}-0000000000"


def introductions_for(event: Event, rng: random.Random) -> list[Introduction]:
    """The suggestions a room would hold: each seeker, in order of arrival, introduced to up
    to two people who offer what they seek and still have a free place (the engine's own
    whole-room pass takes minutes at 10,000 people; this takes seconds)."""
    people, _weights, index = matching_people(event)
    by_id = {p.id: p for p in people}
    free = {p.id: p.capacity for p in people}
    pools = {t: rng.sample(sorted(ids), len(ids)) for t, ids in index.offered.items()}
    made, pairs = [], set()
    for p in people:
        if p.intent == "give":
            continue
        chosen: list[int] = []
        for t in sorted(p.seeks):
            pool, i = pools.get(t, []), len(pools.get(t, [])) - 1
            while i >= 0 and len(chosen) < min(2, free[p.id]):
                q = pool[i]
                if free[q] <= 0:  # places only fill up here: drop whoever is full for good
                    pool[i] = pool[-1]
                    pool.pop()
                elif q != p.id and q not in chosen and (min(p.id, q), max(p.id, q)) not in pairs:
                    chosen.append(q)
                i -= 1
        for q in chosen:
            a, b = sorted((p.id, q))
            gets = [tuple(sorted(by_id[x].seeks & by_id[y].offers)) for x, y in ((a, b), (b, a))]
            made.append(introduce(event, Suggestion(a, b, 1.0, gets[0], gets[1], False)))
            pairs.add((a, b))
            free[p.id] -= 1
            free[q] -= 1
    return made


def seed(people: int) -> str:
    """A room of `people`: the demo crowd, the engine's suggestions, answers. Returns its code."""
    rng = random.Random(11)
    event = crowd_event(people, rng, attendee_token)
    event.organizer_token_hash = hash_token(ORGANIZER)
    intros = introductions_for(event, rng)
    db.session.flush()
    made = [i.id for i in intros]
    code = event.code
    db.session.commit()
    db.session.expunge_all()  # else each UPDATE below walks every object loaded
    # About half answered, as in a room an hour in: accepted, met, declined, expired.
    now = utcnow()
    for intro_id in made:
        fate = rng.random()
        if fate < 0.15:
            values = dict(status="accepted", a_accepted=True, b_accepted=True, accepted_at=now)
        elif fate < 0.30:
            values = dict(status="met", a_accepted=True, b_accepted=True, met_at=now)
        elif fate < 0.40:
            values = dict(status="declined", closed_at=now, expires_at=None)
        elif fate < 0.50:
            values = dict(status="expired", closed_at=now, expires_at=None)
        elif fate < 0.60:
            values = dict(a_accepted=True)  # one side said yes, the other has not answered
        else:
            continue
        db.session.execute(update(Introduction).where(Introduction.id == intro_id).values(**values))
    db.session.commit()
    return code


class LoopWatch:
    """A greenlet that asks to run every `tick` seconds; the worst lateness is how long
    something else held the loop."""

    def __init__(self, tick: float = 0.005) -> None:
        self.tick = tick
        self.worst = 0.0
        self._running = True
        self._greenlet = gevent.spawn(self._run)
        gevent.sleep(self.tick * 2)  # let it start

    def _run(self) -> None:
        while self._running:
            start = time.perf_counter()
            gevent.sleep(self.tick)
            self.worst = max(self.worst, time.perf_counter() - start - self.tick)

    @contextlib.contextmanager
    def measure(self) -> Iterator[list[float]]:
        """Yields a list that holds, after the block, [worst lateness ms, wall ms, CPU ms].

        CPU is this process's, over the action: on a shared machine the loop's lateness
        includes waiting for a core, CPU does not."""
        gevent.sleep(self.tick * 2)
        self.worst = 0.0
        out: list[float] = []
        start, cpu = time.perf_counter(), time.process_time()
        yield out
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        gevent.sleep(self.tick * 2)  # the watcher notices the end of the last hold
        out.extend([self.worst * 1000, wall * 1000, cpu * 1000])

    def stop(self) -> None:
        self._running = False
        self._greenlet.join()


def actions(code: str, people: int, rng: random.Random) -> dict[str, Callable[[object], object]]:
    """Each action as a phone or the console sends it; each call picks another person."""

    def me(n: int) -> dict[str, str]:
        return {"Authorization": f"Bearer {attendee_token(n)}"}

    organizer = {"Authorization": f"Bearer {ORGANIZER}"}
    state = {"mode": "continuous", "joined": 0}
    away: list[int] = []

    def toggle(client):  # type: ignore[no-untyped-def]
        """Someone steps away, or the last one who did comes back."""
        if away and rng.random() < 0.5:
            n, presence = away.pop(), "here"
        else:
            n, presence = rng.randrange(people), "busy"
            away.append(n)
        return client.patch("/api/v1/me", json={"presence": presence}, headers=me(n))

    def edit(client):  # type: ignore[no-untyped-def]
        n = rng.randrange(people)
        seeks = rng.sample(demo.TOPICS, 3)
        return client.patch("/api/v1/me", json={"seeks": seeks}, headers=me(n))

    def answer(client):  # type: ignore[no-untyped-def]
        with app_context(client):
            intro = db.session.execute(
                select(Introduction.id, Introduction.a_id)
                .join(Event, Event.id == Introduction.event_id)
                .where(Event.code == code, Introduction.status == "suggested")
                .order_by(Introduction.id.desc())
                .limit(1)
            ).one()
            first_id = db.session.scalar(
                select(Attendee.id).join(Event).where(Event.code == code).order_by(Attendee.id)
            )
        n = intro.a_id - first_id
        verb = rng.choice(["accept", "decline"])
        return client.post(f"/api/v1/introductions/{intro.id}/{verb}", headers=me(n))

    def join(client):  # type: ignore[no-untyped-def]
        state["joined"] += 1
        body = demo.person(rng, people + state["joined"]).model_dump(mode="json")
        return client.post(f"/api/v1/events/{code}/attendees", json=body)

    def switch(client):  # type: ignore[no-untyped-def]
        state["mode"] = "rounds" if state["mode"] == "continuous" else "continuous"
        return client.patch(
            f"/api/v1/events/{code}", json={"mode": state["mode"]}, headers=organizer
        )

    def export(path: str) -> Callable[[object], object]:
        def run(client):  # type: ignore[no-untyped-def]
            r = client.get(f"/api/v1/events/{code}/export/{path}", headers=organizer)
            r.get_data()  # the whole body, streamed or not
            return r

        return run

    def numbers(client):  # type: ignore[no-untyped-def]
        with app_context(client):
            event_id = db.session.scalar(select(Event.id).where(Event.code == code))
            live_stats.push(event_id)
        return client.get("/healthz")

    return {
        "console numbers (one push)": numbers,
        "presence toggle": toggle,
        "profile edit": edit,
        "accept / decline": answer,
        "join": join,
        "mode switch": switch,
        "attendees.csv": export("attendees.csv"),
        "introductions.csv": export("introductions.csv"),
        "event.json": export("event.json"),
    }


APP = None


@contextlib.contextmanager
def app_context(_client: object) -> Iterator[None]:
    assert APP is not None
    with APP.app_context():
        yield
        db.session.remove()


def prepared(people: int) -> str:
    """A database URL holding the room (a copy of the cached seed, on SQLite)."""
    url = os.environ.get("MIXER_DATABASE_URL")
    if url:
        return url
    cache = Path(tempfile.gettempdir()) / f"mixer-big-room-{people}.sqlite"
    work = Path(tempfile.mkdtemp(prefix="mixer-big-room-")) / "room.sqlite"
    if cache.exists():
        shutil.copy(cache, work)
        return f"sqlite:///{work}"
    return f"sqlite:///{work}?cache={cache}"


def run(people: int, runs: int, profile: str | None, skip: str = "", only: str = "") -> None:
    global APP
    url = prepared(people)
    cache = url.split("?cache=")[1] if "?cache=" in url else None
    url = url.split("?cache=")[0]
    # The console's numbers are timed on their own line (at most two pushes a second per
    # event, whatever the number of changes): the actions are timed without them.
    config = {"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False}
    APP = create_app(config | {"STATS_MIN_INTERVAL": 3600})
    with APP.app_context():
        upgrade()
        code = db.session.scalar(select(Event.code).where(Event.name == "Big room"))
        if code is None:
            start = time.perf_counter()
            code = seed(people)
            print(f"seeded {people} people in {time.perf_counter() - start:.0f} s", flush=True)
            if cache:
                db.session.remove()
                db.engine.dispose()
                shutil.copy(url.removeprefix("sqlite:///"), cache)
        # A cached room comes back as if seeded now: else every unanswered suggestion is
        # past due, and the first action would expire thousands at once.
        ttl = timedelta(seconds=APP.config["SUGGESTION_TTL_SECONDS"])
        db.session.execute(
            update(Introduction)
            .where(Introduction.status == "suggested")
            .values(created_at=utcnow(), expires_at=utcnow() + ttl)
        )
        db.session.commit()
        intros = db.session.execute(
            select(Introduction.status, db.func.count()).group_by(Introduction.status)
        ).all()
        print(f"N = {people}: introductions {dict(intros)}", flush=True)
        db.session.remove()
    client = APP.test_client()
    builtin()  # as `mixer serve` does before serving: the vocabulary read, then everything
    gc.collect()  # loaded so far kept off the garbage collector
    gc.freeze()
    cooperative.loop_first()  # as `mixer serve` does under gevent
    rng = random.Random(5)
    watch = LoopWatch()
    print("| action | loop held, ms: worst / median of runs | wall, ms median | CPU, ms median |")
    print("| --- | --- | --- | --- |")
    for name, action in actions(code, people, rng).items():
        if (profile or only or name) not in name or (skip and skip in name):
            continue
        action(client)  # warm: the worker's view of the room, the solver process
        held, wall, cpu = [], [], []
        for _ in range(runs):
            gevent.sleep(0.05)
            if profile:
                profiler = cProfile.Profile()
                profiler.enable()
            with watch.measure() as out:
                response = action(client)
            if profile:
                profiler.disable()
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
            assert response.status_code < 300, (name, response.status_code)  # type: ignore[attr-defined]
            held.append(out[0])
            wall.append(out[1])
            cpu.append(out[2])
        held.sort()
        worst, median = held[-1], held[len(held) // 2]
        walls, cpus = sorted(wall)[len(wall) // 2], sorted(cpu)[len(cpu) // 2]
        print(f"| {name} | {worst:.1f} / {median:.1f} | {walls:.1f} | {cpus:.1f} |", flush=True)
    watch.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", help="profile the actions whose name holds this")
    parser.add_argument("--skip", default="", help="skip the actions whose name holds this")
    parser.add_argument("--only", default="", help="time only the actions whose name holds this")
    args = parser.parse_args()
    print(f"# Python {platform.python_version()}, {os.cpu_count()} cores ({cpu_model()})")
    for people in args.sizes:
        run(people, args.runs, args.profile, args.skip, args.only)


if __name__ == "__main__":
    main()
