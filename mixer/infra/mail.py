"""Sending mail over SMTP, with the standard library's `smtplib` (well kept, made for this).

Configured by MIXER_SMTP_URL: `smtp://user:pass@host:587?starttls=1`, `smtps://…@host:465`
(TLS from the start) or `smtp://host:25` (a local relay); MIXER_MAIL_FROM names the sender.
A refusal is told apart as the server says it: 4xx is temporary (try again later), 5xx
permanent (that address will not take it).
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

TIMEOUT = 20  # seconds for each exchange with the server


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    tls: bool  # smtps: TLS from the first byte
    starttls: bool
    user: str
    password: str
    sender: str


class MailFailed(Exception):
    """A message not sent; `temporary` when the server said try later (4xx, or no answer)."""

    def __init__(self, message: str, *, temporary: bool) -> None:
        super().__init__(message)
        self.temporary = temporary


def settings(config: dict[str, Any] | Any) -> MailSettings | None:
    """The mail settings of an app's config, or None when MIXER_SMTP_URL is not set.

    Raises ValueError for an address that is not an smtp:// or smtps:// URL with a host."""
    url = config.get("SMTP_URL")
    if not url:
        return None
    parts = urlsplit(str(url))
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError("MIXER_SMTP_URL must look like smtp://user:pass@host:587?starttls=1.")
    tls = parts.scheme == "smtps"
    query = parse_qs(parts.query)
    starttls = query.get("starttls", ["0"])[0].lower() in ("1", "true", "yes")
    user = unquote(parts.username or "")
    sender = config.get("MAIL_FROM") or (user if "@" in user else f"mixer@{parts.hostname}")
    return MailSettings(
        host=parts.hostname,
        port=parts.port or (465 if tls else 25),
        tls=tls,
        starttls=starttls and not tls,
        user=user,
        password=unquote(parts.password or ""),
        sender=str(sender),
    )


def _failure(exc: Exception) -> MailFailed:
    """What the server said, kept short, as temporary (4xx, dropped line) or permanent."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, said = next(iter(exc.recipients.values()))
    elif isinstance(exc, smtplib.SMTPResponseException):
        code, said = exc.smtp_code, exc.smtp_error
    else:  # no answer, connection dropped: worth trying again
        return MailFailed(f"The mail server did not answer: {exc}"[:200], temporary=True)
    text = said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)
    return MailFailed(f"{code} {text}"[:200], temporary=400 <= code < 500)


class Mailer:
    """One connection to the server for many messages: `with Mailer(s) as m: m.send(msg)`."""

    def __init__(self, mail: MailSettings) -> None:
        self.mail = mail
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        return self

    def __exit__(self, *_exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        mail = self.mail
        context = ssl.create_default_context()
        if mail.tls:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                mail.host, mail.port, timeout=TIMEOUT, context=context
            )
        else:
            smtp = smtplib.SMTP(mail.host, mail.port, timeout=TIMEOUT)
        if mail.starttls:
            smtp.starttls(context=context)
        if mail.user:
            smtp.login(mail.user, mail.password)
        return smtp

    def send(self, message: EmailMessage) -> None:
        """Send one message; raises `MailFailed` saying whether it is worth trying again."""
        try:
            if self.smtp is None:
                self.smtp = self._connect()
            self.smtp.send_message(message)
        except smtplib.SMTPServerDisconnected as exc:
            self.smtp = None  # the next message opens a new connection
            raise _failure(exc) from exc
        except (smtplib.SMTPException, OSError) as exc:
            if not isinstance(exc, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused):
                self.close()
            raise _failure(exc) from exc

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                self.smtp.close()
            self.smtp = None
