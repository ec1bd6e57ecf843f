"""Triage through the Workspace, or straight from a case-facts file (no vault needed)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from amparo.guidance import Plan
    from amparo.model import Case
    from amparo.service.workspace import Workspace


def plan_for_facts(path: Path, *, today=None) -> Plan:
    """Validate a case-facts file and triage it against the package knowledge base."""
    from amparo import knowledge
    from amparo.guidance import triage
    from amparo.model import load_case_facts

    today = today or datetime.now(UTC).date()
    return triage(load_case_facts(path, today=today), knowledge.load(), today=today)


class GuidanceOps:
    """Mixed into Workspace."""

    def triage_facts(self: Workspace, facts: Any, *, source: str | None = None) -> tuple[Case, Plan]:
        """Validate case facts and triage them without saving anything (the wizard, the API)."""
        from amparo.guidance import triage

        case = self.parse_facts(facts, source=source)
        return case, triage(case, self.kb, today=self.today())

    def triage(self: Workspace, case_id: str) -> Plan:
        """The plan for a stored case, with the organisation's own precedents considered."""
        from amparo.guidance import triage
        from amparo.knowledge.entries import precedent

        own = tuple(precedent(raw, "vault") for raw in self.store.precedents.list())
        return triage(self.case(case_id), self.kb, today=self.today(), own_precedents=own)
