"""attendee language: the language a person's phone speaks, for the pushes sent to them

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 15:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    # Nobody's language is known yet: their pushes speak the event's language until their
    # phone next asks in its own.
    with op.batch_alter_table("attendees") as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=True))


def downgrade():
    with op.batch_alter_table("attendees") as batch_op:
        batch_op.drop_column("language")
