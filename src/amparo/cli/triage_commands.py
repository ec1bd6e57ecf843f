"""``amparo triage``: every avenue that fits a case, and what each step would disclose.

Declared in ``declarations/plans.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from amparo.cli.output import print_json
from amparo.cli.vault_access import folder_context, open_workspace

if TYPE_CHECKING:
    from pathlib import Path

    from amparo.cli.vault_access import VaultAccess


def triage(case_id: str | None, facts: Path | None, vault: VaultAccess, json_out: bool) -> None:
    """Show every avenue that fits the case (a stored one, or a case-facts file), ranked."""
    from amparo.cli.plan_view import print_plan

    if facts is not None:
        from amparo.service import plan_case, read_facts

        ctx = folder_context(vault)
        plan = plan_case(ctx, read_facts(ctx, facts))
    else:
        with open_workspace(vault) as ws:
            plan = ws.plans.for_case(case_id)
    data = plan.to_json()
    if json_out:
        print_json(data)
    else:
        print_plan(data)
