"""The solver process: same answers as solving in-process, and it survives its own death."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest

from mixer.infra import offload
from mixer.infra.offload import OffloadFailed, Remote, Solver
from mixer.matching import Member, plan_round, topic_weights


def people(n: int, seed: int = 3) -> list[Member]:
    rng = random.Random(seed)
    topics = [f"t{i}" for i in range(8)]
    return [
        Member(
            id=i,
            intent=rng.choice(["give", "seek", "both"]),
            offers=frozenset(rng.sample(topics, 2)),
            seeks=frozenset(rng.sample(topics, 2)),
            capacity=2,
        )
        for i in range(1, n + 1)
    ]


@pytest.fixture
def solver() -> Solver:
    solver = Solver()
    yield solver
    solver.close()


def test_a_round_planned_in_the_child_equals_one_planned_here(solver: Solver) -> None:
    room = people(41)
    weights = topic_weights(room)
    blocked = {(1, 2), (3, 4)}
    assert solver.call(plan_round, room, blocked, weights) == plan_round(room, blocked, weights)


def test_a_killed_child_is_replaced_on_the_next_call(solver: Solver) -> None:
    room = people(10)
    first = solver.call(plan_round, room, set(), {})
    solver._child.kill()  # type: ignore[union-attr]
    solver._child.wait()  # type: ignore[union-attr]
    assert solver.call(plan_round, room, set(), {}) == first


def test_the_engine_s_errors_arrive_as_themselves(solver: Solver) -> None:
    with pytest.raises(AttributeError):
        solver.call(plan_round, ["not a person"], set(), {})
    assert solver.call(plan_round, people(4), set(), {}).groups  # and the child lives on


def test_only_the_matching_engine_may_run_there(solver: Solver) -> None:
    with pytest.raises(ValueError, match="only the matching engine"):
        solver.call(print, "hello")


GEVENT_PROBE = """
from gevent import monkey; monkey.patch_all()
import os, signal, gevent
from mixer.infra.offload import solver
from mixer.matching import Member, plan_round
room = [Member(id=i, intent="both", offers=frozenset({"a"}), seeks=frozenset({"b"}), capacity=2)
        for i in range(1, 41)]
solver.call(plan_round, room[:4], set(), {})  # start the child first
child = solver._child.pid
ticks = []
def tick():
    while True:
        gevent.sleep(0.005)
        ticks.append(1)
gevent.spawn(tick)
# The child is held still, so the solve lasts until this probe lets it go, on any CPU.
os.kill(child, signal.SIGSTOP)
# A frozen hub would never run this probe again: after 20 s an alarm lets the child go on.
signal.signal(signal.SIGALRM, lambda *_: os.kill(child, signal.SIGCONT))
signal.alarm(20)
solving = gevent.spawn(solver.call, plan_round, room, set(), {})
gevent.sleep(0)  # the call has sent its work and waits on the held child now
before = len(ticks)
while len(ticks) < before + 20 and not solving.ready():
    gevent.sleep(0.005)
while_solving = 0 if solving.ready() else len(ticks) - before
os.kill(child, signal.SIGCONT)
signal.alarm(0)
assert solving.get().groups
print(while_solving)
"""


def test_under_gevent_other_greenlets_run_while_the_child_solves() -> None:
    """What `mixer serve` relies on: a long solve never freezes the phones' sockets."""
    done = subprocess.run(
        [sys.executable, "-c", GEVENT_PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ | {"OPENBLAS_NUM_THREADS": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 20, "the server's loop stood still while the child solved"


LEAN_PROBE = """
import sys
from flask_migrate import upgrade
from mixer import create_app
from mixer.infra.extensions import socketio

app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": sys.argv[1]})
with app.app_context():
    upgrade()
client = app.test_client()
made = client.post("/api/v1/events", json={"name": "Lean", "mode": "both"}).json
code, organizer = made["event"]["code"], {"Authorization": "Bearer " + made["organizer_token"]}
tags = [["python", "hiring"], ["python", "data"]]
for n in range(6):
    intent = "give" if n % 2 else "seek"
    body = {"name": f"P{n}", "intent": intent, "offers": tags[n % 2], "seeks": tags[1 - n % 2]}
    assert client.post(f"/api/v1/events/{code}/attendees", json=body).status_code == 201
phone = socketio.test_client(app, flask_test_client=client, auth={"token": made["organizer_token"]})
assert client.post(f"/api/v1/events/{code}/rebalance", headers=organizer).status_code == 200
answer = client.post(f"/api/v1/events/{code}/rounds", json={}, headers=organizer)
assert answer.status_code == 201 and answer.json["round"]["pairs"] == 3, answer.json
print(" ".join(sorted(m for m in ("numpy", "scipy", "networkx") if m in sys.modules)))
"""


def test_a_server_leaves_the_solvers_libraries_to_the_solver_process(tmp_path) -> None:
    """About 70 MB per worker: joins, a re-balance and a round never import them here."""
    done = subprocess.run(
        [sys.executable, "-c", LEAN_PROBE, f"sqlite:///{tmp_path / 'lean.sqlite'}"],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ | {"OPENBLAS_NUM_THREADS": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_when_the_solver_process_cannot_run_the_solve_happens_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_args: object) -> None:
        raise OffloadFailed("cannot start the solver process")

    monkeypatch.setattr(offload.solver, "call", broken)
    room = people(6)
    plan = offload.solve(Remote("mixer.matching.round_plan", "plan_round"), room, set(), {})
    assert plan == plan_round(room, set(), {}) and plan.groups
