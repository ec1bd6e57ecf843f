"""``amparo triage``: every avenue that fits a case, and what each step would disclose."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from amparo.cli.options import JsonOpt, PassFileOpt, VaultOpt, folder_context, open_workspace
from amparo.cli.output import print_json


def register(app: typer.Typer) -> None:
    """Add the triage command to ``app``."""
    app.command("triage")(triage)


def triage(case_id: Annotated[str | None, typer.Argument(help="A case id in the vault.")] = None,
           facts: Annotated[Path | None, typer.Option(
               "--facts", help="A case-facts JSON file instead of a case id (no vault needed; the vault "
               "folder's own knowledge-base entries are used when it has any).")] = None,
           vault: VaultOpt = None, passphrase_file: PassFileOpt = None, json_out: JsonOpt = False) -> None:
    """Show every avenue that fits the case, ranked, with what each step would disclose.

    Example: amparo triage --facts case.json --json
    """
    from amparo.cli.plan_view import print_plan

    if (case_id is None) == (facts is None):
        raise typer.BadParameter("give a case id or --facts FILE (one of them)")
    if facts is not None:
        from amparo.service import plan_case, read_facts

        ctx = folder_context(vault)
        plan = plan_case(ctx, read_facts(ctx, facts))
    else:
        with open_workspace(vault, passphrase_file) as ws:
            plan = ws.plans.for_case(case_id)
    data = plan.to_json()
    if json_out:
        print_json(data)
    else:
        print_plan(data)
