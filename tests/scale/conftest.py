"""Scale-out: real workers sharing PostgreSQL and Redis, and a clean database after each test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from tests.conftest import unavailable
from tests.scale.workers import Worker

TABLES = "announcements, known, introductions, rounds, attendees, events"


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = os.environ.get("MIXER_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception as exc:
        unavailable("Redis", exc)
    return url


@pytest.fixture
def pg(postgres_url: str) -> Iterator[Engine]:
    engine = create_engine(postgres_url)
    yield engine
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
    engine.dispose()


def worker_env(postgres_url: str, redis_url: str) -> dict[str, str]:
    """What every worker of one site shares: database, Redis, channel and secret key."""
    return {
        "MIXER_DATABASE_URL": postgres_url,
        "MIXER_REDIS_URL": redis_url,
        "MIXER_SOCKETIO_CHANNEL": f"mixer-test-{uuid.uuid4().hex[:8]}",
        "MIXER_SECRET_KEY": "shared-by-every-worker",
        "MIXER_STATS_MIN_INTERVAL": "0.2",
        # Hundreds of phones played from this one address would be one big burst, held back.
        "MIXER_JOIN_BURST_SIZE": "0",
    }


@pytest.fixture
def two_workers(
    request: pytest.FixtureRequest, pg: Engine, postgres_url: str, redis_url: str, tmp_path: Path
) -> Iterator[tuple[Worker, Worker]]:
    """Two real workers of one site; a test may set more of their environment indirectly."""
    env = worker_env(postgres_url, redis_url) | getattr(request, "param", {})
    workers = [Worker(env, tmp_path / f"worker-{n}.log") for n in (1, 2)]
    try:
        yield workers[0].ready(), workers[1].ready()
    finally:
        for w in workers:
            w.stop()
