"""``amparo demo`` (a vault with four fictional cases) and ``amparo tour`` (a walk through it)."""

from __future__ import annotations

from typing import Annotated

import typer

from amparo.cli.options import JsonOpt, PassFileOpt, VaultOpt, get_passphrase, open_workspace
from amparo.cli.output import console, print_json, text


def register(app: typer.Typer) -> None:
    """Add the demo commands to ``app``."""
    app.command("demo")(demo)
    app.command("tour")(tour)


def demo(vault: VaultOpt = None, passphrase_file: PassFileOpt = None, json_out: JsonOpt = False) -> None:
    """Create a demo vault holding four fictional cases with their follow-up.

    Example: amparo demo --vault /tmp/amparo-demo
    """
    from amparo.service import Workspace, populate_demo, vault_path

    path = vault_path(vault)
    passphrase = get_passphrase(passphrase_file, confirm=True, prompt="Passphrase for the demo vault")
    ws = Workspace.create(path, passphrase)
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
        console.print(f"  {case_id}  {stem}")


def _step(n: int, title: str, command: str) -> None:
    console.rule(f"[bold]{n}. {title}[/bold]")
    console.print(f"[dim]$ {command}[/dim]\n")


def tour(vault: VaultOpt = None, passphrase_file: PassFileOpt = None,
         pause: Annotated[bool, typer.Option(help="Wait for Enter between steps.")] = False) -> None:
    """A guided tour of the demo workspace: cases, a triage plan, a redacted draft, what is due."""
    from amparo.cli.plan_view import print_plan

    def wait() -> None:
        if pause:
            typer.prompt("Press Enter to continue", default="", show_default=False)

    with open_workspace(vault, passphrase_file) as ws:
        cases = ws.cases.list()
        airport = next((c for c in cases if c.country == "HN"), cases[0] if cases else None)
        _step(1, "The cases in this vault", "amparo case list")
        statuses = ws.followup.statuses([c.id for c in cases])
        for c in cases:
            console.print(f"  {c.id}  {c.country}  {statuses[c.id]!s:<20} {text(c.title)}")
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
            console.print(draft.data.decode("utf-8"), markup=False, highlight=False)
        except Exception as exc:  # a refusal by the consent gate is part of the tour
            console.print(f"[yellow]{text(exc)}[/yellow]")
        wait()
        _step(4, "What is due across all cases", "amparo due")
        for item in ws.followup.due()[:10]:
            flag = "[red]overdue[/red]" if item.overdue else f"in {item.days} days"
            console.print(f"  {item.deadline.due_on}  {flag:<20} {item.deadline.case_id}  {text(item.deadline.title)}")
    console.rule()
    console.print("That is Amparo. Every command has --help; every command that prints data has --json.")
