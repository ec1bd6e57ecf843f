"""Drafts made for a case, and precedents the user added to the library."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from amparo.model.consent import circle as parse_circle
from amparo.model.errors import NotFound
from amparo.store.records import Repository, case_event, dumps, new_id, require_case
from amparo.store.schema import drafts, user_precedents


@dataclass(frozen=True, slots=True)
class StoredDraft:
    """A document drafted for a case, as rendered (``text``) with its SHA-256."""

    id: str
    case_id: str
    avenue: str
    language: str
    format: str
    circle: str
    sha256: str
    text: str
    filename: str | None
    created_at: datetime


class DraftRepository(Repository):
    """Keep the drafts made for a case: what was written, for whom, at what circle."""

    def add(self, case_id: str, *, avenue: str, language: str, format: str,
            circle: str, text: str, filename: str | None = None, sha256: str | None = None,
            now: datetime | None = None) -> StoredDraft:
        """Store a draft; returns it with its id.

        ``sha256`` is that of the file the user got (the bytes sent); without it, the
        SHA-256 of the text is recorded.
        """
        at = self._store.now(now)
        draft = StoredDraft(
            id=new_id("D"), case_id=case_id, avenue=avenue, language=language, format=format,
            circle=parse_circle(circle).value,
            sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
            text=text, filename=filename, created_at=at,
        )
        with self._unit() as conn:
            require_case(conn, case_id)
            conn.execute(drafts.insert().values(**self._seal_values(conn, asdict(draft), "drafts",
                                                                    ("text", "filename"))))
            case_event(conn, case_id, "draft-made", at)
            self._store.audit.append(conn, [("draft.add", "draft", f"{case_id}/{draft.id}")], at)
        return draft

    def get(self, draft_id: str) -> StoredDraft:
        """One draft by id."""
        with self._reads() as conn:
            row = conn.execute(sa.select(drafts).where(drafts.c.id == draft_id)).first()
            if row is None:
                raise NotFound(f"draft {draft_id} not found")
            return StoredDraft(**vars(self._open_row(conn, row, "drafts", ("text", "filename")))
                               if self._store.fields else row._mapping)

    def list(self, case_id: str) -> list[StoredDraft]:
        """The drafts of a case, oldest first."""
        with self._reads() as conn:
            require_case(conn, case_id)
            rows = conn.execute(sa.select(drafts).where(drafts.c.case_id == case_id)
                                .order_by(drafts.c.created_at, drafts.c.id))
            if self._store.fields is None:
                return [StoredDraft(**row._mapping) for row in rows]
            return [StoredDraft(**vars(self._open_row(conn, row, "drafts", ("text", "filename")))) for row in rows]


class PrecedentRepository(Repository):
    """Precedents the user adds to the library (JSON documents, shape set by guidance)."""

    def add(self, precedent: Mapping[str, Any], *, now: datetime | None = None) -> str:
        """Store a precedent document; returns its new id."""
        at = self._store.now(now)
        precedent_id = new_id("UP")
        body = {k: v for k, v in precedent.items() if k != "id"}
        with self._unit() as conn:
            conn.execute(user_precedents.insert().values(
                id=precedent_id, precedent_json=dumps(body), created_at=at))
            self._store.audit.append(conn, [("precedent.add", "precedent", precedent_id)], at)
        return precedent_id

    def get(self, precedent_id: str) -> dict[str, Any]:
        """One precedent, with its ``id``."""
        with self._reads() as conn:
            text = conn.execute(sa.select(user_precedents.c.precedent_json)
                                .where(user_precedents.c.id == precedent_id)).scalar()
        if text is None:
            raise NotFound(f"precedent {precedent_id} not found")
        return {"id": precedent_id, **json.loads(text)}

    def list(self) -> list[dict[str, Any]]:
        """Every user precedent, oldest first, each with its ``id``."""
        with self._reads() as conn:
            rows = conn.execute(sa.select(user_precedents.c.id, user_precedents.c.precedent_json)
                                .order_by(user_precedents.c.created_at, user_precedents.c.id))
            return [{"id": i, **json.loads(t)} for i, t in rows]
