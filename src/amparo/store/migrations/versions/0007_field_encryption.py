"""Field encryption in server mode: case data keys, the blind index, signed shred records.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_keys",
        sa.Column("case_id", sa.String(16), primary_key=True),
        sa.Column("wrapped_key", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "case_tokens",
        sa.Column("case_id", sa.String(16), primary_key=True),
        sa.Column("token", sa.String(32), primary_key=True),
    )
    op.create_index("ix_case_tokens_token", "case_tokens", ["token"])
    op.create_table(
        "shred_records",
        sa.Column("case_id", sa.String(16), primary_key=True),
        sa.Column("shredded_at", sa.String(27), nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("audit_seq", sa.Integer, nullable=False),
        sa.Column("statement", sa.Text, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("public_key", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    for table in ("shred_records", "case_tokens", "case_keys"):
        op.drop_table(table)
