"""A swarm of phones for the load bench: raw Socket.IO-over-WebSocket clients in asyncio.

Each client process holds thousands of phones on one event loop. A phone speaks the
Engine.IO 4 / Socket.IO 5 wire protocol directly over an aiohttp WebSocket (no polling,
no upgrade): open `?EIO=4&transport=websocket`, send `40{auth}`, answer pings (`2` -> `3`),
and stamp every `42[...]` event with `time.time()` the moment its frame is read. Parsing
waits until the records are collected, so the loop does as little as possible while
pushes arrive. That keeps the client side far lighter than python-socketio's AsyncClient
(one background task per connection, per-packet dispatch).

The main process drives the workers through a Pipe with a handful of commands (see
`Swarm`); all clocks are `time.time()` on the same machine, so a send time taken in the
driver and a receipt time taken here compare directly.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import multiprocessing as mp
import os
import resource
import time
from dataclasses import dataclass
from typing import Any


def raise_fd_limit(want: int = 65536) -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(want, hard) if hard != resource.RLIM_INFINITY else want
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


# ----------------------------------------------------------------------------- worker side


class _Worker:
    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.session: Any = None
        self.phones: dict[str, Any] = {}  # phone key -> websocket
        self.records: list[tuple[float, str, str]] = []  # (t, phone key, raw frame)
        self.dropped: list[tuple[str, str, float]] = []  # (phone key, why) closed by the far side
        self.closing = False
        self.failures: list[str] = []

    async def run(self) -> None:
        import aiohttp

        raise_fd_limit()
        connector = aiohttp.TCPConnector(limit=0, force_close=True)
        self.session = aiohttp.ClientSession(connector=connector)
        loop = asyncio.get_running_loop()
        self.done = loop.create_future()
        loop.add_reader(self.conn.fileno(), self._on_command)
        await self.done
        loop.remove_reader(self.conn.fileno())
        await self._close_all()
        await self.session.close()

    def _on_command(self) -> None:
        while self.conn.poll():
            try:
                cmd, *args = self.conn.recv()
            except EOFError:
                if not self.done.done():
                    self.done.set_result(None)
                return
            if cmd == "quit":
                if not self.done.done():
                    self.done.set_result(None)
                return
            asyncio.get_running_loop().create_task(self._dispatch(cmd, args))

    async def _dispatch(self, cmd: str, args: list[Any]) -> None:
        if cmd == "connect":
            url, phones, concurrency, reply = args
            result = await self._connect_many(url, phones, concurrency)
            if reply:
                self.conn.send(("connected", result))
        elif cmd == "drain":
            records, self.records = self.records, []
            self.conn.send(("records", records))
        elif cmd == "status":  # since the last status: drops and failures are reset
            dropped, self.dropped = self.dropped, []
            failures, self.failures = self.failures, []
            self.conn.send(
                (
                    "status",
                    {
                        "open": sum(1 for ws in self.phones.values() if not ws.closed),
                        "dropped": dropped,
                        "failures": failures[-20:],
                        "failure_count": len(failures),
                    },
                )
            )
        elif cmd == "close_all":
            await self._close_all()
            self.conn.send(("closed", None))

    async def _close_all(self) -> None:
        self.closing = True
        phones, self.phones = self.phones, {}
        await asyncio.gather(*(ws.close() for ws in phones.values()), return_exceptions=True)
        self.closing = False

    async def _connect_many(
        self, url: str, phones: list[tuple[str, dict[str, Any]]], concurrency: int
    ) -> dict[str, Any]:
        gate = asyncio.Semaphore(concurrency)
        took: list[float] = []
        ok_at: list[float] = []
        errors: list[str] = []

        async def one(key: str, auth: dict[str, Any]) -> None:
            async with gate:
                start = time.time()
                try:
                    await self._connect(url, key, auth)
                except Exception as exc:
                    errors.append(f"{type(exc).__name__}: {exc}"[:200])
                    self.failures.append(f"{key}: {type(exc).__name__}: {exc}"[:200])
                    return
                end = time.time()
                took.append(end - start)
                ok_at.append(end)

        start = time.time()
        await asyncio.gather(*(one(k, a) for k, a in phones))
        return {
            "ok": len(took),
            "failed": len(errors),
            "errors": errors[:5],
            "start": start,
            "end": time.time(),
            "last_ok": max(ok_at) if ok_at else start,
            "took": took,
        }

    async def _connect(self, url: str, key: str, auth: dict[str, Any]) -> None:
        ws_url = url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        ws = await self.session.ws_connect(
            ws_url, autoping=True, compress=0, max_msg_size=0, timeout=30
        )
        try:
            opening = await asyncio.wait_for(ws.receive(), 30)
            if not isinstance(opening.data, str) or not opening.data.startswith("0"):
                raise RuntimeError(f"no engine.io open: {opening.data!r}"[:120])
            await ws.send_str("40" + json.dumps(auth))
            while True:
                reply = await asyncio.wait_for(ws.receive(), 30)
                data = reply.data
                if not isinstance(data, str):
                    raise RuntimeError(f"socket closed during connect: {reply.type}")
                if data == "2":
                    await ws.send_str("3")
                    continue
                if data.startswith("40"):
                    break
                if data.startswith("44"):
                    raise RuntimeError(f"refused: {data[2:]}"[:160])
                if data.startswith("42"):  # an event before the ack: keep it
                    self.records.append((time.time(), key, data))
        except BaseException:
            await ws.close()
            raise
        old = self.phones.get(key)
        if old is not None:
            await old.close()
        self.phones[key] = ws
        asyncio.get_running_loop().create_task(self._listen(key, ws))

    async def _listen(self, key: str, ws: Any) -> None:
        import aiohttp

        text = aiohttp.WSMsgType.TEXT
        try:
            while True:
                msg = await ws.receive()
                if msg.type == text:
                    data = msg.data
                    if data[0] == "4":
                        self.records.append((time.time(), key, data))
                    elif data == "2":
                        await ws.send_str("3")
                    elif data == "1":
                        break
                else:
                    break
        except Exception as exc:
            if not self.closing:
                self.dropped.append((key, f"{type(exc).__name__}: {exc}"[:120], time.time()))
            return
        if not self.closing and self.phones.get(key) is ws:
            self.dropped.append((key, f"closed by server ({ws.close_code})", time.time()))


def _worker_main(conn: Any) -> None:
    try:
        import uvloop  # type: ignore[import-not-found]

        uvloop.install()
    except ImportError:
        pass
    asyncio.run(_Worker(conn).run())


# ----------------------------------------------------------------------------- main side


@dataclass
class Received:
    t: float  # receipt, time.time()
    phone: str  # the phone key that received it
    event: str
    payload: Any


def parse(records: list[tuple[float, str, str]]) -> list[Received]:
    out = []
    for t, phone, raw in records:
        if not raw.startswith("42"):
            continue
        try:
            name, *rest = json.loads(raw[2:])
        except ValueError:
            continue
        out.append(Received(t, phone, name, rest[0] if rest else None))
    return out


class Swarm:
    """K client processes; phones are spread over them round-robin."""

    def __init__(self, processes: int = 2) -> None:
        ctx = mp.get_context("spawn")
        self.conns = []
        self.procs = []
        for _ in range(processes):
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_worker_main, args=(child,), daemon=True)
            proc.start()
            child.close()
            self.conns.append(parent)
            self.procs.append(proc)
        self.next = 0

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.procs if p.pid]

    def _ask_all(self, *cmd: Any) -> list[Any]:
        for c in self.conns:
            c.send(cmd)
        return [c.recv()[1] for c in self.conns]

    def connect(
        self,
        phones: list[tuple[str, str, dict[str, Any]]],
        concurrency: int = 64,
    ) -> dict[str, Any]:
        """phones: (key, base url, auth). Blocks until all tried; merged timings."""
        per: list[dict[str, list[tuple[str, dict[str, Any]]]]] = [{} for _ in self.conns]
        for key, url, auth in phones:
            per[self.next].setdefault(url, []).append((key, auth))
            self.next = (self.next + 1) % len(self.conns)
        asked = []
        for i, by_url in enumerate(per):
            for url, group in by_url.items():
                self.conns[i].send(("connect", url, group, concurrency, True))
                asked.append(i)
        results = [self.conns[i].recv()[1] for i in asked]
        if not results:
            return {"ok": 0, "failed": 0, "errors": [], "start": 0, "end": 0, "took": []}
        return {
            "ok": sum(r["ok"] for r in results),
            "failed": sum(r["failed"] for r in results),
            "errors": [e for r in results for e in r["errors"]][:5],
            "start": min(r["start"] for r in results),
            "end": max(r["last_ok"] for r in results),
            "took": [t for r in results for t in r["took"]],
        }

    def connect_later(self, key: str, url: str, auth: dict[str, Any]) -> None:
        """Fire and forget (a newcomer's phone opening its socket after joining)."""
        self.conns[self.next].send(("connect", url, [(key, auth)], 1, False))
        self.next = (self.next + 1) % len(self.conns)

    def drain(self) -> list[Received]:
        records = [r for batch in self._ask_all("drain") for r in batch]
        return parse(records)

    def status(self) -> dict[str, Any]:
        parts = self._ask_all("status")
        return {
            "open": sum(p["open"] for p in parts),
            "dropped": [d for p in parts for d in p["dropped"]],
            "failures": [f for p in parts for f in p["failures"]],
            "failure_count": sum(p["failure_count"] for p in parts),
        }

    def close_all(self) -> None:
        self._ask_all("close_all")

    def stop(self) -> None:
        for c in self.conns:
            with contextlib.suppress(BrokenPipeError, OSError):
                c.send(("quit",))
        for p in self.procs:
            p.join(10)
            if p.is_alive():
                p.terminate()


if __name__ == "__main__":  # tiny self-check against a running server: python swarm.py URL TOKEN
    import sys

    swarm = Swarm(1)
    print(swarm.connect([("p0", sys.argv[1], {"token": sys.argv[2]})]))
    time.sleep(2)
    print(swarm.drain(), swarm.status(), os.getpid())
    swarm.stop()
