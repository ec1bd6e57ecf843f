"""Server mode's per-session transient items: drafts kept for download, wizard answers,
a refused form's typed text.

In the database (not a process's memory) so that several application processes share
nothing but the database: a draft rendered by one downloads from another. The embedded
vault keeps these in its one process's memory and leaves the table empty.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "session_items",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), sa.ForeignKey("sessions.token_hash", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("item_key", sa.String(200), nullable=False),
        sa.Column("case_id", sa.String(16), nullable=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("expires_at", sa.String(27), nullable=False),
        sa.UniqueConstraint("token_hash", "kind", "item_key", name="uq_session_items_item"),
    )
    op.create_index("ix_session_items_expires_at", "session_items", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_session_items_expires_at", table_name="session_items")
    op.drop_table("session_items")
