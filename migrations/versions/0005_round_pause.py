"""a round's timer can be paused (the moment it was paused, while it is)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 19:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("rounds") as batch_op:
        batch_op.add_column(sa.Column("paused_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("rounds") as batch_op:
        batch_op.drop_column("paused_at")
