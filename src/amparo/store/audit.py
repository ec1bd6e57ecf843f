"""The audit log: an append-only, hash-chained record of every change, by id and verb.

Each entry's hash is SHA-256 over the canonical JSON of (seq, at, actor, verb,
object_type, object_id, prev_hash), and ``prev_hash`` is the hash of the entry before it
(64 zeros for the first). Editing, removing or reordering entries breaks the chain, and
``verify`` names the first entry where it breaks.

Removing the *last* entries leaves a shorter chain that is still valid in itself. So the
count and hash of the last entry are also kept in ``audit_head``, written in the same
transaction as each entry. That catches a truncated log, or entries edited with raw
SQL that did not also rewrite the head. It does NOT stop someone who holds the key and
rewrites the whole chain and the head consistently (the hash has no secret in it, and
anyone who can write the database can recompute it). Against that, note the head
(``AuditLog.head()``, written down as ``AuditHead.text``: the count and the first 16 hex
digits of the hash) somewhere outside the database (on paper, in a backup, with another
organisation), and later prove with ``check_head`` that the chain still holds that entry
at its place: nothing up to it was rewritten, while later entries extend it. Sixteen hex
digits are 64 bits: forging a rewritten chain whose entry at that place matches them
takes about 2**64 hash computations.

Entries hold ids, verbs and times only, never names or narratives.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import Connection

from amparo.store.records import Repository
from amparo.store.schema import audit_head, audit_log, instant_text

GENESIS = "0" * 64

# Guards against a caller putting free text (a name, a narrative) into an entry.
_VERB = re.compile(r"^[a-z][a-z-]*(\.[a-z][a-z-]*)*$")
_OBJECT_TYPE = re.compile(r"^[a-z][a-z-]{0,19}$")
_OBJECT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9:/_.-]{0,79}$")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One entry of the log, as stored."""

    seq: int
    at: str
    actor: str
    verb: str
    object_type: str
    object_id: str
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class AuditReport:
    """The result of checking the chain: ``first_broken`` is the seq where it breaks."""

    ok: bool
    entries: int
    first_broken: int | None = None
    reason: str | None = None


def entry_hash(seq: int, at: str, actor: str, verb: str, object_type: str, object_id: str,
               prev_hash: str) -> str:
    """The hash that chains an entry to the one before it."""
    canonical = json.dumps([seq, at, actor, verb, object_type, object_id, prev_hash],
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


#: (verb, object_type, object_id) of one change.
Change = tuple[str, str, str]


class AuditLog(Repository):
    """Appends and checks the hash-chained audit log."""

    def record(self, verb: str, object_type: str, object_id: str, *,
               now: datetime | None = None) -> int:
        """Append one entry for an event the store does not see (unlock, export…).

        Returns its seq. ``verb`` like ``vault.unlock``; ``object_id`` an id, never a name.
        """
        with self._unit() as conn:
            return self.append(conn, [(verb, object_type, object_id)], self._store.now(now))

    def append(self, conn: Connection, changes: Sequence[Change], at: datetime) -> int:
        """Append ``changes`` inside the caller's transaction; returns the last seq."""
        for verb, object_type, object_id in changes:
            if not (_VERB.match(verb) and _OBJECT_TYPE.match(object_type)
                    and _OBJECT_ID.match(object_id)):
                raise ValueError("an audit entry takes a verb, an object type and an id only")
        # FOR UPDATE serialises writers on PostgreSQL; SQLite has a single writer anyway.
        head = conn.execute(
            sa.select(audit_head.c.seq, audit_head.c.hash)
            .where(audit_head.c.id == 1).with_for_update()
        ).one()
        seq, prev = head.seq, head.hash
        stamp = instant_text(at)
        actor = self._store.actor
        rows = []
        for verb, object_type, object_id in changes:
            seq += 1
            digest = entry_hash(seq, stamp, actor, verb, object_type, object_id, prev)
            rows.append({"seq": seq, "at": stamp, "actor": actor, "verb": verb,
                         "object_type": object_type, "object_id": object_id,
                         "prev_hash": prev, "hash": digest})
            prev = digest
        if rows:
            conn.execute(audit_log.insert(), rows)
            conn.execute(audit_head.update().where(audit_head.c.id == 1)
                         .values(seq=seq, hash=prev))
        return seq

    def entries(self, *, after: int = 0, limit: int | None = None) -> list[AuditEntry]:
        """Entries with seq greater than ``after``, oldest first."""
        query = sa.select(audit_log).where(audit_log.c.seq > after).order_by(audit_log.c.seq)
        if limit is not None:
            query = query.limit(limit)
        with self._reads() as conn:
            return [AuditEntry(**row._mapping) for row in conn.execute(query)]

    def last(self, verb: str) -> AuditEntry | None:
        """The newest entry with ``verb`` (the last backup, the last unlock…), or None."""
        query = (sa.select(audit_log).where(audit_log.c.verb == verb)
                 .order_by(audit_log.c.seq.desc()).limit(1))
        with self._reads() as conn:
            row = conn.execute(query).first()
        return None if row is None else AuditEntry(**row._mapping)

    def head(self) -> tuple[int, str]:
        """(number of entries, hash of the last one): what to note outside the vault."""
        with self._reads() as conn:
            row = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash)
                               .where(audit_head.c.id == 1)).one()
            return row.seq, row.hash

    def check_head(self, noted: AuditHead) -> HeadCheck:
        """Whether the chain still holds ``noted`` at its place (see ``check_head``)."""
        return check_head(self, noted)

    def verify(self) -> AuditReport:
        """Walk the chain from the first entry; report the first one that breaks it."""
        with self._unit() as conn:
            head = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash)
                                .where(audit_head.c.id == 1)).first()
            rows = conn.execute(sa.select(audit_log).order_by(audit_log.c.seq))
            expected, prev, count = 1, GENESIS, 0
            for row in rows:
                count += 1
                if row.seq != expected:
                    return _broken(count - 1, expected, f"entry {expected} is missing")
                if row.prev_hash != prev:
                    return _broken(count - 1, row.seq,
                                   f"entry {row.seq} does not chain to the entry before it")
                digest = entry_hash(row.seq, row.at, row.actor, row.verb, row.object_type,
                                    row.object_id, row.prev_hash)
                if digest != row.hash:
                    return _broken(count - 1, row.seq, f"entry {row.seq} was altered")
                prev, expected = row.hash, expected + 1
        last = expected - 1
        if head is None:
            return _broken(count, last + 1, "the audit head record is missing")
        if head.seq > last:
            return _broken(count, last + 1,
                           f"entries {last + 1} to {head.seq} were removed from the end")
        if head.seq < last:
            return _broken(count, head.seq + 1,
                           f"entry {head.seq + 1} was added outside Amparo")
        if head.hash != prev:
            return _broken(count, last, f"entry {last} does not match the recorded head")
        return AuditReport(ok=True, entries=count)


