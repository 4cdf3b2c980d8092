"""The database a Mixer worker runs on during a scenario: a fresh one each time."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Database:
    url: str
    label: str
    drop: Callable[[], None] = lambda: None


def sqlite_db(tmp: Path, name: str) -> Database:
    """A SQLite file in the run's temp dir (removed with it)."""
    path = tmp / f"{name}.sqlite"
    return Database(f"sqlite:///{path}", "SQLite")


def postgres_db() -> Database:
    """A throwaway PostgreSQL database on the local server, dropped by `drop`."""
    import psycopg

    name = f"mixer_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect("postgresql://postgres@127.0.0.1/postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect("postgresql://postgres@127.0.0.1/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return Database(f"postgresql+psycopg://postgres@127.0.0.1/{name}", "PostgreSQL", drop)
