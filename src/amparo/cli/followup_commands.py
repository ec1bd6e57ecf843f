"""Follow-up commands: action add, response add, event add, timeline, due.

Declared in ``declarations/followup.py`` (dates and spans are parsed there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from amparo.cli.output import console, print_json, text
from amparo.cli.vault_access import open_workspace

if TYPE_CHECKING:
    from datetime import date, timedelta
    from pathlib import Path

    from amparo.cli.vault_access import VaultAccess


def add_action(case_id: str, avenue: str, channel: str, action: str | None, disclosure: str | None,
               sent_on: date | None, draft_id: str | None, people: list[str] | None, beyond_consent: bool,
               vault: VaultAccess, json_out: bool) -> None:
    """Record something sent to an avenue (with everyone's consent at that moment)."""
    with open_workspace(vault) as ws:
        action_id = ws.followup.record_action(case_id, avenue=avenue, action=action, channel=channel,
                                              disclosure=disclosure, sent_on=sent_on or ws.ctx.today(),
                                              draft_id=draft_id, people=tuple(people) if people else None,
                                              beyond_consent=beyond_consent)
    print_json({"id": action_id}) if json_out else console.print(f"Recorded action {text(action_id)}.")


def add_response(case_id: str, kind: str, to_action: str | None, from_avenue: str | None,
                 received_on: date | None, reference: str | None, paragraph: str | None, vault: VaultAccess,
                 json_out: bool) -> None:
    """Record what came back from an avenue or the State."""
    with open_workspace(vault) as ws:
        response_id = ws.followup.record_response(case_id, kind=kind, action_id=to_action, from_avenue=from_avenue,
                                                  received_on=received_on or ws.ctx.today(),
                                                  reference=reference, paragraph=paragraph)
    print_json({"id": response_id}) if json_out else console.print(f"Recorded response {text(response_id)}.")


def add_event(case_id: str, kind: str, happened_on: date | None, people: list[str] | None, vault: VaultAccess,
              json_out: bool) -> None:
    """Record a change in someone's situation."""
    with open_workspace(vault) as ws:
        event_id = ws.followup.record_event(case_id, kind=kind, happened_on=happened_on or ws.ctx.today(),
                                            people=tuple(people or ()))
    print_json({"id": event_id}) if json_out else console.print(f"Recorded event {text(event_id)}.")


def timeline(case_id: str, vault: VaultAccess, json_out: bool) -> None:
    """A case's engagements, reprisals, actions, responses and events in date order."""
    from rich.table import Table

    with open_workspace(vault) as ws:
        entries = ws.followup.timeline(case_id)
        status = ws.followup.status(case_id)
    if json_out:
        print_json({"case": case_id, "status": status.to_json(), "timeline": [e.to_json() for e in entries]})
        return
    table = Table("date", "what", "", title=f"Case {text(case_id)}: {text(status)}")
    for e in entries:
        table.add_row(e.date.isoformat(), text(e.kind), text(e.label))
    console.print(table)


def due(within: timedelta | None, ics: Path | None, force: bool, vault: VaultAccess, json_out: bool,
        lang: str = "en") -> None:
    """What is due or overdue across all cases, soonest first; ``ics`` also writes a calendar (mode 600)."""
    from rich.table import Table

    from amparo.service import deadline_title, write_file

    with open_workspace(vault) as ws:
        items = ws.followup.due(within=within)
        data = ws.followup.due_ics(within=within, language=lang) if ics is not None else None
    if ics is not None and data is not None:
        write_file(ics, data, option="--ics")
    if json_out:
        print_json([i.to_json() for i in items])
        return
    table = Table("due", "", "case", "what")
    for i in items:
        when = f"{-i.days} days overdue" if i.overdue else ("today" if i.days == 0 else f"in {i.days} days")
        style = "red" if i.overdue else None
        table.add_row(i.deadline.due_on.isoformat(), when, text(i.deadline.case_id or ""),
                      text(deadline_title(i.deadline, lang)),
                      style=style)
    console.print(table)
    if ics is not None:
        console.print(f"Calendar written to {text(ics)}.")
