"""One case in the terminal: people and consent, engagements, reprisals, status, history."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from amparo.cli.output import console, text


def print_case(data: dict[str, Any], notes: list[Any], evidence: list[Any]) -> None:
    """Print the export form of a case (``Workspace.export_case``) for a person to read."""
    status = data["status"]
    label = status["status"] + (f" ({status['outcome']})" if status.get("outcome") else "")
    console.print(f"[bold]{text(data['title'])}[/bold]  [dim]{data['id']} · {data['country']} · {label}[/dim]")
    if data.get("fictional"):
        console.print("[bold]Fictional demo case.[/bold]")
    people = Table("ref", "name", "role", "where now", "consent", title="People", title_justify="left")
    for p in data["people"]:
        consent = p["consent"] if isinstance(p["consent"], str) else " + ".join(p["consent"])
        people.add_row(p["ref"], text(p["name"]), p["role"], p.get("location", "unknown"), consent)
    console.print(people)
    engagements = Table("date", "body", "what", "who", title="Cooperation with the UN", title_justify="left")
    for e in data.get("engagements", []):
        engagements.add_row(e["date"], e["body"], e["kind"], ", ".join(e["people"]))
    console.print(engagements)
    reprisals = Table("date", "what", "by", "who", "details", title="Reprisals", title_justify="left")
    for r in data.get("reprisals", []):
        reprisals.add_row(r["date"], r["type"], r.get("perpetrator", "unknown"), ", ".join(r["people"]),
                          text(r.get("description", "")))
    console.print(reprisals)
    if evidence:
        console.print(f"Evidence: {len(evidence)} file(s) (amparo evidence list {data['id']})")
    for n in notes:
        console.print(f"Note ({n.created_at:%Y-%m-%d}): {text(n.text)}")
    changes = data.get("consent_history", [])
    if changes:
        console.print("[dim]Consent history: " + "; ".join(
            f"{c['person']} {c['consent'] if isinstance(c['consent'], str) else '+'.join(c['consent'])} "
            f"(given {c['given_on'] or '?'}{', ' + c['method'] if c.get('method') else ''}; "
            f"recorded {c['changed_at'][:10]})" for c in changes) + "[/dim]")
