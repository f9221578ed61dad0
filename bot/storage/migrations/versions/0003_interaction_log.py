"""turns and feedback: the anonymised interaction log

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "turns",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("hour", sa.DateTime(timezone=True), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=True),
        sa.Column("intent", sa.String(length=80), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("topic", sa.String(length=120), nullable=True),
        sa.Column("action", sa.String(length=80), nullable=True),
        sa.Column("journey", sa.String(length=40), nullable=True),
        sa.Column("step", sa.String(length=60), nullable=True),
        sa.Column("fallback", sa.Boolean(), nullable=False),
        sa.Column("crisis", sa.Boolean(), nullable=False),
        sa.Column("anonymised", sa.String(length=120), nullable=True),
        sa.Column("latency_ms", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
    )
    op.create_index("ix_turns_hour", "turns", ["hour"])
    op.create_index("ix_turns_conversation", "turns", ["conversation_id"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("hour", sa.DateTime(timezone=True), nullable=False),
        sa.Column("topic", sa.String(length=120), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_feedback_hour", "feedback", ["hour"])
    op.create_index("ix_conversations_last_active_hour", "conversations", ["last_active_hour"])
    op.create_index("ix_journey_events_hour", "journey_events", ["hour"])


def downgrade() -> None:
    op.drop_index("ix_journey_events_hour", table_name="journey_events")
    op.drop_index("ix_conversations_last_active_hour", table_name="conversations")
    op.drop_index("ix_feedback_hour", table_name="feedback")
    op.drop_table("feedback")
    op.drop_index("ix_turns_conversation", table_name="turns")
    op.drop_index("ix_turns_hour", table_name="turns")
    op.drop_table("turns")
