"""``amparo demo`` (a vault with four fictional cases) and ``amparo tour`` (a walk through it);
declared in ``declarations/demo.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from amparo.cli.output import console, print_json, text
from amparo.cli.vault_access import open_workspace

if TYPE_CHECKING:
    from amparo.cli.vault_access import VaultAccess


def demo(vault: VaultAccess, json_out: bool) -> None:
    """Create a demo vault holding four fictional cases with their follow-up."""
    from amparo.service import Workspace, populate_demo

    path = vault.folder
    ws = Workspace.create(path, vault.take_passphrase())
    try:
        ids = populate_demo(ws)
    except BaseException:
        # A half-filled demo vault would block the next attempt with "vault exists".
        ws.lock()
        Workspace.destroy(path)
        raise
    ws.lock()
    if json_out:
        print_json({"vault": str(path), "cases": ids})
        return
    console.print(f"Demo vault created at {text(path)} with {len(ids)} fictional cases:")
    for stem, case_id in ids.items():
        console.print(f"  {text(case_id)}  {text(stem)}")


def _step(n: int, title: str, command: str) -> None:
    console.rule(f"[bold]{n}. {title}[/bold]")
    console.print(f"[dim]$ {text(command)}[/dim]\n")


def tour(vault: VaultAccess, pause: bool) -> None:
    """A guided tour of the demo workspace: cases, a triage plan, a redacted draft, what is due."""
    from amparo.cli.plan_view import print_plan
    from amparo.cli.prompts import ask

    def wait() -> None:
        if pause:
            ask("Press Enter to continue", default="", show_default=False)

    with open_workspace(vault) as ws:
        cases = ws.cases.list()
        airport = next((c for c in cases if c.country == "HN"), cases[0] if cases else None)
        _step(1, "The cases in this vault", "amparo case list")
        statuses = ws.followup.statuses([c.id for c in cases])
        for c in cases:
            console.print(f"  {text(c.id)}  {text(c.country)}  {text(statuses[c.id]):<20} {text(c.title)}")
        if airport is None:
            console.print("The vault is empty: create the demo with `amparo demo`.")
            return
        wait()
        _step(2, "Whom to tell, and what each step would disclose", f"amparo triage {airport.id}")
        print_plan(ws.plans.for_case(airport.id).to_json())
        wait()
        _step(3, "A draft to the Council President, names removed where consent stops short",
              f"amparo draft {airport.id} --to hrc:president --lang es")
        try:
            draft = ws.drafts.draft(airport.id, avenue="hrc:president", language="es", fmt="txt", anonymise=False)
            console.print(text(draft.data.decode("utf-8"), multiline=True))
        except Exception as exc:  # a refusal by the consent gate is part of the tour
            console.print(f"[yellow]{text(exc)}[/yellow]")
        wait()
        _step(4, "What is due across all cases", "amparo due")
        for item in ws.followup.due()[:10]:
            flag = "[red]overdue[/red]" if item.overdue else f"in {item.days} days"
            console.print(f"  {item.deadline.due_on}  {flag:<20} {text(item.deadline.case_id or '')}  "
                          f"{text(item.deadline.title)}")
    console.rule()
    console.print("That is Amparo. Every command has --help; every command that prints data has --json.")
