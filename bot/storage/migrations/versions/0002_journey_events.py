"""journey_events: completed journeys with their outcome, no content

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "journey_events",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("journey", sa.String(length=40), nullable=False),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(length=40), nullable=True),
        sa.Column("criteria", sa.String(length=200), nullable=True),
        sa.Column("skipped", sa.String(length=400), nullable=True),
        sa.Column("hour", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_journey_events_journey_hour", "journey_events", ["journey", "hour"])


def downgrade() -> None:
    op.drop_index("ix_journey_events_journey_hour", table_name="journey_events")
    op.drop_table("journey_events")
