"""Time importing a ticketing tool's export of 10,000 registrations, through the API in one
process (Flask's test client: no network), on SQLite and on PostgreSQL.

Steps, each timed: reading the file alone (the pure reader), the preview (stores nothing),
the import, the same file again (all unchanged), the list's counts, and the mail-merge CSV
with every personal link.

Run: python bench/registrations.py [rows] [runs]   (default 10000 3)
PostgreSQL: MIXER_BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test);
a database of its own is created and dropped. Unreachable: that half is skipped.
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import create_engine, make_url, text

from mixer.app import create_app
from mixer.domain.formats.registrations import read
from mixer.infra.extensions import db

sys.path.insert(0, str(Path(__file__).parent))
from machine import cpu_model

FIRST = ["Ana", "Ben", "Chloé", "Dmitri", "Eun-ji", "Fatima", "Gustavo", "Hannah", "Ibrahim",
         "Jörg", "Kenji", "Lucía", "Mei", "Nadia", "Olu", "Priya", "Quentin", "Rosa",
         "Sven"]  # fmt: skip
LAST = ["García", "Müller", "Okafor", "Nguyen", "Smith", "Kowalski", "Rossi", "Dubois",
        "Tanaka", "O'Brien", "Van der Berg", "Fernández", "Hassan", "Lindqvist"]  # fmt: skip
TITLES = ["Software Engineer", "Product Manager", "Data Scientist", "Designer", "CTO",
          "Recruiter", "Student", "", "Engineering Manager", "Founder"]  # fmt: skip
COMPANIES = ["Acme GmbH", "Globex", "Initech", "Umbrella, Inc.", "", "Stark Industries"]


def export(rows: int, seed: int = 7) -> bytes:
    """An Eventbrite attendee report: UTF-8 with a BOM, CRLF, a quoted comma now and then."""
    rng = random.Random(seed)
    lines = ["Order #,Order Date,First Name,Last Name,Email,Ticket Type,Job Title,Company"]
    for i in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        company = rng.choice(COMPANIES)
        email = f"{first}.{last}.{i}@example.org".lower().replace(" ", "").replace("'", "")
        lines.append(
            f'{100000 + i},2026-11-{1 + i % 28:02d},{first},"{last}",{email},General Admission,'
            f'{rng.choice(TITLES)},"{company}"'
        )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


@contextmanager
def postgres() -> Iterator[str | None]:
    base = os.environ.get("MIXER_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
    admin_url = make_url(base).set(drivername="postgresql+psycopg")
    name = f"mixer_bench_{uuid.uuid4().hex[:10]}"
    try:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # no server here: bench SQLite alone
        print(f"# PostgreSQL skipped: {exc}".splitlines()[0])
        yield None
        return
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run(url: str, data: bytes) -> dict[str, float]:
    """One pass on a fresh event: each step's milliseconds."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False,
                      "SECRET_KEY": "bench", "PUBLIC_URL": "https://mixer.example"})  # fmt: skip
    with app.app_context():
        upgrade()
    client = app.test_client()
    made = client.post("/api/v1/events", json={"name": "Bench night"}).json
    code, auth = made["event"]["code"], {"Authorization": f"Bearer {made['organizer_token']}"}
    path = f"/api/v1/events/{code}"

    def post(query: str, expect: tuple[str, int]) -> None:
        answer = client.post(f"{path}/registrations?{query}", data=data,
                             content_type="text/csv", headers=auth)  # fmt: skip
        assert answer.status_code == 200 and answer.json[expect[0]] == expect[1], answer.json

    rows = len(read(data).rows)
    steps = {
        "preview": lambda: post("preview=1", ("imported", rows)),
        "import": lambda: post("", ("imported", rows)),
        "again (unchanged)": lambda: post("", ("unchanged", rows)),
        "counts": lambda: client.get(f"{path}/registrations?limit=0", headers=auth).json,
        "invitations.csv": lambda: client.get(
            f"{path}/export/invitations.csv", headers=auth
        ).get_data(),
    }
    figures = {name: timed(step) for name, step in steps.items()}
    with app.app_context():
        db.engine.dispose()
    return figures


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    data = export(rows)
    print(f"# {platform.python_version()}, {os.cpu_count()} cores ({cpu_model()}),"
          f" {rows:,} rows, {len(data) / 1e6:.2f} MB, median of {runs} runs, ms")  # fmt: skip
    reading = statistics.median(timed(lambda: read(data)) for _ in range(runs))
    print(f"reading the file alone (pure): {reading:.0f}")
    with postgres() as pg_url:
        databases = {"SQLite": None, "PostgreSQL": pg_url}
        for label, url in databases.items():
            if label == "PostgreSQL" and url is None:
                continue
            passes = []
            for _ in range(runs):
                folder = tempfile.mkdtemp(prefix="mixer-bench-")
                target = url or f"sqlite:///{folder}/bench.sqlite"
                if url is not None and passes:  # a fresh PostgreSQL schema per pass
                    with create_engine(url).begin() as connection:
                        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
                passes.append(run(target, data))
            cells = " | ".join(
                f"{name} {statistics.median(p[name] for p in passes):.0f}" for name in passes[0]
            )
            print(f"{label}: {cells}")


if __name__ == "__main__":
    main()
