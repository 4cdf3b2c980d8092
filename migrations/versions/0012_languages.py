"""languages: the event's default language and its time zone

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 13:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    # Every event so far spoke English and showed times in UTC.
    with op.batch_alter_table("events") as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=8), nullable=False, server_default="en")
        )
        batch_op.add_column(
            sa.Column("time_zone", sa.String(length=64), nullable=False, server_default="UTC")
        )


def downgrade():
    with op.batch_alter_table("events") as batch_op:
        batch_op.drop_column("time_zone")
        batch_op.drop_column("language")
