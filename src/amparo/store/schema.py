"""The vault's tables, in SQLAlchemy Core, for SQLite/SQLCipher and PostgreSQL alike.

The full case is kept as case-facts JSON (``cases.facts_json``): it is the source of
truth, read back through ``parse_case_facts``. The side tables (people, engagements,
reprisals) copy the few fields that lists, filters and compilations need, so that those
never parse JSON. They are rewritten whenever the case is.

This module describes the *current* schema. The migrations in ``migrations/versions``
build it step by step and are frozen once released; ``tests/store/test_migrate.py``
checks that the two agree.

The full-text index is not here: it is SQLite's FTS5 on one backend and a plain table on
the other, created by migration 0002 and used only by ``search.py``.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

# Named constraints, so that later migrations (SQLite batch mode) can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)

_INSTANT_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def instant_text(moment: datetime) -> str:
    """The fixed-width UTC text form stored for instants (sorts as time does)."""
    return utc(moment).strftime(_INSTANT_FORMAT)


class Instant(sa.types.TypeDecorator[datetime]):
    """A moment in time, stored as fixed-width UTC text on every backend.

    Why text and not TIMESTAMP: SQLite has no time type, and the audit chain hashes the
    stored form, which must read back byte for byte the same on both backends.
    Values come back as timezone-aware UTC datetimes.
    """

    impl = sa.String(27)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else instant_text(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        # fromisoformat reads the stored form ("…T…Z", Python ≥ 3.11) about 20x faster
        # than strptime, which mattered in every list of cases.
        return datetime.fromisoformat(value)


def _case_fk() -> sa.ForeignKey:
    return sa.ForeignKey("cases.id")


cases = sa.Table(
    "cases", metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("country", sa.String(2), nullable=False),
    sa.Column("fictional", sa.Boolean, nullable=False),
    sa.Column("facts_json", sa.Text, nullable=False),
    sa.Column("created_at", Instant, nullable=False),
    sa.Column("updated_at", Instant, nullable=False),
    # SQLite only: the FTS5 rowid of the case's search entry (FTS5 rows have integer keys).
    # Added by migration 0002.
    sa.Column("search_rowid", sa.Integer, nullable=True),
    sa.Index("ix_cases_country", "country"),
    sa.Index("ux_cases_search_rowid", "search_rowid", unique=True),
    sa.Index("ix_cases_updated_at", "updated_at"),
    sa.Index("ix_cases_created_at", "created_at"),
)

case_people = sa.Table(
    "case_people", metadata,
    sa.Column("case_id", sa.String(16), _case_fk(), primary_key=True),
    sa.Column("ref", sa.String(32), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("role", sa.String(40), nullable=False),
    sa.Column("gender", sa.String(20), nullable=False),
    sa.Column("location", sa.String(20), nullable=False),
    # The consent in its case-facts form, as JSON text ("state" or ["un-confidential", ...]).
    sa.Column("consent", sa.Text, nullable=False),
    sa.Index("ix_case_people_role", "role"),
)

case_engagements = sa.Table(
    "case_engagements", metadata,
    sa.Column("case_id", sa.String(16), _case_fk(), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("body", sa.String(80), nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Index("ix_case_engagements_body", "body"),
    sa.Index("ix_case_engagements_date", "date"),
)

case_reprisals = sa.Table(
    "case_reprisals", metadata,
    sa.Column("case_id", sa.String(16), _case_fk(), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("type", sa.String(40), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("perpetrator", sa.String(40), nullable=False),
    sa.Index("ix_case_reprisals_type", "type"),
    sa.Index("ix_case_reprisals_date", "date"),
)

consent_history = sa.Table(
    "consent_history", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("case_id", sa.String(16), _case_fk(), nullable=False),
    sa.Column("person_ref", sa.String(32), nullable=False),
    sa.Column("consent", sa.Text, nullable=False),
    sa.Column("given_on", sa.Date, nullable=True),
    sa.Column("method", sa.String(40), nullable=True),
    sa.Column("recorded_by", sa.Text, nullable=True),
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("changed_at", Instant, nullable=False),
    sa.Index("ix_consent_history_case_id", "case_id"),
)

case_events = sa.Table(
    "case_events", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("case_id", sa.String(16), _case_fk(), nullable=False),
    sa.Column("at", Instant, nullable=False),
    sa.Column("verb", sa.String(40), nullable=False),
    sa.Index("ix_case_events_case_id", "case_id"),
)

notes = sa.Table(
    "notes", metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("case_id", sa.String(16), _case_fk(), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("author", sa.Text, nullable=True),
    sa.Column("created_at", Instant, nullable=False),
    sa.Index("ix_notes_case_id", "case_id"),
)

evidence = sa.Table(
    "evidence", metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("case_id", sa.String(16), _case_fk(), nullable=False),
    sa.Column("blob_id", sa.String(80), nullable=False, unique=True),
    sa.Column("filename", sa.Text, nullable=False),
    sa.Column("media_type", sa.String(120), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("received_at", Instant, nullable=False),
    sa.Column("added_by", sa.Text, nullable=True),
    sa.Column("description", sa.Text, nullable=True),
    sa.Column("names_people", sa.Text, nullable=False),  # JSON list of person refs
    sa.Index("ix_evidence_case_id", "case_id"),
)

actions = sa.Table(
    "actions", metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("case_id", sa.String(16), _case_fk(), nullable=False),
    sa.Column("avenue", sa.String(80), nullable=False),
    sa.Column("action", sa.String(80), nullable=True),
    sa.Column("sent_on", sa.Date, nullable=False),
    sa.Column("channel", sa.String(40), nullable=False),
    sa.Column("disclosure", sa.String(20), nullable=False),
    sa.Column("draft_id", sa.String(16), nullable=True),
    sa.Column("consent_snapshot", sa.Text, nullable=False),  # JSON [[ref, consent], ...]
    sa.Column("note", sa.Text, nullable=True),
    sa.Index("ix_actions_case_id", "case_id"),
    sa.Index("ix_actions_sent_on", "sent_on"),
)

responses = sa.Table(
    "responses", metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("case_id", sa.String(16), _case_fk(), nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("received_on", sa.Date, nullable=False),
    sa.Column("from_avenue", sa.String(80), nullable=True),
    sa.Column("action_id", sa.String(16), nullable=True),
    sa.Column("reference", sa.Text, nullable=True),
    sa.Column("paragraph", sa.Text, nullable=True),
    sa.Column("note", sa.Text, nullable=True),
    sa.Index("ix_responses_case_id", "case_id"),
    sa.Index("ix_responses_received_on", "received_on"),
)

situation_events = sa.Table(
    "situation_events", metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("case_id", sa.String(16), _case_fk(), nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("happened_on", sa.Date, nullable=False),
    sa.Column("people", sa.Text, nullable=False),  # JSON list of person refs
    sa.Column("note", sa.Text, nullable=True),
    sa.Index("ix_situation_events_case_id", "case_id"),
    sa.Index("ix_situation_events_happened_on", "happened_on"),
)

drafts = sa.Table(
    "drafts", metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("case_id", sa.String(16), _case_fk(), nullable=False),
    sa.Column("avenue", sa.String(80), nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("format", sa.String(8), nullable=False),
    sa.Column("circle", sa.String(20), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("filename", sa.Text, nullable=True),
    sa.Column("created_at", Instant, nullable=False),
    sa.Index("ix_drafts_case_id", "case_id"),
)

# A closed case and its outcome (migration 0003). Reopening deletes the row; the case's
# history keeps both events.
case_closures = sa.Table(
    "case_closures", metadata,
    sa.Column("case_id", sa.String(16), _case_fk(), primary_key=True),
    sa.Column("outcome", sa.String(40), nullable=False),
    sa.Column("closed_on", sa.Date, nullable=False),
    sa.Column("closed_at", Instant, nullable=False),
)

# The key of each evidence blob (migration 0004): its own random AES-256 key wrapped by the
# vault's evidence key, the blob's 17-byte head and where its ciphertext ends (the rest of
# the file is padding). Written in the evidence record's transaction; deleting the row
# shreds the blob. See blob_keys.py for why here and not in the files.
blob_keys = sa.Table(
    "blob_keys", metadata,
    sa.Column("blob_id", sa.String(80), primary_key=True),
    sa.Column("format", sa.SmallInteger, nullable=False),
    sa.Column("head", sa.LargeBinary, nullable=False),
    sa.Column("wrapped_key", sa.LargeBinary, nullable=False),
    sa.Column("sealed_size", sa.BigInteger, nullable=False),
)

user_precedents = sa.Table(
    "user_precedents", metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("precedent_json", sa.Text, nullable=False),
    sa.Column("created_at", Instant, nullable=False),
)

# The writer's profile (migration 0005): one row, a WriterProfile as JSON. It names the
# organisation writing and its contact person, never a person in a case.
writer_profile = sa.Table(
    "writer_profile", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("profile_json", sa.Text, nullable=False),
    sa.Column("updated_at", Instant, nullable=False),
)

audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("at", sa.String(27), nullable=False),
    sa.Column("actor", sa.String(120), nullable=False),
    sa.Column("verb", sa.String(40), nullable=False),
    sa.Column("object_type", sa.String(20), nullable=False),
    sa.Column("object_id", sa.String(80), nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)

# One row (id = 1): the number of audit entries and the hash of the last one, written in
# the same transaction as each entry. See audit.py for what this does and does not catch.
audit_head = sa.Table(
    "audit_head", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)

#: Tables holding a case's own rows, children first: the order ``delete`` follows.
CASE_CHILD_TABLES: tuple[sa.Table, ...] = (
    case_people, case_engagements, case_reprisals, consent_history, case_events, notes,
    evidence, actions, responses, situation_events, drafts, case_closures,
)


# Shares between organisations (migration 0007). The workspace's own keys: an age identity
# (to receive) and an Ed25519 key (to sign), one row (id = 1), in the encrypted database.
share_identity = sa.Table(
    "share_identity", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("organisation", sa.String(120), nullable=False),
    sa.Column("age_identity", sa.Text, nullable=False),
    sa.Column("signing_key", sa.LargeBinary, nullable=False),
    sa.Column("created_at", Instant, nullable=False),
)

# The address book: partner organisations, each with the public keys its identity line gave.
share_partners = sa.Table(
    "share_partners", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("age_recipient", sa.String(120), nullable=False, unique=True),
    sa.Column("verify_key", sa.LargeBinary, nullable=False, unique=True),
    sa.Column("added_at", Instant, nullable=False),
)

# Every bundle imported, by its id: a bundle imported twice (a replay) is refused.
share_received = sa.Table(
    "share_received", metadata,
    sa.Column("bundle_id", sa.String(40), primary_key=True),
    sa.Column("partner_id", sa.String(40), nullable=False),
    sa.Column("case_id", sa.String(40), nullable=False),
    sa.Column("received_at", Instant, nullable=False),
)
