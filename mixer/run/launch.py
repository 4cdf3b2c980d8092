"""The `mixer` command's first step: pick the serving mode before anything else loads.

gevent holds thousands of idle phones in one process where threads hold about a thousand,
but it must patch the standard library (sockets, threads, time) before Flask, the
database driver or the Redis client import them. So `mixer serve` patches here, first,
when gevent is installed and MIXER_ASYNC_MODE does not ask for threading.
"""

from __future__ import annotations

import os
import sys

try:
    import resource
except ImportError:  # Windows has no descriptor limits to raise
    resource = None  # type: ignore[assignment]

# Where the hard limit is "unlimited", ask for this many (Linux refuses more than nr_open).
UNLIMITED_ASK = 1 << 20


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


def raise_descriptor_limit() -> int | None:
    """Lift the soft limit on open files to the hard one; return the limit now in force.

    Every phone holds a socket, and many systems start a process at a soft limit of 1,024
    descriptors while allowing far more: the server would turn phones away at about 500.
    None where the platform has no such limit.
    """
    if resource is None:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = UNLIMITED_ASK if hard == resource.RLIM_INFINITY else hard
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return None if soft == resource.RLIM_INFINITY else soft
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    except (ValueError, OSError):  # e.g. macOS caps it below the hard limit: keep what we have
        return soft
    return wanted


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
