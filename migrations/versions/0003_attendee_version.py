"""attendee row version, so a worker can tell whether its view of a room is current

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 07:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("attendees") as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade():
    with op.batch_alter_table("attendees") as batch_op:
        batch_op.drop_column("version")
