"""indexes for what every change in a room reads: fingerprints, due expiries, join marks, holds

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 17:40:00

"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    # Every change in a room checks the room's fingerprints (people and introductions):
    # indexes holding every column those read let the database skip the wide rows.
    op.create_index(
        "ix_attendees_room",
        "attendees",
        ["event_id", "removed_at", "forgotten_at", "id", "version"],
    )
    # A join looks for recent joins from its address and clears old marks; matching skips
    # newcomers held after a burst: few rows hold either, found without a scan.
    # (event_id first: SQLite, without statistics, otherwise takes the index on event_id
    # alone and walks the whole room.)
    op.create_index("ix_attendees_join_mark", "attendees", ["event_id", "join_mark", "joined_at"])
    op.create_index("ix_attendees_held", "attendees", ["event_id", "held_until"])
    op.create_index(
        "ix_introductions_room", "introductions", ["event_id", "id", "status", "a_id", "b_id"]
    )
    # (event_id, status) is this one's prefix: one index serves both lookups.
    op.drop_index("ix_introductions_event_status", table_name="introductions")
    op.create_index(
        "ix_introductions_event_status_due", "introductions", ["event_id", "status", "expires_at"]
    )


def downgrade():
    op.drop_index("ix_introductions_event_status_due", table_name="introductions")
    op.create_index("ix_introductions_event_status", "introductions", ["event_id", "status"])
    op.drop_index("ix_introductions_room", table_name="introductions")
    op.drop_index("ix_attendees_held", table_name="attendees")
    op.drop_index("ix_attendees_join_mark", table_name="attendees")
    op.drop_index("ix_attendees_room", table_name="attendees")
