"""An announcement to everyone in the room: from the POST to the last phone that got it."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

from loadkit.context import Ctx
from loadkit.http_driver import http_session, post
from loadkit.report import ms, pct

ANN_HEAD = ["", "phones reached", "p50 ms", "p99 ms", "last phone ms"]


def announce_rounds(
    ctx: Ctx, url: str, code: str | None, token: str | None, want: set[str], times: int = 3
) -> list[list[Any]]:
    """POST an announcement `times` times; for each: send -> last phone, how many got it."""
    rows = []
    for i in range(times):
        ctx.swarm.drain()
        message = f"bench-ann-{uuid.uuid4().hex[:8]}"

        async def send(message: str = message) -> tuple[float, int]:
            async with http_session() as http:
                start = time.time()
                if code:
                    status, _ = await post(
                        http,
                        f"{url}/api/v1/events/{code}/announcements",
                        {"message": message},
                        token,
                    )
                else:
                    status, _ = await post(http, f"{url}/announce", {"message": message})
                return start, status

        start, status = asyncio.run(send())
        deadline = time.time() + 15
        got: dict[str, float] = {}
        while time.time() < deadline:
            time.sleep(0.5)
            for r in ctx.swarm.drain():
                if r.event == "announcement" and (r.payload or {}).get("message") == message:
                    got.setdefault(r.phone, r.t)
            if want <= set(got):
                break
        delays = [t - start for p, t in got.items() if p in want]
        rows.append(
            [
                f"announcement {i + 1} (HTTP {status})",
                f"{len(delays)}/{len(want)}",
                ms(pct(delays, 50)),
                ms(pct(delays, 99)),
                ms(max(delays) if delays else float("nan")),
            ]
        )
        time.sleep(1.0)
    return rows


def last_phone_s(rows: list[list[Any]]) -> float:
    """The slowest announcement's last phone, in seconds, over rows of announce_rounds."""
    lasts = [float(r[4]) / 1000 for r in rows if r[4] != "—"]
    return max(lasts) if lasts else float("nan")
