"""Shares between organisations: the workspace's keys, the address book, bundles received.

``share_identity`` holds the workspace's age identity and Ed25519 signing key (secret:
they live in the encrypted database, never in a file); ``share_partners`` the public keys
of partner organisations; ``share_received`` the id of every bundle imported, so that a
bundle imported twice is refused.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "share_identity",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False, nullable=False),
        sa.Column("organisation", sa.String(120), nullable=False),
        sa.Column("age_identity", sa.Text, nullable=False),
        sa.Column("signing_key", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.String(27), nullable=False),
    )
    op.create_table(
        "share_partners",
        sa.Column("id", sa.String(40), primary_key=True, nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("age_recipient", sa.String(120), nullable=False),
        sa.Column("verify_key", sa.LargeBinary, nullable=False),
        sa.Column("added_at", sa.String(27), nullable=False),
        sa.UniqueConstraint("age_recipient", name="uq_share_partners_age_recipient"),
        sa.UniqueConstraint("verify_key", name="uq_share_partners_verify_key"),
    )
    op.create_table(
        "share_received",
        sa.Column("bundle_id", sa.String(40), primary_key=True, nullable=False),
        sa.Column("partner_id", sa.String(40), nullable=False),
        sa.Column("case_id", sa.String(40), nullable=False),
        sa.Column("received_at", sa.String(27), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("share_received")
    op.drop_table("share_partners")
    op.drop_table("share_identity")
