"""After a scenario: did the servers log errors, and did any phone lose its socket?

A latency table means little if the server was throwing tracebacks meanwhile, so every
scenario ends with this one.
"""

from __future__ import annotations

import time
from typing import Any

from swarm import Swarm

from loadkit.report import table
from loadkit.servers import Server


def report_server_health(servers: list[Server], swarm: Swarm, results: dict[str, Any]) -> None:
    """Prints problem counts per server log and dropped sockets, then a few samples."""
    status = swarm.status()
    rows = []
    for s in servers:
        count, samples = s.problems()
        rows.append([s.name, count, str(s.log_path)])
        results.setdefault("problems", []).extend(f"{s.name}: {x}" for x in samples)
    drops = status["dropped"]
    rows.append(
        [
            "client sockets dropped by server",
            len(drops),
            "; ".join(sorted({d[1] for d in drops})[:3])
            + (
                " — e.g. "
                + ", ".join(
                    f"{k} at {time.strftime('%H:%M:%S', time.localtime(t))}"
                    for k, _w, t in drops[:4]
                )
                if drops
                else ""
            ),
        ]
    )
    rows.append(
        ["client connect failures", status["failure_count"], "; ".join(status["failures"][:2])]
    )
    table("server log problems and dropped sockets", ["", "count", "where / what"], rows)
    for sample in results.get("problems", [])[:4]:
        print("\n```\n" + sample[:1500] + "\n```")
