"""a separate consent to show one's contact details to the organizer (list and exports)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 14:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    # False for everyone who joined before: nobody was asked, so nobody agreed. ("0", a
    # constant: SQLite then adds the column in place instead of copying the table.)
    with op.batch_alter_table("attendees") as batch_op:
        batch_op.add_column(
            sa.Column("share_with_organizer", sa.Boolean(), nullable=False, server_default="0")
        )


def downgrade():
    with op.batch_alter_table("attendees") as batch_op:
        batch_op.drop_column("share_with_organizer")
