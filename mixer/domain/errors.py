"""Refusals a person can act on, said in plain words; the web layer gives them a status.

A use case refuses by kind (not found, forbidden, conflict, invalid): what the kind means
over HTTP is decided once, in `mixer.web.errors`, so the rules know nothing of HTTP.

Services say their messages in the request's language (Flask-Babel's `gettext`, or a
lazy constant, `N_`, made text here); the few messages said here are marked with `_`
for the catalogs, and the web layer says them in the request's language.
"""

from __future__ import annotations


class Refused(Exception):
    """A request the rules refuse, with a code for programs and a message for people."""

    def __init__(self, code: str, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)  # a lazy message is said now, in the request's language
        self.fields = {name: str(said) for name, said in (fields or {}).items()}


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


def _(message: str) -> str:
    """Marks a message for the catalogs; `mixer.web.errors` says it in the request's language."""
    return message


NOT_FOUND = {
    "event": _("No such event. Check the link or code."),
    "attendee": _("No such attendee. Check the link or code."),
    "page": _("No such page. Check the link or code."),
}


def not_found(what: str = "event") -> NotFound:
    return NotFound("not_found", NOT_FOUND.get(what, NOT_FOUND["page"]))


def described(exc: BaseException) -> str:
    """What failed, for a log line: the driver's error class and the first line of its message.

    Never the statement or its parameters (personal data): the first line of a driver's
    message is its own summary; later lines may quote the statement or a row's values.
    """
    reason = getattr(exc, "orig", None) or exc
    lines = str(reason).strip().splitlines()
    return f"{type(reason).__name__}: {lines[0][:200] if lines else ''}"
