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


def triage(case_id: str | None, facts: Path | None, vault: VaultAccess, json_out: bool,
           lang: str | None = None) -> None:
    """Show every avenue that fits the case (a stored one, or a case-facts file), ranked, in
    ``lang`` (default: the profile's language of correspondence when the vault is open, else English)."""
    from amparo.cli.plan_view import print_plan
    from amparo.service import labels_for

    if facts is not None:
        from amparo.service import plan_case, read_facts

        ctx = folder_context(vault)
        case = read_facts(ctx, facts)
        plan = plan_case(ctx, case)
        labels = labels_for(ctx, lang or "en")
    else:
        with open_workspace(vault) as ws:
            case, plan = ws.plans.case_and_plan(case_id)
            ctx = ws.ctx
            labels = labels_for(ctx, lang or ws.profile.get().language or "en")
    if json_out:
        print_json(plan.to_json())
    else:
        # The user's own terminal: people by the names they typed, with their role.
        print_plan(plan, {p.ref: f"{p.name} ({p.ref})" for p in case.people}, labels)
