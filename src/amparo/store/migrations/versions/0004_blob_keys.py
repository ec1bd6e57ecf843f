"""Evidence blob keys move into the database, so that deleting evidence is a crypto-shred.

Until 0003 each blob file carried its own key, wrapped by the vault's evidence key: a
crash between deleting the record and the file, or a temporary file left by a killed
upload, left a file the vault key decrypts. From 0004 a blob's wrapped key is a row of
``blob_keys``, written with the evidence record and deleted with it.

This migration only creates the table. Existing (format 1) blobs are brought over at the
vault's first open after it (``blob_upkeep.convert_legacy``), because that needs the
evidence key, which a schema migration never sees: each wrapped key is copied into a row,
then overwritten in the file; the file is padded; its chunks are not re-encrypted and stay
readable in their format-1 layout.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blob_keys",
        sa.Column("blob_id", sa.String(80), primary_key=True, nullable=False),
        sa.Column("format", sa.SmallInteger, nullable=False),
        sa.Column("head", sa.LargeBinary, nullable=False),
        sa.Column("wrapped_key", sa.LargeBinary, nullable=False),
        sa.Column("sealed_size", sa.BigInteger, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("blob_keys")
