"""Helpers for server tests: fast key derivation, the organisation passphrase, a demo case,
and what a piece of work asks of the database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from amparo.model import Case, load_case_facts
from amparo.store import KdfParams

FAST = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
ORG_PASS = "the organisation's own passphrase"
DEMO = Path(__file__).parents[2] / "src" / "amparo" / "service" / "demo"


def demo_case(name: str = "4-coordinator-stopped-at-airport") -> Case:
    """A fictional demo case (the airport one by default)."""
    return load_case_facts(DEMO / f"{name}.json", today=date(2026, 11, 28))


@dataclass
class Counted:
    """What ``counted`` saw: the work's result, the SQL statements sent, the pool checkouts."""

    result: Any = None
    statements: list[str] = field(default_factory=list)
    checkouts: int = 0


def counted(work: Callable[[], Any]) -> Counted:
    """Run ``work`` and count what it asked of every engine: statements and pool checkouts."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.pool import Pool

    seen = Counted()

    def on_statement(conn, cursor, statement, *rest) -> None:
        seen.statements.append(statement)

    def on_checkout(dbapi_connection, record, proxy) -> None:
        seen.checkouts += 1

    event.listen(Engine, "before_cursor_execute", on_statement)
    event.listen(Pool, "checkout", on_checkout)
    try:
        seen.result = work()
    finally:
        event.remove(Engine, "before_cursor_execute", on_statement)
        event.remove(Pool, "checkout", on_checkout)
    return seen
