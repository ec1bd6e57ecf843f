"""Follow-up commands: action add, response add, event add, timeline, due."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

import typer

from amparo.cli.options import JsonOpt, PassFileOpt, VaultOpt, open_workspace
from amparo.cli.output import console, print_json, text

CaseArg = Annotated[str, typer.Argument(help="The case id.")]


def register(app: typer.Typer) -> None:
    """Add the follow-up commands to ``app``."""
    for name, help_text, fn in (("action", "Record what was sent to an avenue.", add_action),
                                ("response", "Record what came back.", add_response),
                                ("event", "Record a change in someone's situation.", add_event)):
        group = typer.Typer(help=help_text, no_args_is_help=True)
        group.command("add")(fn)
        app.add_typer(group, name=name)
    app.command("timeline")(timeline)
    app.command("due")(due)


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date as YYYY-MM-DD", param_hint=option) from None


def add_action(case_id: CaseArg,
               avenue: Annotated[str, typer.Option("--to", help="The avenue id, e.g. tb:CAT.")],
               channel: Annotated[str, typer.Option(help="email, online-form, secure-channel, letter, meeting, "
                                                         "in-person, phone, intermediary, other")] = "email",
               action: Annotated[str | None, typer.Option(help="The avenue action asked for, e.g. "
                                                              "urgent-appeal.")] = None,
               disclosure: Annotated[str | None, typer.Option(help="The circle it disclosed to (default: "
                                                                  "the action's widest).")] = None,
               sent_on: Annotated[str | None, typer.Option("--on", help="Date sent (default today).")] = None,
               draft_id: Annotated[str | None, typer.Option("--draft", help="The draft sent.")] = None,
               people: Annotated[list[str] | None, typer.Option(
                   "--person", help="Ref of a person it identifies (repeatable; default everyone).")] = None,
               beyond_consent: Annotated[bool, typer.Option(
                   "--beyond-consent", help="It was already sent beyond someone's consent: record it anyway.")]
               = False,
               vault: VaultOpt = None, passphrase_file: PassFileOpt = None, json_out: JsonOpt = False) -> None:
    """Record something sent to an avenue (with everyone's consent at that moment).

    Example: amparo action add C-K3VQ7M2A --to hrc:president --action raise-with-delegation --on 2026-03-01
    """
    with open_workspace(vault, passphrase_file) as ws:
        action_id = ws.followup.record_action(case_id, avenue=avenue, action=action, channel=channel,
                                     disclosure=disclosure, sent_on=_day(sent_on, "--on") or ws.ctx.today(),
                                     draft_id=draft_id, people=tuple(people) if people else None,
                                     beyond_consent=beyond_consent)
    print_json({"id": action_id}) if json_out else console.print(f"Recorded action {action_id}.")


def add_response(case_id: CaseArg,
                 kind: Annotated[str, typer.Option(help="acknowledgment, communication-to-state, "
                                                        "meeting-with-delegation, press-release, council-statement, "
                                                        "concluding-observations, annual-report-inclusion, "
                                                        "state-reply, request-for-information, interim-measures, "
                                                        "no-response, other")],
                 to_action: Annotated[str | None, typer.Option("--to-action", help="The action it answers.")]
                 = None,
                 from_avenue: Annotated[str | None, typer.Option("--from", help="The avenue it came from.")]
                 = None,
                 received_on: Annotated[str | None, typer.Option("--on", help="Date received (default today).")]
                 = None,
                 reference: Annotated[str | None, typer.Option(help="e.g. UA CHN 13/2016 or A/HRC/36/31.")]
                 = None,
                 paragraph: Annotated[str | None, typer.Option(help="Paragraph in the document.")] = None,
                 vault: VaultOpt = None, passphrase_file: PassFileOpt = None, json_out: JsonOpt = False) -> None:
    """Record what came back from an avenue or the State."""
    with open_workspace(vault, passphrase_file) as ws:
        response_id = ws.followup.record_response(case_id, kind=kind, action_id=to_action, from_avenue=from_avenue,
                                         received_on=_day(received_on, "--on") or ws.ctx.today(),
                                         reference=reference, paragraph=paragraph)
    print_json({"id": response_id}) if json_out else console.print(f"Recorded response {response_id}.")


def add_event(case_id: CaseArg,
              kind: Annotated[str, typer.Option(help="released, charged, charges-dropped, sentenced, acquitted, "
                                                     "left-country, returned, new-reprisal, relocated, other")],
              happened_on: Annotated[str | None, typer.Option("--on", help="Date (default today).")] = None,
              people: Annotated[list[str] | None, typer.Option("--person", help="Ref (repeatable).")] = None,
              vault: VaultOpt = None, passphrase_file: PassFileOpt = None, json_out: JsonOpt = False) -> None:
    """Record a change in someone's situation."""
    with open_workspace(vault, passphrase_file) as ws:
        event_id = ws.followup.record_event(case_id, kind=kind, happened_on=_day(happened_on, "--on") or ws.ctx.today(),
                                   people=tuple(people or ()))
    print_json({"id": event_id}) if json_out else console.print(f"Recorded event {event_id}.")


def timeline(case_id: CaseArg, vault: VaultOpt = None, passphrase_file: PassFileOpt = None,
             json_out: JsonOpt = False) -> None:
    """A case's engagements, reprisals, actions, responses and events in date order."""
    from rich.table import Table

    with open_workspace(vault, passphrase_file) as ws:
        entries = ws.followup.timeline(case_id)
        status = ws.followup.status(case_id)
    if json_out:
        print_json({"case": case_id, "status": status.to_json(), "timeline": [e.to_json() for e in entries]})
        return
    table = Table("date", "what", "", title=f"Case {case_id}: {status}")
    for e in entries:
        table.add_row(e.date.isoformat(), e.kind, text(e.label))
    console.print(table)


def _within(value: str | None) -> timedelta | None:
    if value is None:
        return None
    match = re.fullmatch(r"(\d+)\s*([dw]?)", value.strip())
    if not match:
        raise typer.BadParameter(f"{value!r}: use days like 14d or weeks like 2w", param_hint="--within")
    n = int(match.group(1))
    return timedelta(weeks=n) if match.group(2) == "w" else timedelta(days=n)


def due(within: Annotated[str | None, typer.Option(help="Only what falls due within this, e.g. 14d, 2w.")]
        = None,
        ics: Annotated[Path | None, typer.Option("--ics", help="Also write an iCalendar file (no names).")] = None,
        force: Annotated[bool, typer.Option("--force", help="Overwrite the .ics file.")] = False,
        vault: VaultOpt = None, passphrase_file: PassFileOpt = None, json_out: JsonOpt = False) -> None:
    """What is due or overdue across all cases, soonest first.

    Example: amparo due --within 14d --ics follow-up.ics
    """
    from rich.table import Table

    from amparo.service import check_output, write_file

    span = _within(within)
    if ics is not None:
        check_output(ics, force=force, option="--ics")
    with open_workspace(vault, passphrase_file) as ws:
        items = ws.followup.due(within=span)
        data = ws.followup.due_ics(within=span) if ics is not None else None
    if ics is not None and data is not None:
        write_file(ics, data, option="--ics")
    if json_out:
        print_json([i.to_json() for i in items])
        return
    table = Table("due", "", "case", "what")
    for i in items:
        when = f"{-i.days} days overdue" if i.overdue else ("today" if i.days == 0 else f"in {i.days} days")
        style = "red" if i.overdue else None
        table.add_row(i.deadline.due_on.isoformat(), when, i.deadline.case_id or "", text(i.deadline.title),
                      style=style)
    console.print(table)
    if ics is not None:
        console.print(f"Calendar written to {text(ics)}.")
