"""The bench's HTTP side: Mixer's JSON API called from asyncio, setup and steady load.

Requests leave on an open loop (`steady`): each at its scheduled time whatever the
previous ones are doing, so a slow server shows up as latency, not as a lower rate.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from loadkit.report import log


def http_session() -> aiohttp.ClientSession:
    """No connection limit, no cookies: every request stands for a different phone."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=0),
        cookie_jar=aiohttp.DummyCookieJar(),
        timeout=aiohttp.ClientTimeout(total=180),
    )


async def post(
    http: aiohttp.ClientSession,
    url: str,
    body: dict[str, Any],
    token: str | None = None,
    method: str = "POST",
) -> tuple[int, Any]:
    """(status, JSON answer or text); never raises on an HTTP error status."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with http.request(method, url, json=body, headers=headers) as r:
        text = await r.text()
        try:
            return r.status, json.loads(text)
        except ValueError:
            return r.status, text


def create_event(url: str, **settings: Any) -> tuple[str, str]:
    """(event code, organizer token) of a new event with `settings`."""

    async def go() -> tuple[int, Any]:
        async with http_session() as http:
            return await post(http, f"{url}/api/v1/events", {"name": "Load bench", **settings})

    status, answer = asyncio.run(go())
    if status != 201:
        raise RuntimeError(f"create event -> {status}: {answer}")
    return answer["event"]["code"], answer["organizer_token"]


def patch_event(url: str, code: str, token: str, **changes: Any) -> tuple[int, float]:
    """(status, seconds the PATCH took)."""

    async def go() -> tuple[int, Any]:
        async with http_session() as http:
            return await post(http, f"{url}/api/v1/events/{code}", changes, token, method="PATCH")

    t = time.time()
    status, answer = asyncio.run(go())
    if status != 200:
        raise RuntimeError(f"patch event -> {status}: {answer}")
    return status, time.time() - t


async def join_many(
    urls: list[str], code: str, bodies: list[dict[str, Any]], concurrency: int = 6
) -> list[dict[str, Any]]:
    """Setup joins through the API (round-robin over urls); returns the join answers."""
    gate = asyncio.Semaphore(concurrency)
    out: list[dict[str, Any]] = [{}] * len(bodies)
    done = 0
    t0 = time.time()

    async with http_session() as http:

        async def one(i: int, body: dict[str, Any]) -> None:
            nonlocal done
            async with gate:
                status, answer = await post(
                    http, f"{urls[i % len(urls)]}/api/v1/events/{code}/attendees", body
                )
                if status != 201:
                    raise RuntimeError(f"join {i} -> {status}: {str(answer)[:300]}")
                out[i] = answer
                done += 1
                if done % 500 == 0:
                    log(f"  joined {done}/{len(bodies)} ({time.time() - t0:.0f}s)")

        await asyncio.gather(*(one(i, b) for i, b in enumerate(bodies)))
    return out


async def fetch_me(tokens: dict[str, tuple[str, str]], concurrency: int = 4) -> dict[str, Any]:
    """key -> GET /api/v1/me answer, for (url, token) per key."""
    gate = asyncio.Semaphore(concurrency)
    out: dict[str, Any] = {}
    async with http_session() as http:

        async def one(key: str, url: str, token: str) -> None:
            async with gate:
                headers = {"Authorization": f"Bearer {token}"}
                async with http.get(f"{url}/api/v1/me", headers=headers) as r:
                    out[key] = await r.json() if r.status == 200 else None

        await asyncio.gather(*(one(k, u, t) for k, (u, t) in tokens.items()))
    return out


@dataclass
class SteadyResult:
    sent: dict[str, float] = field(default_factory=dict)  # key -> send time
    answered: dict[str, float] = field(default_factory=dict)  # key -> response time
    url_of: dict[str, str] = field(default_factory=dict)  # key -> worker url it joined at
    lag: list[float] = field(default_factory=list)  # send time - scheduled time
    errors: list[str] = field(default_factory=list)


async def steady(
    rate: float,
    duration: float,
    make: Callable[[int], tuple[str, str, dict[str, Any]]],
    after: Callable[[str, str, Any], None] | None = None,
) -> SteadyResult:
    """Open loop: request i leaves at t0 + i/rate whatever the previous ones are doing.
    make(i) -> (key, url, body); after(key, url, answer) runs on a 2xx answer."""
    res = SteadyResult()
    n = int(rate * duration)
    async with http_session() as http:
        t0 = time.time() + 0.3
        tasks = []

        async def one(i: int, scheduled: float) -> None:
            key, url, body = make(i)
            res.url_of[key] = url.split("/api/")[0]
            start = time.time()
            res.sent[key] = start
            res.lag.append(start - scheduled)
            try:
                status, answer = await post(http, url, body)
            except Exception as exc:
                res.errors.append(f"{key}: {type(exc).__name__}: {exc}"[:200])
                return
            res.answered[key] = time.time() - start
            if status >= 300:
                res.errors.append(f"{key}: HTTP {status}: {str(answer)[:200]}")
            elif after:
                after(key, url, answer)

        for i in range(n):
            scheduled = t0 + i / rate
            delay = scheduled - time.time()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(i, scheduled)))
        await asyncio.gather(*tasks)
    return res
