"""Mixer: an event mixer for two-way job networking.

The package itself imports nothing heavy, so that `mixer.run.launch` can switch a server
process to gevent (which must patch the standard library before anything else loads).
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module 'mixer' has no attribute {name!r}")
