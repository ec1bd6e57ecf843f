"""The writer's profile: one row, the organisation and contact person that sign the letters.

Kept as JSON (``model.profile.WriterProfile``) so that a field added later needs no
migration; one row only (``id`` = 1), as the vault has one writer.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "writer_profile",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False, nullable=False),
        sa.Column("profile_json", sa.Text, nullable=False),
        sa.Column("updated_at", sa.String(27), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("writer_profile")
