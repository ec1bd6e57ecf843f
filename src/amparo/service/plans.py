"""Plans (``ws.plans``): triage of a stored case, or of facts not yet saved.

A stored case's plan is computed once per state of the vault and day (the audit head
changes with every write), so that a draft made from the plan, the plan page and the
API all read the same gate decisions instead of triaging again.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from amparo.service.cases import read_facts

if TYPE_CHECKING:
    from amparo.guidance import Plan
    from amparo.model import Case
    from amparo.service.context import Context
    from amparo.store.repository import Store

_KEPT = 64  # plans kept in memory: a caseworker moves between a handful of cases


def plan_case(ctx: Context, case: Case, *, own_precedents: tuple[Any, ...] = ()) -> Plan:
    """The plan for ``case`` with the context's knowledge base and today (no vault needed)."""
    from amparo.guidance import triage

    return triage(case, ctx.kb, today=ctx.today(), own_precedents=own_precedents)


class PlanService:
    """Triage through the workspace, with the organisation's own precedents considered."""

    def __init__(self, ctx: Context, store: Store):
        self.ctx = ctx
        self.store = store
        from amparo.service.policy import Guard

        self.guard = Guard(ctx.actor, store)
        self._plans: OrderedDict[tuple[str, Any, date], tuple[Case, Plan]] = OrderedDict()

    def for_facts(self, facts: Any, *, source: str | None = None) -> tuple[Case, Plan]:
        """Validate case facts and triage them without saving anything (the wizard, the API).

        The same facts are planned once per state of the vault and day: the wizard's plan
        page, a draft from it and the page shown again after a refused draft share it.
        Kept in memory only, like everything an unlocked vault holds.
        """
        digest = hashlib.sha256(json.dumps(facts, sort_keys=True, ensure_ascii=False, default=str)
                                .encode("utf-8", "surrogatepass")).hexdigest()
        return self._kept(("facts:" + digest, self.store.audit.head(), self.ctx.today()),
                          lambda: read_facts(self.ctx, facts, source=source))

    def for_case(self, case_id: str) -> Plan:
        """The plan for a stored case."""
        return self.case_and_plan(case_id)[1]

    def case_and_plan(self, case_id: str) -> tuple[Case, Plan]:
        """The stored case and its plan, computed once per state of the vault and day."""
        self.guard.case("case.read", case_id)
        return self._kept((case_id, self.store.audit.head(), self.ctx.today()),
                          lambda: self.store.cases.get(case_id).case)

    def _kept(self, key: tuple[str, Any, date], case_of: Callable[[], Case]) -> tuple[Case, Plan]:
        found = self._plans.get(key)
        if found is not None:
            self._plans.move_to_end(key)
            return found
        case = case_of()
        value = (case, plan_case(self.ctx, case, own_precedents=self._own_precedents()))
        self._plans[key] = value
        while len(self._plans) > _KEPT:
            self._plans.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every plan (on lock: plans hold the cases they were made from)."""
        self._plans.clear()

    def _own_precedents(self) -> tuple[Any, ...]:
        from amparo.knowledge.entries import precedent

        return tuple(precedent(raw, "vault") for raw in self.store.precedents.list())
