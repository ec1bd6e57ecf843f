"""The triage plan in the terminal: avenues in order, what each step would disclose.

Avenue names, channels and notes may come from the vault's own knowledge-base entries:
they go through ``text()`` like case data.
"""

from __future__ import annotations

from typing import Any

from rich.panel import Panel
from rich.table import Column, Table

from amparo.cli.output import console, text

CIRCLE_WORDS = {
    "un-confidential": "the UN body only",
    "state": "the government",
    "public-anonymous": "the public, without names",
    "public-named": "the public, with names",
}


def _needs(needs: list[dict[str, Any]]) -> str:
    return text("; ".join(f"{n['person']} → {n['circle']}" for n in needs))


def print_plan(plan: dict[str, Any]) -> None:
    """Print a plan (the JSON form of ``guidance.Plan``) for a person to read."""
    if plan.get("fictional"):
        console.print("[bold]This is a fictional demo case.[/bold]")
    if plan["urgent"]:
        console.print(Panel(text(plan.get("urgent_reason") or "Someone is in immediate danger."),
                            title="URGENT: the urgent channels are listed first", style="bold red"))
    console.print(text(plan.get("order_note", "")), style="dim")
    for avenue in plan["avenues"]:
        flag = "" if avenue.get("verified", True) else "  [yellow](not fully verified)[/yellow]"
        console.print(f"\n[bold]{avenue['rank']}. {text(avenue['name'])}[/bold]  [dim]{text(avenue['id'])}[/dim]{flag}")
        for reason in avenue["why"]:
            why = reason["text"] if isinstance(reason, dict) else str(reason)
            console.print(f"   Why: {text(why)}")
        for channel in avenue.get("channels", []):
            # Without an address, the channel's note says who passes cases on.
            note = (channel.get("note") or "").split(". ")[0]
            where = channel.get("address") or (f"{note} (no address in the sources)" if note
                                               else "no address in the sources")
            console.print(f"   Reach it: {text(channel['kind'])}: {text(where)}", style="dim")
        # "leaves out p2" must stay whole on a narrow terminal: a wrapped ref reads as nonsense.
        table = Table("step", "would tell", "later", Column("allowed?", no_wrap=True), "would need", box=None,
                      padding=(0, 1), show_header=True, header_style="dim")
        for action in avenue["actions"]:
            later = ""
            if action.get("later"):
                days = action.get("later_after_days")
                later = text(CIRCLE_WORDS.get(action["later"], action["later"]) + (f" (~{days} days)" if days else ""))
            if action["allowed"] and action.get("left_out") and not action.get("identifies_nobody"):
                ok = f"[green]yes[/green], leaves out {text(', '.join(action['left_out']))}"
            elif action["allowed"]:
                ok = "[green]yes[/green]"
            else:
                ok = "[red]blocked[/red]"
            table.add_row(text(action["name"]), text(CIRCLE_WORDS.get(action["disclosure"], action["disclosure"])),
                          later, ok, _needs(action.get("needs", [])))
        console.print(table)
    if plan["risks"]:
        console.print("\n[bold]Before you act[/bold]")
        for risk in plan["risks"]:
            console.print(f" • {text(risk['message'])}  [dim]({text(risk.get('source') or '')})[/dim]")
    if plan["precedents"]:
        console.print("\n[bold]What the UN did in similar cases[/bold]")
        for p in plan["precedents"]:
            console.print(f" • {text(p.get('title') or p.get('id'))} ({text(p.get('country'))}, {text(p.get('year'))})")
    console.print("\n'leaves out pN': the step does not identify that person, whose consent does not reach "
                  "it; 'would need': the consent that would include them, from whom.", style="dim")
    console.print("\nNothing was sent. Amparo shows the options; the choice is yours.", style="dim")
