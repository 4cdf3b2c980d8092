"""Work that runs beside the server: the expiry sweeper, the re-balancer, the demo crowd."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError

from ..domain.errors import described
from ..infra import coordination
from ..infra.extensions import db, socketio
from ..services import demo_crowd, periodic

log = logging.getLogger(__name__)


def start_sweeper(app: Flask) -> None:
    """Expire unanswered suggestions on time, send the one follow-up reminder, and let in
    people held back after a burst of joins once their hold is over."""

    def sweep() -> None:
        periodic.sweep()

    _every(app, "SWEEP_INTERVAL", "sweep", sweep)


def start_rebalancer(app: Flask) -> None:
    """Every MIXER_REBALANCE_INTERVAL, one worker re-chooses unanswered suggestions."""
    seen: dict[int, int] = {}
    _every(app, "REBALANCE_INTERVAL", "rebalance", lambda: periodic.rebalance(seen))


def _every(app: Flask, setting: str, name: str, work: Callable[[], object]) -> None:
    """Run `work` every `setting` seconds (0: never) on one worker of the site at a time.

    The claim makes one worker do each pass while the others skip (the event lock keeps it
    safe anyway); a failed pass is logged and the next one runs as usual.
    """

    def loop() -> None:
        while app.config[setting] > 0:
            interval = app.config[setting]
            socketio.sleep(interval)
            if not coordination.claims(app).claim(name, interval * 0.9):
                continue
            with app.app_context():
                try:
                    work()
                except SQLAlchemyError as exc:  # one line: what failed, no SQL, no values
                    log.error("%s pass failed: %s", name, described(exc))
                    db.session.rollback()
                except Exception:
                    log.exception("%s pass failed", name)
                    db.session.rollback()

    socketio.start_background_task(loop)


def start_demo_crowd(app: Flask, crowd_ids: set[int], seed_value: int = 11) -> None:
    """Simulated attendees answer their suggestions after a few seconds, as people would."""
    rng = random.Random(seed_value)

    def loop() -> None:
        while True:
            socketio.sleep(4)
            with app.app_context():
                try:
                    demo_crowd.crowd_step(crowd_ids, rng)
                except Exception:
                    log.exception("demo crowd step failed")
                    db.session.rollback()

    socketio.start_background_task(loop)
