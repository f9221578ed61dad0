"""conversations: pseudonymous id, role, hour-bucketed activity

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column("id", sa.String(length=64), primary_key=True),
        sa.Column("role", sa.String(length=32), nullable=True),
        sa.Column("started_hour", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_active_hour", sa.DateTime(timezone=True), nullable=False),
        sa.Column("turns", sa.Integer(), nullable=False),
    )
    op.create_index("ix_conversations_started_hour", "conversations", ["started_hour"])


def downgrade() -> None:
    op.drop_index("ix_conversations_started_hour", table_name="conversations")
    op.drop_table("conversations")
