"""The `mixer` command's first step: pick the serving mode before anything else loads.

gevent holds thousands of idle phones in one process where threads hold about a thousand,
but it must patch the standard library (sockets, threads, time) before Flask, the
database driver or the Redis client import them. So `mixer serve` patches here, first,
when gevent is installed and MIXER_ASYNC_MODE does not ask for threading.
"""

from __future__ import annotations

import os
import sys


def _command(argv: list[str]) -> str | None:
    return next((arg for arg in argv[1:] if not arg.startswith("-")), None)


def serving_mode(argv: list[str]) -> str:
    """gevent for `serve` when available (or asked for); threads otherwise."""
    asked = os.environ.get("MIXER_ASYNC_MODE")
    if asked:
        return asked
    if _command(argv) != "serve":
        return "threading"
    try:
        import gevent  # noqa: F401
    except ImportError:
        return "threading"
    return "gevent"


def main() -> None:
    """Entry point of the `mixer` console script."""
    mode = serving_mode(sys.argv)
    if mode == "gevent":
        from gevent import monkey

        monkey.patch_all()
    os.environ["MIXER_ASYNC_MODE"] = mode
    from .cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
