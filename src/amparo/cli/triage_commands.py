"""``amparo triage``: every avenue that fits a case, and what each step would disclose."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from amparo.cli.options import JsonOpt, PassFileOpt, VaultOpt, open_workspace
from amparo.cli.output import print_json


def register(app: typer.Typer) -> None:
    """Add the triage command to ``app``."""
    app.command("triage")(triage)


def triage(case_id: Annotated[str | None, typer.Argument(help="A case id in the vault.")] = None,
           facts: Annotated[Path | None, typer.Option(
               "--facts", help="A case-facts JSON file instead of a case id (no vault needed).")] = None,
           vault: VaultOpt = None, passphrase_file: PassFileOpt = None, json_out: JsonOpt = False) -> None:
    """Show every avenue that fits the case, ranked, with what each step would disclose.

    Example: amparo triage --facts case.json --json
    """
    from amparo.cli.plan_view import print_plan
    from amparo.service.guidance import plan_for_facts

    if (case_id is None) == (facts is None):
        raise typer.BadParameter("give a case id or --facts FILE (one of them)")
    if facts is not None:
        plan = plan_for_facts(facts)
    else:
        with open_workspace(vault, passphrase_file) as ws:
            plan = ws.triage(case_id)
    data = plan.to_json()
    if json_out:
        print_json(data)
    else:
        print_plan(data)
