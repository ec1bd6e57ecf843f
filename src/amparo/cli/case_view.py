"""One case in the terminal: people and consent, engagements, reprisals, status, history.

Every value from the case goes through ``text()``: the case may have been imported from
a file someone else wrote.
"""

from __future__ import annotations

from typing import Any

from rich.table import Table

from amparo.cli.output import console, text


def _circles(consent: str | list[str], joiner: str) -> str:
    return consent if isinstance(consent, str) else joiner.join(consent)


def print_case(data: dict[str, Any], notes: list[Any], evidence: list[Any]) -> None:
    """Print the export form of a case (``ws.cases.document``) for a person to read."""
    status = data["status"]
    label = status["status"] + (f" ({status['outcome']})" if status.get("outcome") else "")
    console.print(f"[bold]{text(data['title'])}[/bold]  "
                  f"[dim]{text(data['id'])} · {text(data['country'])} · {text(label)}[/dim]")
    if data.get("fictional"):
        console.print("[bold]Fictional demo case.[/bold]")
    people = Table("ref", "name", "role", "where now", "consent", title="People", title_justify="left")
    for p in data["people"]:
        people.add_row(text(p["ref"]), text(p["name"]), text(p["role"]), text(p.get("location", "unknown")),
                       text(_circles(p["consent"], " + ")))
    console.print(people)
    engagements = Table("date", "body", "what", "who", title="Cooperation with the UN", title_justify="left")
    for e in data.get("engagements", []):
        engagements.add_row(text(e["date"]), text(e["body"]), text(e["kind"]), text(", ".join(e["people"])))
    console.print(engagements)
    reprisals = Table("date", "what", "by", "who", "details", title="Reprisals", title_justify="left")
    for r in data.get("reprisals", []):
        reprisals.add_row(text(r["date"]), text(r["type"]), text(r.get("perpetrator", "unknown")),
                          text(", ".join(r["people"])), text(r.get("description", ""), multiline=True))
    console.print(reprisals)
    if evidence:
        console.print(f"Evidence: {len(evidence)} file(s) (amparo evidence list {text(data['id'])})")
    for n in notes:
        console.print(f"Note ({n.created_at:%Y-%m-%d}): {text(n.text, multiline=True)}")
    changes = data.get("consent_history", [])
    if changes:
        console.print("[dim]Consent history: " + "; ".join(
            text(f"{c['person']} {_circles(c['consent'], '+')} "
                 f"(given {c['given_on'] or '?'}{', ' + c['method'] if c.get('method') else ''}; "
                 f"recorded {c['changed_at'][:10]})") for c in changes) + "[/dim]")
