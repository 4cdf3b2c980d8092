"""Invitations mailed to registrations, through a real SMTP server (aiosmtpd) on loopback."""

from __future__ import annotations

import socket
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from werkzeug.test import TestResponse

from mixer.domain.formats.invitation import Invitation, invitation_message
from mixer.domain.models import Registration
from mixer.infra import mail
from mixer.infra.extensions import db
from mixer.services import invitations
from tests.conftest import Room

LIST = (
    "Name,Email\n"
    "<b>Ana</b> & Co,ana@example.com\n"
    "Ben,ben@example.com\n"
    "Slow Sol,slow@example.com\n"
    "Gone Gil,gone@example.com\n"
)


class Mailbox:
    """The SMTP server's side: what it received; `slow@` refused once (451), `gone@` always
    (550)."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.asked: Counter[str] = Counter()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          options: Any) -> str:  # fmt: skip
        self.asked[address] += 1
        if address == "gone@example.com":
            return "550 5.1.1 No such mailbox"
        if address == "slow@example.com" and self.asked[address] == 1:
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(parsed)  # type: ignore[arg-type]
        return "250 Message accepted"

    def to(self) -> list[str]:
        return [str(m["To"]) for m in self.messages]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def mailbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Mailbox, int]]:
    monkeypatch.setattr(invitations, "RETRY_PAUSE", 0)
    box = Mailbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


def send(room: Room, body: Any = None) -> TestResponse:
    return room.organizer.post(
        f"/api/v1/events/{room.code}/invitations", json=body, headers=room.org_headers()
    )


def registrations(room: Room) -> dict[str, tuple[Any, int]]:
    with room.app.app_context():
        rows = db.session.scalars(db.select(Registration)).all()
        return {r.email: (r.invited_at, r.invitations_sent) for r in rows}


def imported(room: Room, port: int) -> None:
    room.app.config |= {"SMTP_URL": f"smtp://127.0.0.1:{port}", "MAIL_FROM": "hello@mixer.test"}
    answer = room.organizer.post(
        f"/api/v1/events/{room.code}/registrations", data=LIST, content_type="text/csv",
        headers=room.org_headers(),
    )  # fmt: skip
    assert answer.status_code == 200 and answer.json["imported"] == 4


def test_without_mail_settings_sending_is_a_clear_409(room: Room) -> None:
    room.organizer.post(
        f"/api/v1/events/{room.code}/registrations", data=LIST, content_type="text/csv",
        headers=room.org_headers(),
    )  # fmt: skip
    answer = send(room)
    assert answer.status_code == 409
    assert answer.json["error"]["code"] == "mail_not_configured"
    assert "MIXER_SMTP_URL" in answer.json["error"]["message"]
    assert all(sent == (None, 0) for sent in registrations(room).values())


def test_each_registration_gets_its_link_once_a_greylisting_retried_a_refusal_reported(
    room: Room, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    imported(room, port)
    answer = send(room)
    assert answer.status_code == 200, answer.json
    assert answer.json["sent"] == 3 and answer.json["skipped"] == 0
    [failed] = answer.json["failed"]
    assert failed["email"] == "gone@example.com" and failed["message"].startswith("550")
    assert box.asked["slow@example.com"] == 2  # 451 once, then accepted
    assert sorted(box.to()) == [
        '"<b>Ana</b> & Co" <ana@example.com>', "Ben <ben@example.com>",
        "Slow Sol <slow@example.com>",
    ]  # fmt: skip
    ana = next(m for m in box.messages if "ana@" in str(m["To"]))
    assert ana["From"] == "hello@mixer.test"
    assert ana["List-Unsubscribe"] == "<mailto:hello@mixer.test?subject=unsubscribe>"
    text = ana.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = ana.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "Hello <b>Ana</b> & Co," in text
    assert "&lt;b&gt;Ana&lt;/b&gt; &amp; Co" in html and "<b>Ana" not in html
    link = next(line for line in text.splitlines() if "/r/" in line)
    assert f'href="{link}"' in html
    state = registrations(room)
    assert state["gone@example.com"] == (None, 0)  # refused: may be sent again later
    assert all(state[a][1] == 1 and state[a][0] for a in ("ana@example.com", "slow@example.com"))
    listed = room.organizer.get(
        f"/api/v1/events/{room.code}/registrations", headers=room.org_headers()
    ).json
    assert listed["mail"] is True
    assert sum(1 for r in listed["registrations"] if r["invitations_sent"]) == 3

    box.messages.clear()
    twice = send(room)  # never twice to one address: only the one refused is tried again
    assert twice.json["sent"] == 0 and twice.json["skipped"] == 3
    assert box.to() == [] and len(twice.json["failed"]) == 1
    at_once = send(room, {"again": True})  # a double tap within the minute sends nothing new
    assert at_once.json["sent"] == 0 and at_once.json["skipped"] == 3


def test_again_sends_to_everyone_invited_before(room: Room, mailbox: tuple[Mailbox, int]) -> None:
    box, port = mailbox
    imported(room, port)
    assert send(room).json["sent"] == 3
    with room.app.app_context():  # the first invitations went out an hour ago
        for registration in db.session.scalars(db.select(Registration)).all():
            if registration.invited_at:
                registration.invited_at -= timedelta(hours=1)
        db.session.commit()
    box.messages.clear()
    again = send(room, {"again": True})
    assert again.json["sent"] == 3 and again.json["skipped"] == 0
    assert len(box.messages) == 3
    assert registrations(room)["ben@example.com"][1] == 2
    assert send(room, {"again": "yes"}).status_code == 422


def test_mail_settings_read_from_the_url() -> None:
    found = mail.settings({"SMTP_URL": "smtp://me%40x.org:p%3Ass@mail.x.org:587?starttls=1"})
    assert found is not None
    assert (found.host, found.port, found.starttls, found.tls) == ("mail.x.org", 587, True, False)
    assert (found.user, found.password, found.sender) == ("me@x.org", "p:ss", "me@x.org")
    tls = mail.settings({"SMTP_URL": "smtps://relay.x.org", "MAIL_FROM": "Mixer <m@x.org>"})
    assert tls is not None and (tls.port, tls.tls, tls.sender) == (465, True, "Mixer <m@x.org>")
    assert mail.settings({"SMTP_URL": None}) is None
    with pytest.raises(ValueError):
        mail.settings({"SMTP_URL": "http://x.org"})


def test_the_unsubscribe_header_names_the_bare_address() -> None:
    message = invitation_message(
        Invitation("Night", "", None, "Ana", "ana@x.org", "http://h/r/t", "Mixer <m@x.org>")
    )
    assert message["List-Unsubscribe"] == "<mailto:m@x.org?subject=unsubscribe>"
    assert message["Subject"] == "Your personal link for Night"
