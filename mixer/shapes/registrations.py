"""Registrations: the answer to an import (or its preview), the organizer's list with each
one's status, and the answer to sending invitations."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from .fields import Output
from .inputs import Input

Status = Literal["invited", "joined", "arrived"]


class ProblemOut(Output):
    row: int = Field(description="The row as a spreadsheet numbers it: the header is row 1")
    message: str


class PreviewRow(Output):
    row: int
    name: str
    email: str
    headline: str
    new: bool = Field(description="False: this address is registered already (unchanged)")


class ImportOut(Output):
    imported: int = Field(description="People added (a preview: who would be)")
    unchanged: int = Field(description="Rows whose address is registered already")
    problems: list[ProblemOut]
    preview: bool
    rows: int = Field(description="Rows of the file with anything in them, the header aside")
    first: list[PreviewRow] = Field(description="The first rows that can be imported")
    headers: list[str] = Field(description="The file's header row")
    mapping: dict[str, str] = Field(
        description="Role (name, first_name, last_name, email,"
        " headline, organisation) → the header it was read from"
    )
    missing: list[str] = Field(description="Roles no column holds (name, email): name them")


class RegistrationOut(Output):
    id: int
    name: str
    email: str
    headline: str
    status: Status
    created_at: datetime
    invited_at: datetime | None = Field(description="When the last invitation was mailed")
    invitations_sent: int


class RegistrationList(Output):
    registrations: list[RegistrationOut]
    counts: dict[str, int] = Field(description="By status (invited, joined, arrived), and total")
    mail: bool = Field(description="Whether invitations can be mailed (MIXER_SMTP_URL is set)")


class FailedMail(Output):
    email: str
    message: str


class InvitationsOut(Output):
    sent: int
    skipped: int = Field(description="Invited before (send them again with `again`)")
    failed: list[FailedMail]


class InvitationsIn(Input):
    again: bool = Field(
        default=False,
        description="Mail those invited before too (not those mailed within the last minute)",
    )
