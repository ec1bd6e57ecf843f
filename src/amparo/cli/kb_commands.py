"""Knowledge-base commands (kb list|show|check) and ``amparo schema``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from amparo.cli.options import JsonOpt
from amparo.cli.output import console, print_json, text

OverridesOpt = Annotated[Path | None, typer.Option(
    "--overrides", help="A folder of your organisation's own entries (default: the vault's knowledge/ folder).")]


def register(app: typer.Typer) -> None:
    """Add the knowledge-base commands to ``app``."""
    kb = typer.Typer(help="List, show and check the knowledge base of avenues.", no_args_is_help=True)
    kb.command("list")(list_)
    kb.command("show")(show)
    kb.command("check")(check)
    app.add_typer(kb, name="kb")
    app.command("schema")(schema)


def _overrides(explicit: Path | None) -> Path | None:
    if explicit is not None:
        return explicit
    from amparo.service import vault_overrides, vault_path

    return vault_overrides(vault_path())


def list_(family: Annotated[str | None, typer.Option(help="hrc, sp, tb, sg or rg.")] = None,
          overrides: OverridesOpt = None, json_out: JsonOpt = False) -> None:
    """List the avenues: id, name, and whether every fact is verified."""
    from rich.table import Table

    from amparo.service import knowledge_base

    kb = knowledge_base(_overrides(overrides))
    avenues = kb.family(family) if family else kb.avenues
    if json_out:
        print_json([{"id": a.id, "family": a.family, "name": a.name, "verified": a.verified,
                     "reviewed": a.reviewed, "origin": a.origin, "countries": list(a.countries)}
                    for a in avenues])
        return
    table = Table("id", "name", "verified", "reviewed")
    for a in avenues:
        table.add_row(a.id, text(a.name), "yes" if a.verified else "[yellow]no[/yellow]", a.reviewed.isoformat())
    console.print(table)
    console.print(f"{len(avenues)} avenue(s)")


def show(avenue_id: Annotated[str, typer.Argument(help="The avenue id, e.g. tb:CAT.")],
         overrides: OverridesOpt = None, json_out: JsonOpt = False) -> None:
    """Show one avenue: what it does, how to reach it, each action and what it discloses."""
    from amparo.service import knowledge_base

    a = knowledge_base(_overrides(overrides)).avenue(avenue_id)
    data = {
        "id": a.id, "family": a.family, "name": a.name, "short_name": a.short_name, "summary": a.summary,
        "triggers": list(a.triggers), "languages": list(a.languages), "countries": list(a.countries),
        "submitters": a.submitters, "follow_up_days": a.follow_up_days, "verified": a.verified,
        "reviewed": a.reviewed, "origin": a.origin, "notes": list(a.notes),
        "sources": [s.ref for s in a.sources],
        "channels": [{"kind": c.kind, "address": c.address, "note": c.note, "verified": c.verified}
                     for c in a.channels],
        "actions": [{"id": x.id, "name": x.name, "description": x.description, "disclosure": x.disclosure.value,
                     "later": x.later.value if x.later else None, "later_after_days": x.later_after_days,
                     "urgent": x.urgent, "anonymous_form": x.anonymous_form, "verified": x.verified,
                     "sources": [s.ref for s in x.sources]} for x in a.actions],
    }
    if json_out:
        print_json(data)
        return
    flag = "" if a.verified else "  [yellow](some facts not verified)[/yellow]"
    console.print(f"[bold]{text(a.name)}[/bold]  [dim]{a.id}[/dim]{flag}\n{text(a.summary)}\n")
    for c in a.channels:
        console.print(f"Reach it: {c.kind}: {text(c.address or 'no address in the sources')}"
                      + (f"  [dim]{text(c.note)}[/dim]" if c.note else ""))
    console.print("\nWhat it can do:")
    for x in data["actions"]:
        later = f", later {x['later']}" if x["later"] else ""
        console.print(f" • {text(x['name'])} [dim]({x['id']}: tells {x['disclosure']}{later})[/dim]")
    console.print(f"\nSources: {text('; '.join(data['sources']))}  (reviewed {a.reviewed.isoformat()})")


def check(overrides: OverridesOpt = None, json_out: JsonOpt = False) -> None:
    """Check the knowledge base: schema, sources present, entries not reviewed for 12 months."""
    from amparo.service import check_knowledge

    report = check_knowledge(_overrides(overrides))
    if json_out:
        print_json(report.to_json())
    else:
        for line in report.errors:
            console.print(f"[red]error[/red]: {text(line)}")
        for line in report.warnings:
            console.print(f"[yellow]warning[/yellow]: {text(line)}")
        for line in report.info:
            console.print(f"[dim]{text(line)}[/dim]")
        console.print("OK" if report.ok else "FAILED")
    if not report.ok:
        raise typer.Exit(1)


def schema(name: Annotated[str, typer.Argument(help="case-facts")] = "case-facts") -> None:
    """Print the JSON Schema of an interchange format (today: case-facts)."""
    from amparo.model.schema import shipped_schema

    if name != "case-facts":
        raise typer.BadParameter(f"{name!r}: the known schema is case-facts")
    print_json(shipped_schema())
