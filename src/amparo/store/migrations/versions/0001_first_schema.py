"""First schema: cases and their side tables, follow-up, drafts, evidence, audit chain.

Frozen: never edit a released migration; add a new one. Instants are fixed-width UTC
text (String(27)), see ``schema.Instant``.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def _id() -> sa.Column:
    return sa.Column("id", sa.String(16), primary_key=True)


def _case_id(primary_key: bool = False) -> sa.Column:
    return sa.Column("case_id", sa.String(16), sa.ForeignKey("cases.id"),
                     primary_key=primary_key, nullable=False)


def _instant(name: str) -> sa.Column:
    return sa.Column(name, sa.String(27), nullable=False)


def upgrade() -> None:
    op.create_table(
        "cases",
        _id(),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("fictional", sa.Boolean, nullable=False),
        sa.Column("facts_json", sa.Text, nullable=False),
        _instant("created_at"),
        _instant("updated_at"),
    )
    op.create_index("ix_cases_country", "cases", ["country"])
    op.create_index("ix_cases_updated_at", "cases", ["updated_at"])
    op.create_index("ix_cases_created_at", "cases", ["created_at"])

    op.create_table(
        "case_people",
        _case_id(primary_key=True),
        sa.Column("ref", sa.String(32), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("gender", sa.String(20), nullable=False),
        sa.Column("location", sa.String(20), nullable=False),
        sa.Column("consent", sa.Text, nullable=False),
    )
    op.create_index("ix_case_people_role", "case_people", ["role"])

    op.create_table(
        "case_engagements",
        _case_id(primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("body", sa.String(80), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
    )
    op.create_index("ix_case_engagements_body", "case_engagements", ["body"])
    op.create_index("ix_case_engagements_date", "case_engagements", ["date"])

    op.create_table(
        "case_reprisals",
        _case_id(primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("perpetrator", sa.String(40), nullable=False),
    )
    op.create_index("ix_case_reprisals_type", "case_reprisals", ["type"])
    op.create_index("ix_case_reprisals_date", "case_reprisals", ["date"])

    op.create_table(
        "consent_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _case_id(),
        sa.Column("person_ref", sa.String(32), nullable=False),
        sa.Column("consent", sa.Text, nullable=False),
        sa.Column("given_on", sa.Date, nullable=True),
        sa.Column("method", sa.String(40), nullable=True),
        sa.Column("recorded_by", sa.Text, nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        _instant("changed_at"),
    )
    op.create_index("ix_consent_history_case_id", "consent_history", ["case_id"])

    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _case_id(),
        _instant("at"),
        sa.Column("verb", sa.String(40), nullable=False),
    )
    op.create_index("ix_case_events_case_id", "case_events", ["case_id"])

    op.create_table(
        "notes",
        _id(),
        _case_id(),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=True),
        _instant("created_at"),
    )
    op.create_index("ix_notes_case_id", "notes", ["case_id"])

    op.create_table(
        "evidence",
        _id(),
        _case_id(),
        sa.Column("blob_id", sa.String(80), nullable=False),
        sa.Column("filename", sa.Text, nullable=False),
        sa.Column("media_type", sa.String(120), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        _instant("received_at"),
        sa.Column("added_by", sa.Text, nullable=True),
        sa.Column("description", sa.Text, nullable=True),
        sa.Column("names_people", sa.Text, nullable=False),
        sa.UniqueConstraint("blob_id", name="uq_evidence_blob_id"),
    )
    op.create_index("ix_evidence_case_id", "evidence", ["case_id"])

    op.create_table(
        "actions",
        _id(),
        _case_id(),
        sa.Column("avenue", sa.String(80), nullable=False),
        sa.Column("action", sa.String(80), nullable=True),
        sa.Column("sent_on", sa.Date, nullable=False),
        sa.Column("channel", sa.String(40), nullable=False),
        sa.Column("disclosure", sa.String(20), nullable=False),
        sa.Column("draft_id", sa.String(16), nullable=True),
        sa.Column("consent_snapshot", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=True),
    )
    op.create_index("ix_actions_case_id", "actions", ["case_id"])
    op.create_index("ix_actions_sent_on", "actions", ["sent_on"])

    op.create_table(
        "responses",
        _id(),
        _case_id(),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("from_avenue", sa.String(80), nullable=True),
        sa.Column("action_id", sa.String(16), nullable=True),
        sa.Column("reference", sa.Text, nullable=True),
        sa.Column("paragraph", sa.Text, nullable=True),
        sa.Column("note", sa.Text, nullable=True),
    )
    op.create_index("ix_responses_case_id", "responses", ["case_id"])
    op.create_index("ix_responses_received_on", "responses", ["received_on"])

    op.create_table(
        "situation_events",
        _id(),
        _case_id(),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("happened_on", sa.Date, nullable=False),
        sa.Column("people", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=True),
    )
    op.create_index("ix_situation_events_case_id", "situation_events", ["case_id"])
    op.create_index("ix_situation_events_happened_on", "situation_events", ["happened_on"])

    op.create_table(
        "drafts",
        _id(),
        _case_id(),
        sa.Column("avenue", sa.String(80), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("circle", sa.String(20), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("filename", sa.Text, nullable=True),
        _instant("created_at"),
    )
    op.create_index("ix_drafts_case_id", "drafts", ["case_id"])

    op.create_table(
        "user_precedents",
        _id(),
        sa.Column("precedent_json", sa.Text, nullable=False),
        _instant("created_at"),
    )

    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(27), nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("verb", sa.String(40), nullable=False),
        sa.Column("object_type", sa.String(20), nullable=False),
        sa.Column("object_id", sa.String(80), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": GENESIS}])


def downgrade() -> None:
    for table in (
        "audit_head", "audit_log", "user_precedents", "drafts", "situation_events",
        "responses", "actions", "evidence", "notes", "case_events", "consent_history",
        "case_reprisals", "case_engagements", "case_people", "cases",
    ):
        op.drop_table(table)
