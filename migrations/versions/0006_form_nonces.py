"""one-time form nonces (create and join) and the ready page's console-link hand-over

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 19:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("events") as batch_op:
        batch_op.add_column(sa.Column("create_nonce_hash", sa.String(length=64), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_events_create_nonce_hash"), ["create_nonce_hash"], unique=True
        )
    with op.batch_alter_table("attendees") as batch_op:
        batch_op.add_column(sa.Column("join_nonce_hash", sa.String(length=64), nullable=True))
        # A unique index, not a constraint: SQLite adds it without copying the table.
        batch_op.create_index(
            "ix_attendees_join_nonce", ["event_id", "join_nonce_hash"], unique=True
        )
    op.create_table(
        "handovers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("sealed", sa.String(length=200), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_handovers_event_id_events")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handovers")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_handovers_key_hash")),
    )
    with op.batch_alter_table("handovers") as batch_op:
        batch_op.create_index(batch_op.f("ix_handovers_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_handovers_expires_at"), ["expires_at"], unique=False)


def downgrade():
    with op.batch_alter_table("handovers") as batch_op:
        batch_op.drop_index(batch_op.f("ix_handovers_expires_at"))
        batch_op.drop_index(batch_op.f("ix_handovers_event_id"))
    op.drop_table("handovers")
    with op.batch_alter_table("attendees") as batch_op:
        batch_op.drop_index("ix_attendees_join_nonce")
        batch_op.drop_column("join_nonce_hash")
    with op.batch_alter_table("events") as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_create_nonce_hash"))
        batch_op.drop_column("create_nonce_hash")
