"""Knowledge-base commands (kb list|show|check) and ``amparo schema``; declared in ``declarations/kb.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from amparo.cli.output import console, print_json, text

if TYPE_CHECKING:
    from pathlib import Path


def _overrides(explicit: Path | None) -> Path | None:
    if explicit is not None:
        return explicit
    from amparo.service import vault_overrides, vault_path

    return vault_overrides(vault_path())


def list_(family: str | None, overrides: Path | None, json_out: bool) -> None:
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
        table.add_row(text(a.id), text(a.name), "yes" if a.verified else "[yellow]no[/yellow]", a.reviewed.isoformat())
    console.print(table)
    console.print(f"{len(avenues)} avenue(s)")


def show(avenue_id: str, overrides: Path | None, json_out: bool) -> None:
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
    console.print(f"[bold]{text(a.name)}[/bold]  [dim]{text(a.id)}[/dim]{flag}\n{text(a.summary, multiline=True)}\n")
    for c in a.channels:
        console.print(f"Reach it: {text(c.kind)}: {text(c.address or 'no address in the sources')}"
                      + (f"  [dim]{text(c.note)}[/dim]" if c.note else ""))
    console.print("\nWhat it can do:")
    for x in data["actions"]:
        later = f", later {x['later']}" if x["later"] else ""
        console.print(f" • {text(x['name'])} [dim]({text(x['id'])}: tells {text(x['disclosure'] + later)})[/dim]")
    console.print(f"\nSources: {text('; '.join(data['sources']))}  (reviewed {a.reviewed.isoformat()})")


def check(overrides: Path | None, json_out: bool) -> int:
    """Check the knowledge base: schema, sources present, entries not reviewed for 12 months (exit 1 if not ok)."""
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
    return 0 if report.ok else 1


def schema(name: str) -> None:
    """Print the JSON Schema of an interchange format (``name`` is checked by the parser: case-facts)."""
    from amparo.model.schema import shipped_schema

    print_json(shipped_schema())
