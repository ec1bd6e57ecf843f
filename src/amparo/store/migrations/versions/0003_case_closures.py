"""Case closures: the one status a person sets by hand (with its outcome).

Every other status (open, awaiting response, follow-up due) is derived from actions,
responses and deadlines; only the decision to close a case, and why, is recorded.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_closures",
        sa.Column("case_id", sa.String(16), sa.ForeignKey("cases.id"), primary_key=True, nullable=False),
        sa.Column("outcome", sa.String(40), nullable=False),
        sa.Column("closed_on", sa.Date, nullable=False),
        sa.Column("closed_at", sa.String(27), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("case_closures")
