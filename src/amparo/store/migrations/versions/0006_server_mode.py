"""Server mode: the organisation key, accounts, sessions, per-case access, evidence bytes.

Created on both backends (one chain of migrations); an embedded vault leaves them empty.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
# The revision this one follows: one line to change when migrations are re-chained.
down_revision = "0005"
branch_labels = None
depends_on = None


def _instant(name: str) -> sa.Column:
    return sa.Column(name, sa.String(27), nullable=False)


def upgrade() -> None:
    op.create_table(
        "server_keys",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("kdf_json", sa.Text, nullable=False),
        sa.Column("salt", sa.LargeBinary, nullable=False),
        sa.Column("check_value", sa.LargeBinary, nullable=False),
        sa.Column("wrapped_key", sa.LargeBinary, nullable=False),
        _instant("created_at"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("totp_secret", sa.LargeBinary, nullable=True),
        sa.Column("totp_last_step", sa.BigInteger, nullable=True),
        sa.Column("disabled", sa.Boolean, nullable=False),
        _instant("created_at"),
        sa.UniqueConstraint("email", name="uq_users_email"),
    )
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(16), sa.ForeignKey("users.id"), nullable=False),
        _instant("created_at"),
        _instant("expires_at"),
        sa.Column("revoked", sa.Boolean, nullable=False),
    )
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"])
    op.create_table(
        "case_access",
        sa.Column("case_id", sa.String(16), sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("user_id", sa.String(16), sa.ForeignKey("users.id"), primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        _instant("granted_at"),
    )
    op.create_index("ix_case_access_user_id", "case_access", ["user_id"])
    op.create_table(
        "blob_data",
        sa.Column("blob_id", sa.String(80), primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    for table in ("blob_data", "case_access", "sessions", "users", "server_keys"):
        op.drop_table(table)
