"""Server mode's sign-in throttle: wrong tries per account, and until when it is paused.

Kept in the database (not a process's memory) so that every application process refuses
the same account at once: five wrong passwords or codes in a row pause the account's
sign-in for a while, whichever process they were typed into.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signin_throttle",
        sa.Column("user_id", sa.String(16), sa.ForeignKey("users.id"), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("paused_until", sa.String(27), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("signin_throttle")
