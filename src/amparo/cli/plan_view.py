"""The triage plan in the terminal: avenues in order, what each step would disclose.

Avenue names, channels and notes may come from the vault's own knowledge-base entries:
they go through ``text()`` like case data.
"""

from __future__ import annotations

from typing import Any

from rich.panel import Panel

from amparo.cli.output import console, text

CIRCLE_WORDS = {
    "un-confidential": "the UN body only",
    "state": "the government",
    "public-anonymous": "the public, without names",
    "public-named": "the public, with names",
}


def _who(refs: list[str], people: dict[str, str]) -> str:
    return ", ".join(people.get(r, r) for r in refs)


def _needs(needs: list[dict[str, Any]], people: dict[str, str]) -> str:
    """Who could open a step: any one of them agreeing is enough (the others are left out)."""
    wants: dict[str, list[str]] = {}
    renew: set[str] = set()
    for n in needs:
        wants.setdefault(n["person"], []).append(CIRCLE_WORDS.get(n["circle"], n["circle"]))
        if n.get("expired"):
            renew.add(n["person"])
    parts = [f"{people.get(ref, ref)} renews their consent" if ref in renew
             else f"{people.get(ref, ref)} agrees to {' and '.join(dict.fromkeys(w))}" for ref, w in wants.items()]
    return ", or ".join(parts)


def _tells(action: dict[str, Any]) -> str:
    tells = CIRCLE_WORDS.get(action["disclosure"], action["disclosure"])
    if action.get("later"):
        days = action.get("later_after_days")
        tells += f", later {CIRCLE_WORDS.get(action['later'], action['later'])}" + (f" (~{days} days)" if days else "")
    return tells


def _step(action: dict[str, Any], people: dict[str, str]) -> str:
    """One step in plain words: what it is, whom it tells, whom it names and leaves out."""
    line = f"[bold]{text(action['name'])}[/bold] [dim]({text(action['id'])})[/dim]: tells {text(_tells(action))}"
    if action.get("identifies_nobody"):
        return line + "; names no one"
    if action.get("identifies"):
        line += f"; names {text(_who(action['identifies'], people))}"
    if action.get("described"):
        line += f"; describes without a name {text(_who(action['described'], people))}"
    if action.get("left_out"):
        line += f"; leaves out {text(_who(action['left_out'], people))}"
    return line


def print_plan(plan: dict[str, Any], people: dict[str, str] | None = None) -> None:
    """Print a plan (the JSON form of ``guidance.Plan``) for a person to read.

    ``people`` maps refs to how the user knows them (their names, on the user's own
    screen); without it the refs are shown. Each avenue leads with the steps that can be
    taken now, then the blocked ones with whose consent would open them.
    """
    who = people or {}
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
        offered = [a for a in avenue["actions"] if a.get("offered", True)]
        now = [a for a in offered if a["allowed"]]
        blocked = [a for a in offered if not a["allowed"]]
        if now:
            console.print("   [green]Can be done now:[/green]")
            for action in now:
                console.print(f"    • {_step(action, who)}")
                if action.get("protects"):
                    console.print(f"      [dim]Protects: {text(action['protects'])}[/dim]")
                if action.get("limits"):
                    console.print(f"      [dim]Cannot guarantee: {text(action['limits'])}[/dim]")
        if blocked:
            console.print("   [red]Blocked[/red] [dim](whose consent would open it)[/dim]:")
            for action in blocked:
                console.print(f"    • {text(action['name'])} [dim]({text(action['id'])}): tells "
                              f"{text(_tells(action))}; opens if {text(_needs(action.get('needs', []), who))}[/dim]")
        others = len(avenue["actions"]) - len(offered)
        if others:
            console.print(f"   [dim]{others} other form(s) of these steps: amparo triage --json lists them.[/dim]")
    if plan["risks"]:
        console.print("\n[bold]Before you act[/bold]")
        for risk in plan["risks"]:
            console.print(f" • {text(risk['message'])}  [dim]({text(risk.get('source') or '')})[/dim]")
    if plan["precedents"]:
        console.print("\n[bold]What the UN did in similar cases[/bold]")
        for p in plan["precedents"]:
            console.print(f" • {text(p.get('title') or p.get('id'))} ({text(p.get('country'))}, {text(p.get('year'))})")
    console.print("\n'leaves out': the step does not identify that person, whose consent does not reach it; "
                  "'opens if': the consent that would open the step, from whom.", style="dim")
    console.print("\nNothing was sent. Amparo shows the options; the choice is yours.", style="dim")
