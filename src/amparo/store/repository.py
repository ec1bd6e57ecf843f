"""The Store: one object over an SQLAlchemy engine, with a repository per kind of record.

The same code runs on SQLite/SQLCipher (the embedded vault) and on PostgreSQL (server
mode). Every change is written with its audit entry and case-history event in the same
transaction, so the audit log can never miss a change that was committed.

Usage::

    store = Store(engine, actor="caseworker-1", blobs=vault.evidence)
    with store.transaction():          # optional: group several changes atomically
        case_id = store.cases.add(case, now=now)
        store.notes.add(case_id, "…", now=now)

``blobs`` (the vault's BlobStore) is what lets ``store.evidence`` add and delete evidence
files together with their records; without it only metadata can be written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

from amparo.model.clock import Clock, system_clock
from amparo.store import server_schema as _server_schema  # noqa: F401 - its tables join the metadata
from amparo.store.accounts import AccountRepository
from amparo.store.audit import AuditLog
from amparo.store.cases import CaseRepository
from amparo.store.closures_repo import ClosureRepository
from amparo.store.drafts_repo import DraftRepository, PrecedentRepository
from amparo.store.evidence_repo import EvidenceRepository
from amparo.store.followup_repo import FollowupRepository
from amparo.store.notes_repo import NoteRepository
from amparo.store.profile_repo import ProfileRepository
from amparo.store.read_block import block_connection
from amparo.store.schema import utc
from amparo.store.share_keys import ShareKeys
from amparo.store.stats import PeriodStats

if TYPE_CHECKING:
    from amparo.store.blob_store import BlobStore
    from amparo.store.fields import FieldCipher


class Store:
    """Repositories for cases, notes, evidence, follow-up, drafts, precedents and audit.

    ``actor`` is who the audit log says made each change (a user id, never a person in a
    case). ``clock`` gives the time of changes made without an explicit ``now`` (deletes,
    audit records); tests pass a fixed one. The schema must already be at head
    (``amparo.store.migrate.upgrade``). ``scope`` (a user id, server mode) limits every
    list, count, search and report across cases to that user's access list.
    """

    def __init__(self, engine: Engine, *, actor: str = "local",
                 clock: Clock = system_clock, blobs: BlobStore | None = None,
                 scope: str | None = None, fields: FieldCipher | None = None):
        self.engine = engine
        self.actor = actor
        #: the user whose case access list limits every query across cases (None: all cases)
        self.scope = scope
        #: seals what identifies people before it reaches the database (server mode)
        self.fields = fields
        self._clock = clock
        #: the vault's evidence files, when this store has them (the embedded vault)
        self.blobs = blobs
        # The open transaction of each thread: repository calls made inside
        # ``transaction()`` join it instead of committing on their own.
        self._local = threading.local()
        self.audit = AuditLog(self)
        self.cases = CaseRepository(self)
        self.closures = ClosureRepository(self)
        self.notes = NoteRepository(self)
        self.evidence = EvidenceRepository(self)
        self.followup = FollowupRepository(self)
        self.drafts = DraftRepository(self)
        self.precedents = PrecedentRepository(self)
        self.profile = ProfileRepository(self)
        self.stats = PeriodStats(self)
        #: accounts, sessions and case access lists (server mode)
        self.accounts = AccountRepository(self)
        self.shares = ShareKeys(self)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction for everything done inside the block.

        Commits when the block ends, rolls everything back if it raises: an import that
        fails half-way leaves the database as it was. Nested blocks join the outer one.
        """
        active: Connection | None = getattr(self._local, "connection", None)
        if active is not None:
            yield active
            return
        after: list[Callable[[], None]] = []
        with self.engine.begin() as connection:
            self._local.connection = connection
            self._local.after_commit = after
            try:
                yield connection
            finally:
                self._local.connection = None
                self._local.after_commit = None
        for action in after:
            action()

    @contextmanager
    def reads(self) -> Iterator[Connection]:
        """A connection for reads only: the open transaction of this thread when there is
        one (so a write's own rows are seen), else the read block's shared connection on a
        server (``amparo.store.read_block``), else a transaction of its own.

        Never write through it: inside a read block it commits each statement at once."""
        active: Connection | None = getattr(self._local, "connection", None)
        if active is not None:
            yield active
            return
        shared = block_connection(self.engine)
        if shared is not None:
            yield shared
            return
        with self.transaction() as connection:
            yield connection

    def after_commit(self, action: Callable[[], None]) -> None:
        """Run ``action`` once the outermost transaction has committed (never if it rolls back).

        For what must not happen before the commit is durable: removing an evidence file
        whose record a rollback would bring back. Outside a transaction it runs at once.
        """
        hooks: list[Callable[[], None]] | None = getattr(self._local, "after_commit", None)
        if hooks is None:
            action()
        else:
            hooks.append(action)

    def now(self, now: datetime | None = None) -> datetime:
        """``now`` in UTC, or the store's clock when it is None."""
        return utc(now if now is not None else self._clock())
