"""join guards: an optional door code, a short-lived join-address mark, burst flag and hold

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 14:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN (no batch copy): SQLite adds these in place, keys and rows untouched.
    op.add_column(
        "events", sa.Column("door_code", sa.String(length=40), nullable=False, server_default="")
    )
    op.add_column("attendees", sa.Column("join_mark", sa.String(length=16), nullable=True))
    op.add_column(
        "attendees",
        sa.Column("join_burst", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("attendees", sa.Column("held_until", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("attendees") as batch_op:
        batch_op.drop_column("held_until")
        batch_op.drop_column("join_burst")
        batch_op.drop_column("join_mark")
    with op.batch_alter_table("events") as batch_op:
        batch_op.drop_column("door_code")
