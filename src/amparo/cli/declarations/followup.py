"""Declarations of the follow-up commands: action add, response add, event add, timeline, due."""

from __future__ import annotations

from amparo.cli.declare import OPENS, UNLOCK, Arg, Command, Group, day, path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (declare.py says why)
if TYPE_CHECKING:
    from argparse import Namespace
    from datetime import timedelta

CASE = Arg("case_id", metavar="CASE", help="The case id.")


def within(value: str) -> timedelta:
    """An argparse type: a span of days (14d, or 14) or weeks (2w)."""
    import re
    from argparse import ArgumentTypeError
    from datetime import timedelta

    match = re.fullmatch(r"(\d+)\s*([dw]?)", value.strip())
    if not match:
        raise ArgumentTypeError(f"{value!r}: use days like 14d or weeks like 2w")
    n = int(match.group(1))
    return timedelta(weeks=n) if match.group(2) == "w" else timedelta(days=n)


def _due(args: Namespace) -> None:
    if args.ics is not None:
        from amparo.service import check_output

        check_output(args.ics, force=args.force, option="--ics")


ACTION = Command(
    "add", "Record something sent to an avenue (with everyone's consent at that moment).",
    run="followup_commands:add_action", unlock=UNLOCK,
    args=(CASE,
          Arg("--to", dest="avenue", metavar="AVENUE", required=True, help="The avenue id, e.g. tb:CAT."),
          Arg("--channel", metavar="HOW", default="email",
              help="email, online-form, secure-channel, letter, meeting, in-person, phone, intermediary, other"),
          Arg("--action", metavar="ACTION", help="The avenue action asked for, e.g. urgent-appeal."),
          Arg("--disclosure", metavar="CIRCLE", help="The circle it disclosed to (default: the action's widest)."),
          Arg("--on", dest="sent_on", metavar="DATE", type=day, help="Date sent (default today)."),
          Arg("--draft", dest="draft_id", metavar="DRAFT", help="The draft sent."),
          Arg("--person", dest="people", action="append", metavar="REF",
              help="Ref of a person it identifies (repeatable; default everyone)."),
          Arg("--beyond-consent", action="store_true",
              help="It was already sent beyond someone's consent: record it anyway."),
          *OPENS),
    examples=("amparo action add C-K3VQ7M2A --to hrc:president --action raise-with-delegation --on 2026-03-01",))

RESPONSE = Command(
    "add", "Record what came back from an avenue or the State.", run="followup_commands:add_response",
    unlock=UNLOCK,
    args=(CASE,
          Arg("--kind", metavar="KIND", required=True,
              help="acknowledgment, communication-to-state, meeting-with-delegation, press-release, "
                   "council-statement, concluding-observations, annual-report-inclusion, state-reply, "
                   "request-for-information, interim-measures, no-response, other"),
          Arg("--to-action", metavar="ACTION", help="The action it answers."),
          Arg("--from", dest="from_avenue", metavar="AVENUE", help="The avenue it came from."),
          Arg("--on", dest="received_on", metavar="DATE", type=day, help="Date received (default today)."),
          Arg("--reference", metavar="SYMBOL", help="e.g. UA CHN 13/2016 or A/HRC/36/31."),
          Arg("--paragraph", metavar="N", help="Paragraph in the document."),
          *OPENS),
    examples=("amparo response add C-K3VQ7M2A --kind acknowledgment --to-action A-Q4ZC7N3B --on 2026-03-04",))

EVENT = Command(
    "add", "Record a change in someone's situation.", run="followup_commands:add_event", unlock=UNLOCK,
    args=(CASE,
          Arg("--kind", metavar="KIND", required=True,
              help="released, charged, charges-dropped, sentenced, acquitted, left-country, returned, "
                   "new-reprisal, relocated, other"),
          Arg("--on", dest="happened_on", metavar="DATE", type=day, help="Date (default today)."),
          Arg("--person", dest="people", action="append", metavar="REF", help="Ref (repeatable)."),
          *OPENS),
    examples=("amparo event add C-K3VQ7M2A --kind released --person p1 --on 2026-04-02",))

DECLARED = (
    Group("action", "Record what was sent to an avenue.", (ACTION,)),
    Group("response", "Record what came back.", (RESPONSE,)),
    Group("event", "Record a change in someone's situation.", (EVENT,)),
    Command("timeline", "A case's engagements, reprisals, actions, responses and events in date order.",
            run="followup_commands:timeline", args=(CASE, *OPENS), unlock=UNLOCK,
            examples=("amparo timeline C-K3VQ7M2A",)),
    Command("due", "What is due or overdue across all cases, soonest first.", run="followup_commands:due",
            prepare=_due, unlock=UNLOCK,
            details="The calendar holds case ids and avenue names only, and is created readable by you alone.",
            args=(Arg("--within", metavar="SPAN", type=within,
                      help="Only what falls due within this, e.g. 14d, 2w."),
                  Arg("--ics", metavar="FILE", type=path, help="Also write an iCalendar file (no names)."),
                  Arg("--force", action="store_true", help="Overwrite the .ics file."),
                  Arg("--lang", metavar="LANG", default="en",
                      help="Language of the titles and of the calendar: ar, zh, en, fr, ru, es."),
                  *OPENS),
            examples=("amparo due --within 14d --ics follow-up.ics",)),
)
