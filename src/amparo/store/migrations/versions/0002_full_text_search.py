"""Full-text search: an FTS5 index on SQLite/SQLCipher, a plain text table on PostgreSQL.

The index lives inside the database, so on SQLCipher it is encrypted with everything
else (a separate search index would sit on disk in plaintext). Existing cases are
indexed here. The text extraction below is a frozen copy of the one in ``search.py`` at
the time of this revision, so that this migration keeps working as that module changes.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _body(facts: dict[str, Any], notes: list[str]) -> str:
    parts: list[Any] = [facts.get("title"), facts.get("notes")]
    for p in facts.get("people", []):
        parts += [p.get("name"), p.get("organisation"), p.get("description")]
    for e in facts.get("engagements", []):
        parts += [e.get("session"), e.get("description")]
    for x in facts.get("reprisals", []):
        parts += [x.get("description"), x.get("place"), x.get("link")]
    parts += [u.get("symbol") for u in facts.get("un_references", [])]
    parts += facts.get("steps_taken", [])
    parts += notes
    return _fold("\n".join(str(p) for p in parts if p))


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("search_rowid", sa.Integer, nullable=True))
    op.create_index("ux_cases_search_rowid", "cases", ["search_rowid"], unique=True)
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        op.execute(
            "CREATE VIRTUAL TABLE case_search USING fts5("
            "case_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
    else:
        op.create_table(
            "case_search",
            sa.Column("case_id", sa.String(16), sa.ForeignKey("cases.id"), primary_key=True),
            sa.Column("body", sa.Text, nullable=False),
        )

    notes: dict[str, list[str]] = {}
    for case_id, text in bind.execute(sa.text("SELECT case_id, text FROM notes ORDER BY created_at")):
        notes.setdefault(case_id, []).append(text)
    rows = bind.execute(sa.text("SELECT id, facts_json FROM cases ORDER BY id")).all()
    for rowid, (case_id, facts_json) in enumerate(rows, start=1):
        body = _body(json.loads(facts_json), notes.get(case_id, []))
        if sqlite:
            bind.execute(sa.text("INSERT INTO case_search(rowid, case_id, body) VALUES (:r, :c, :b)"),
                         {"r": rowid, "c": case_id, "b": body})
            bind.execute(sa.text("UPDATE cases SET search_rowid = :r WHERE id = :c"),
                         {"r": rowid, "c": case_id})
        else:
            bind.execute(sa.text("INSERT INTO case_search(case_id, body) VALUES (:c, :b)"),
                         {"c": case_id, "b": body})


def downgrade() -> None:
    op.execute("DROP TABLE case_search")
    op.drop_index("ux_cases_search_rowid", "cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("search_rowid")
