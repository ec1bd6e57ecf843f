"""iCalendar export of deadlines, for a calendar that others may see.

Each event carries case ids, avenue names, the kind of deadline and its rule: never a
person's name, a narrative or a note. The titles ``compute_deadlines`` writes already
follow that rule; this module adds nothing from the case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, time, timedelta

from icalendar import Calendar, Event

from amparo.model.errors import Message, Term
from amparo.model.followup import Deadline
from amparo.tracking.deadlines import deadline_key

#: How a face says a message in the user's language (``amparo.service.say``); English by default.
Say = Callable[[Message | str], str]

PRODID = "-//Amparo//follow-up//EN"
#: The kinds of deadline in words (the id stays in CATEGORIES).
_KINDS = {"follow-up": Message("follow-up"), "publication": Message("probably public"),
          "sg-report-cutoff": Message("Secretary-General's report cut-off"), "session": Message("UN session"),
          "review": Message("case review"), "consent-review": Message("consent review"),
          "consent-expired": Message("consent expired")}


def to_ics(
    deadlines: Iterable[Deadline],
    *,
    avenue_names: Mapping[str, str],
    calendar_name: str | Message = "Amparo — follow-up",
    stamp: datetime | None = None,
    say: Say = str,
) -> bytes:
    """An iCalendar file with one all-day VEVENT per deadline.

    The UID is stable per (case, rule, avenue, action) (see ``deadline_key``), so a
    re-export updates events instead of duplicating them. ``stamp`` is the DTSTAMP
    (the export time, passed in by the caller); without it each event is stamped with
    midnight UTC of its own date, which keeps the file the same for the same deadlines.
    ``say`` writes the titles and descriptions in the user's language (the deadlines'
    messages carry ids, refs, roles and dates only).
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", say(calendar_name))
    for d in sorted(deadlines, key=lambda d: (d.due_on, deadline_key(d))):
        event = Event()
        event.add("uid", f"{deadline_key(d)}@amparo")
        event.add("dtstamp", stamp or datetime.combine(d.due_on, time(0), tzinfo=UTC))
        event.add("dtstart", d.due_on)
        event.add("dtend", d.due_on + timedelta(days=1))
        event.add("summary", say(d.wording) if d.wording is not None else d.title)
        event.add("description", _description(d, avenue_names, say))
        event.add("categories", [d.kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


def _description(d: Deadline, names: Mapping[str, str], say: Say = str) -> str:
    lines = [Message("Case: {case}", case=d.case_id) if d.case_id else Message("Case: (all cases)"),
             Message("Kind: {kind}", kind=_KINDS.get(d.kind, d.kind))]
    if d.avenue:
        lines.append(Message("Avenue: {avenue} ({id})", avenue=Term("avenue", names.get(d.avenue, d.avenue)),
                             id=d.avenue))
    if d.action_id:
        lines.append(Message("Action: {action}", action=d.action_id))
    if d.person:
        lines.append(Message("Person: {ref}", ref=d.person))
    lines.append(Message("Rule: {rule}", rule=d.rule))
    if d.source:
        lines.append(Message("Source: {source}", source=d.source))
    lines.append(Message("Computed by Amparo from the case's follow-up record."))
    return "\n".join(say(line) for line in lines)

