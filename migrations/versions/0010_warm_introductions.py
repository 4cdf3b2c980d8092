"""warm introductions: "My code" to say we know each other, requests through someone both know

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 07:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    # False for everyone known before: nobody agreed to swap contact details yet.
    with op.batch_alter_table("known") as batch_op:
        batch_op.add_column(
            sa.Column("swap_contact", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("introductions") as batch_op:
        batch_op.add_column(sa.Column("via_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("via_note", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.create_foreign_key(
            "fk_introductions_via_id_attendees", "attendees", ["via_id"], ["id"]
        )
    op.create_table(
        "meet_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_by", sa.Integer(), nullable=True),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name="fk_meet_codes_event_id_events"),
        sa.ForeignKeyConstraint(
            ["attendee_id"], ["attendees.id"], name="fk_meet_codes_attendee_id_attendees"
        ),
        sa.ForeignKeyConstraint(
            ["used_by"], ["attendees.id"], name="fk_meet_codes_used_by_attendees"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_meet_codes"),
        sa.UniqueConstraint("event_id", "code", name="uq_meet_codes_event_id"),
    )
    op.create_index("ix_meet_codes_event_id", "meet_codes", ["event_id"])
    op.create_index("ix_meet_codes_attendee_id", "meet_codes", ["attendee_id"])
    op.create_table(
        "warm_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("asker_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("broker_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("broker_note", sa.String(length=200), nullable=False),
        sa.Column("asker_gets", sa.JSON(), nullable=False),
        sa.Column("target_gets", sa.JSON(), nullable=False),
        sa.Column("one_way", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("introduction_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_warm_requests_event_id_events"
        ),
        sa.ForeignKeyConstraint(
            ["asker_id"], ["attendees.id"], name="fk_warm_requests_asker_id_attendees"
        ),
        sa.ForeignKeyConstraint(
            ["target_id"], ["attendees.id"], name="fk_warm_requests_target_id_attendees"
        ),
        sa.ForeignKeyConstraint(
            ["broker_id"], ["attendees.id"], name="fk_warm_requests_broker_id_attendees"
        ),
        sa.ForeignKeyConstraint(
            ["introduction_id"],
            ["introductions.id"],
            name="fk_warm_requests_introduction_id_introductions",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_warm_requests"),
        sa.UniqueConstraint(
            "event_id", "broker_id", "asker_id", "target_id", name="uq_warm_requests_event_id"
        ),
    )
    for column in ("event_id", "asker_id", "target_id", "broker_id"):
        op.create_index(f"ix_warm_requests_{column}", "warm_requests", [column])


def downgrade():
    op.drop_table("warm_requests")
    op.drop_table("meet_codes")
    with op.batch_alter_table("introductions") as batch_op:
        batch_op.drop_constraint("fk_introductions_via_id_attendees", type_="foreignkey")
        batch_op.drop_column("via_note")
        batch_op.drop_column("via_id")
    with op.batch_alter_table("known") as batch_op:
        batch_op.drop_column("swap_contact")
