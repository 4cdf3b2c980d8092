"""the organizer's topic aliases (typed text -> one of the room's topics)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 16:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("events") as batch_op:
        batch_op.add_column(
            sa.Column("topic_aliases", sa.JSON(), nullable=False, server_default="{}")
        )


def downgrade():
    with op.batch_alter_table("events") as batch_op:
        batch_op.drop_column("topic_aliases")
