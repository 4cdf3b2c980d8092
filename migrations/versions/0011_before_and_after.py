"""before and after the night: registrations with personal links, check-in, outcomes

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 12:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("email_key", sa.String(length=254), nullable=False),
        sa.Column("headline", sa.String(length=120), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("invited_at", sa.DateTime(), nullable=True),
        sa.Column("invitations_sent", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("attendee_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_registrations_event_id_events"
        ),
        sa.ForeignKeyConstraint(
            ["attendee_id"], ["attendees.id"], name="fk_registrations_attendee_id_attendees"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_registrations"),
        sa.UniqueConstraint("event_id", "email_key", name="uq_registrations_event_id"),
        sa.UniqueConstraint("token_hash", name="uq_registrations_token_hash"),
    )
    op.create_index("ix_registrations_event_id", "registrations", ["event_id"])
    op.create_index("ix_registrations_attendee_id", "registrations", ["attendee_id"])
    with op.batch_alter_table("attendees") as batch_op:
        batch_op.add_column(sa.Column("arrived_at", sa.DateTime(), nullable=True))
    # Everyone who joined before registrations existed joined at the door: they arrived.
    op.execute("UPDATE attendees SET arrived_at = joined_at")
    with op.batch_alter_table("introductions") as batch_op:
        batch_op.add_column(sa.Column("a_outcome", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("b_outcome", sa.String(length=10), nullable=True))


def downgrade():
    with op.batch_alter_table("introductions") as batch_op:
        batch_op.drop_column("b_outcome")
        batch_op.drop_column("a_outcome")
    with op.batch_alter_table("attendees") as batch_op:
        batch_op.drop_column("arrived_at")
    op.drop_table("registrations")
