"""Refusals a person can act on, said in plain words; the web layer gives them a status.

A use case refuses by kind (not found, forbidden, conflict, invalid): what the kind means
over HTTP is decided once, in `mixer.web.errors`, so the rules know nothing of HTTP.
"""

from __future__ import annotations


class Refused(Exception):
    """A request the rules refuse, with a code for programs and a message for people."""

    def __init__(self, code: str, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields or {}


class NotFound(Refused):
    """What was asked for is not there (or not for this asker to know of)."""


class Forbidden(Refused):
    """The asker may not do this: removed, or not the right person."""


class Conflict(Refused):
    """Not now: the state of the event or the introduction does not allow it."""


class Invalid(Refused):
    """The input breaks a rule; `fields` says which and how to fix it."""


class TooMany(Refused):
    """Not so often: the same thing may be asked again after `retry_after` seconds."""

    def __init__(self, code: str, message: str, retry_after: int) -> None:
        super().__init__(code, message)
        self.retry_after = max(1, retry_after)


def not_found(what: str = "event") -> NotFound:
    return NotFound("not_found", f"No such {what}. Check the link or code.")


def described(exc: BaseException) -> str:
    """What failed, for a log line: the driver's error class and the first line of its message.

    Never the statement or its parameters (personal data): the first line of a driver's
    message is its own summary; later lines may quote the statement or a row's values.
    """
    reason = getattr(exc, "orig", None) or exc
    lines = str(reason).strip().splitlines()
    return f"{type(reason).__name__}: {lines[0][:200] if lines else ''}"
