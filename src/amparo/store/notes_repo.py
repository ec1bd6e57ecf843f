"""Notes on a case: free text, kept in the vault and in the case's search entry."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from amparo.model.case import Note
from amparo.model.errors import InvalidInput, NotFound, Problem
from amparo.store.records import Repository, case_event, new_id, require_case
from amparo.store.schema import cases, notes


class NoteRepository(Repository):
    """Add, list and delete the notes of a case."""

    def add(self, case_id: str, text: str, *, author: str | None = None,
            now: datetime | None = None) -> Note:
        """Add a note to the case; returns it with its new id."""
        if not text.strip():
            raise InvalidInput(Problem("text", "a note must not be empty"))
        at = self._store.now(now)
        note = Note(id=new_id("N"), case_id=case_id, text=text, created_at=at, author=author)
        with self._unit() as conn:
            require_case(conn, case_id)
            conn.execute(notes.insert().values(id=note.id, case_id=case_id,
                                               text=self._seal(conn, case_id, "notes.text", text),
                                               author=author, created_at=at))
            # A note is a change to the case: it moves up the "most recently changed" list.
            conn.execute(cases.update().where(cases.c.id == case_id).values(updated_at=at))
            self._store.cases.reindex(conn, case_id)
            case_event(conn, case_id, "note-added", at)
            self._store.audit.append(conn, [("note.add", "note", f"{case_id}/{note.id}")], at)
        return note

    def list(self, case_id: str) -> list[Note]:
        """The case's notes, oldest first."""
        with self._reads() as conn:
            require_case(conn, case_id)
            rows = conn.execute(sa.select(notes).where(notes.c.case_id == case_id)
                                .order_by(notes.c.created_at, notes.c.id))
            return [Note(id=r.id, case_id=r.case_id, text=self._open(conn, case_id, "notes.text", r.text) or "",
                         created_at=r.created_at, author=r.author) for r in rows]

    def delete(self, note_id: str, *, now: datetime | None = None) -> None:
        """Remove a note (and its words from the case's search entry)."""
        at = self._store.now(now)
        with self._unit() as conn:
            case_id = conn.execute(sa.select(notes.c.case_id).where(notes.c.id == note_id)).scalar()
            if case_id is None:
                raise NotFound(f"note {note_id} not found")
            conn.execute(notes.delete().where(notes.c.id == note_id))
            self._store.cases.reindex(conn, case_id)
            case_event(conn, case_id, "note-deleted", at)
            self._store.audit.append(conn, [("note.delete", "note", f"{case_id}/{note_id}")], at)
