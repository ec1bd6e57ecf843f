"""Helpers for server tests: fast key derivation, the organisation passphrase, a demo case."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from amparo.model import Case, load_case_facts
from amparo.store import KdfParams

FAST = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
ORG_PASS = "the organisation's own passphrase"
DEMO = Path(__file__).parents[2] / "src" / "amparo" / "service" / "demo"


def demo_case(name: str = "4-coordinator-stopped-at-airport") -> Case:
    """A fictional demo case (the airport one by default)."""
    return load_case_facts(DEMO / f"{name}.json", today=date(2026, 11, 28))