#: How many hex digits of the head hash are written down (64 bits: see the module docstring).
HEAD_DIGITS = 16
_HEAD_TEXT = re.compile(r"^\s*(?:(\d{1,12})\s*[-:/ ]\s*)?([0-9a-fA-F]{" + str(HEAD_DIGITS) + r",64})\s*$")


@dataclass(frozen=True, slots=True)
class AuditHead:
    """The head of the chain as it is written down: the entry count and its hash."""

    count: int
    hash: str

    @property
    def text(self) -> str:
        """``COUNT-HASH16``: short enough to copy by hand or read over the phone."""
        return f"{self.count}-{self.hash[:HEAD_DIGITS]}"

    @classmethod
    def parse(cls, value: str) -> AuditHead:
        """Read ``COUNT-HEX`` (16 to 64 hex digits), or hex digits alone (count 0: search).

        Raises ValueError with a message that says what is expected.
        """
        found = _HEAD_TEXT.match(value or "")
        if found is None:
            raise ValueError(f"expected a head as COUNT-HASH, e.g. 42-{'0' * HEAD_DIGITS} "
                             f"(at least {HEAD_DIGITS} hex digits)")
        return cls(int(found.group(1) or 0), found.group(2).lower())


@dataclass(frozen=True, slots=True)
class HeadCheck:
    """Whether the chain still holds a head noted earlier, at its place."""

    ok: bool
    head: AuditHead
    entries: int
    reason: str | None = None


def check_head(log: AuditLog, noted: AuditHead) -> HeadCheck:
    """Prove that entry ``noted.count`` still has the noted hash and that the chain is intact.

    The chain is verified as a whole first: an intact chain whose entry at that place has
    that hash holds, unchanged, every entry up to it. A head given without its count is
    looked for anywhere in the chain.
    """
    report = log.verify()
    if not report.ok:
        return HeadCheck(False, noted, report.entries,
                         f"the audit chain itself is broken at entry {report.first_broken}: {report.reason}")
    with log._unit() as conn:
        if noted.count:
            row = conn.execute(sa.select(audit_log.c.seq, audit_log.c.hash)
                               .where(audit_log.c.seq == noted.count)).first()
        else:
            row = conn.execute(sa.select(audit_log.c.seq, audit_log.c.hash)
                               .where(audit_log.c.hash.startswith(noted.hash))
                               .order_by(audit_log.c.seq).limit(1)).first()
    if row is None:
        if noted.count:
            return HeadCheck(False, noted, report.entries,
                             f"the chain has only {report.entries} entries, fewer than the {noted.count} noted: "
                             "entries were removed, or this head belongs to another vault")
        return HeadCheck(False, noted, report.entries,
                         "no entry of the chain has this hash: the chain was rewritten, "
                         "or this head belongs to another vault")
    if not row.hash.startswith(noted.hash):
        return HeadCheck(False, noted, report.entries,
                         f"entry {row.seq} does not have the noted hash: the chain up to it was rewritten, "
                         "or this head belongs to another vault")
    return HeadCheck(True, AuditHead(row.seq, row.hash), report.entries)


def _broken(entries: int, seq: int, reason: str) -> AuditReport:
    return AuditReport(ok=False, entries=entries, first_broken=seq, reason=reason)
