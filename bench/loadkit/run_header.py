"""The lines above a load bench report: machine, code, command, so runs can be compared."""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shlex
import subprocess
import sys
import time

import psutil
from machine import cpu_model

from loadkit.servers import ROOT, SERVER_ENV


def machine_line() -> str:
    """Cores, CPU, memory, Python and the versions of the serving stack."""
    versions = []
    for name in ("gevent", "flask_socketio", "socketio", "engineio", "aiohttp"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            dist = {
                "socketio": "python-socketio",
                "engineio": "python-engineio",
                "flask_socketio": "Flask-SocketIO",
            }.get(name, name)
            versions.append(f"{dist} {version(dist)}")
    return (
        f"machine: {os.cpu_count()} cores, {cpu_model()}, "
        f"{psutil.virtual_memory().total / 2**30:.1f} GiB; "
        f"Python {platform.python_version()} ({platform.system()} {platform.release()}); "
        + ", ".join(versions)
    )


def git_state() -> str:
    """Commit and the files changed since (the tree may be mid-edit when this runs)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--short", "mixer"], cwd=ROOT, capture_output=True, text=True
        ).stdout.split("\n")
        changed = [line[3:] for line in dirty if line.strip()]
        return f"git {head}" + (
            f" + uncommitted changes in {', '.join(changed)}" if changed else ""
        )
    except OSError:
        return "git ?"


def print_header(args: argparse.Namespace) -> None:
    """The report's title and the lines that say what ran where."""
    print("# Mixer load bench\n")
    print(machine_line())
    print(f"code: {git_state()}")
    if SERVER_ENV:
        print(f"server env: {SERVER_ENV}")
    print("command: " + " ".join(shlex.quote(x) for x in [sys.executable, *sys.argv]))
    print(
        f"started: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}; client: {args.clients} asyncio "
        f"processes (raw Socket.IO over aiohttp WebSocket) + 1 driver process"
    )
