"""What every repository shares: new ids, the open transaction, JSON text, row writes."""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import Connection

from amparo.model.errors import NotFound
from amparo.store.schema import case_events, cases

if TYPE_CHECKING:
    from amparo.store.repository import Store


def new_id(prefix: str) -> str:
    """A random id such as ``C-K3VQ7M2A``: 40 bits from ``secrets``, in base32.

    Random rather than sequential so that an id seen in a log or a URL says nothing
    about how many cases a workspace holds or in what order they came.
    """
    return f"{prefix}-{base64.b32encode(secrets.token_bytes(5)).decode('ascii')}"


def dumps(value: Any) -> str:
    """Compact JSON text, UTF-8 kept as is (the database, not a log, holds it)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def insert_many(conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    """``executemany`` insert; nothing for an empty list (SQLAlchemy would insert one row)."""
    if rows:
        conn.execute(table.insert(), list(rows))


def chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    """``items`` in slices small enough for one statement's bound parameters."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def require_case(conn: Connection, case_id: str) -> None:
    """Raise NotFound unless the case exists (the message holds the id only)."""
    found = conn.execute(sa.select(cases.c.id).where(cases.c.id == case_id)).first()
    if found is None:
        raise NotFound(f"case {case_id} not found")


class Repository:
    """Base of the sub-repositories: each works inside the store's current transaction."""

    def __init__(self, store: Store):
        self._store = store

    def _unit(self) -> AbstractContextManager[Connection]:
        return self._store.transaction()

    def _reads(self) -> AbstractContextManager[Connection]:
        # Reads only (see Store.reads): never a write through what this gives.
        return self._store.reads()

    def _seal(self, conn: Connection, case_id: str, column: str, value: str | None) -> str | None:
        """``value`` as stored: sealed under the case's key on a server, as is in a vault."""
        fields = self._store.fields
        return value if fields is None else fields.seal(conn, case_id, column, value)

    def _open(self, conn: Connection, case_id: str, column: str, value: str | None) -> str | None:
        """A stored value read back (``_seal`` undone)."""
        fields = self._store.fields
        return value if fields is None else fields.open(conn, case_id, column, value)

    def _seal_values(self, conn: Connection, values: dict[str, Any], table: str,
                     columns: tuple[str, ...]) -> dict[str, Any]:
        """``values`` (one row of a case's table) with ``columns`` sealed."""
        if self._store.fields is None:
            return values
        return {k: self._seal(conn, values["case_id"], f"{table}.{k}", v) if k in columns else v
                for k, v in values.items()}

    def _open_row(self, conn: Connection, row: Any, table: str, columns: tuple[str, ...]) -> Any:
        """A row of a case's table with ``columns`` opened (attribute access, as a Row)."""
        if self._store.fields is None:
            return row
        from types import SimpleNamespace

        data = dict(row._mapping)
        for column in columns:
            data[column] = self._open(conn, data["case_id"], f"{table}.{column}", data[column])
        return SimpleNamespace(**data)

    def _visible(self, column: sa.ColumnElement[Any]) -> sa.ColumnElement[bool]:
        """``column`` (a case id) limited to the cases the store's scope may see."""
        return visible(self._store.scope, column)


def visible(scope: str | None, column: sa.ColumnElement[Any]) -> sa.ColumnElement[bool]:
    """A condition keeping the case ids in ``column`` that user ``scope`` may see.

    ``None`` is no limit (the embedded vault's owner, a coordinator). Otherwise only the
    cases the user is assigned or shared (``case_access``): every list, count, search,
    report and export across cases goes through this, so none can reach other cases.
    """
    if scope is None:
        return sa.true()
    from amparo.store.server_schema import case_access

    return column.in_(sa.select(case_access.c.case_id).where(case_access.c.user_id == scope))


def case_event(conn: Connection, case_id: str, verb: str, at: datetime) -> None:
    """Add one line to the case's history (what ``case show`` lists)."""
    conn.execute(case_events.insert().values(case_id=case_id, at=at, verb=verb))
