"""Case closures: whether a case was closed, when, and with what outcome."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa

from amparo.model.errors import InvalidInput, Problem
from amparo.store.records import Repository, case_event, require_case
from amparo.store.schema import case_closures


class ClosureRepository(Repository):
    """Close and reopen cases; the outcome vocabulary is checked by the caller (tracking)."""

    def close(self, case_id: str, outcome: str, closed_on: date, *, now: datetime | None = None) -> None:
        """Close a case; closing a closed case again is refused (reopen it first)."""
        at = self._store.now(now)
        with self._unit() as conn:
            require_case(conn, case_id)
            if conn.execute(sa.select(case_closures.c.case_id)
                            .where(case_closures.c.case_id == case_id)).first() is not None:
                raise InvalidInput(Problem("case", f"case {case_id} is already closed"))
            conn.execute(case_closures.insert().values(case_id=case_id, outcome=outcome,
                                                       closed_on=closed_on, closed_at=at))
            case_event(conn, case_id, "closed", at)
            self._store.audit.append(conn, [("case.close", "case", case_id)], at)

    def reopen(self, case_id: str, *, now: datetime | None = None) -> None:
        """Reopen a closed case (refused when it is not closed)."""
        at = self._store.now(now)
        with self._unit() as conn:
            require_case(conn, case_id)
            gone = conn.execute(case_closures.delete().where(case_closures.c.case_id == case_id))
            if gone.rowcount == 0:
                raise InvalidInput(Problem("case", f"case {case_id} is not closed"))
            case_event(conn, case_id, "reopened", at)
            self._store.audit.append(conn, [("case.reopen", "case", case_id)], at)

    def get(self, case_id: str) -> tuple[str, date] | None:
        """(outcome, closed_on) when the case is closed, else None."""
        with self._reads() as conn:
            row = conn.execute(sa.select(case_closures.c.outcome, case_closures.c.closed_on)
                               .where(case_closures.c.case_id == case_id)).first()
        return (row.outcome, row.closed_on) if row else None

    def all(self) -> dict[str, tuple[str, date]]:
        """Every closed case: id → (outcome, closed_on)."""
        with self._reads() as conn:
            rows = conn.execute(sa.select(case_closures)
                                .where(self._visible(case_closures.c.case_id))).all()
        return {r.case_id: (r.outcome, r.closed_on) for r in rows}
