"""Nothing a person typed, and no token, ever reaches the log."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from tests.conftest import Room


class Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    """Everything logged at any level by any logger that lets it through."""
    root = logging.getLogger()
    handler, level = Recorder(), root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(level)


def test_a_join_and_its_introductions_log_no_personal_data_or_tokens(
    room: Room, recorder: Recorder
) -> None:
    logging.getLogger("mixer").debug("recording")  # the recorder hears Mixer's loggers
    giver = room.join(
        "Gia Unique-Name",
        "give",
        ["hiring"],
        ["design"],
        email="gia.private@example.org",
        phone="+44 7700 900123",
        headline="Secret Headline Ltd",
        share_contact=True,
    )
    seeker = room.join("Sam Other-Name", "seek", ["design"], ["hiring"], offers_note="my note")
    (card,) = seeker.intros()
    seeker.respond(card["id"], "accept")
    giver.respond(card["id"], "accept")
    seeker.client.get("/api/v1/me/contacts.vcf", headers=seeker.headers())
    room.organizer.get(f"/console/{room.code}?token={room.organizer_token}")
    logged = "\n".join(recorder.lines)
    assert "recording" in logged
    for secret in (
        "Gia Unique-Name",
        "Sam Other-Name",
        "gia.private@example.org",
        "7700 900123",
        "Secret Headline",
        "my note",
        giver.token,
        seeker.token,
        room.organizer_token,
    ):
        assert secret not in logged, f"{secret!r} reached the log"
