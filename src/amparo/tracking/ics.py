"""iCalendar export of deadlines, for a calendar that others may see.

Each event carries case ids, avenue names, the kind of deadline and its rule: never a
person's name, a narrative or a note. The titles ``compute_deadlines`` writes already
follow that rule; this module adds nothing from the case.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, time, timedelta

from icalendar import Calendar, Event

from amparo.model.followup import Deadline
from amparo.tracking.deadlines import deadline_key

PRODID = "-//Amparo//follow-up//EN"


def to_ics(
    deadlines: Iterable[Deadline],
    *,
    avenue_names: Mapping[str, str],
    calendar_name: str = "Amparo — follow-up",
    stamp: datetime | None = None,
) -> bytes:
    """An iCalendar file with one all-day VEVENT per deadline.

    The UID is stable per (case, rule, avenue, action) (see ``deadline_key``), so a
    re-export updates events instead of duplicating them. ``stamp`` is the DTSTAMP
    (the export time, passed in by the caller); without it each event is stamped with
    midnight UTC of its own date, which keeps the file the same for the same deadlines.
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", calendar_name)
    for d in sorted(deadlines, key=lambda d: (d.due_on, deadline_key(d))):
        event = Event()
        event.add("uid", f"{deadline_key(d)}@amparo")
        event.add("dtstamp", stamp or datetime.combine(d.due_on, time(0), tzinfo=UTC))
        event.add("dtstart", d.due_on)
        event.add("dtend", d.due_on + timedelta(days=1))
        event.add("summary", d.title)
        event.add("description", _description(d, avenue_names))
        event.add("categories", [d.kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


def _description(d: Deadline, names: Mapping[str, str]) -> str:
    lines = [f"Case: {d.case_id}" if d.case_id else "Case: (all cases)", f"Kind: {d.kind}"]
    if d.avenue:
        lines.append(f"Avenue: {names.get(d.avenue, d.avenue)} ({d.avenue})")
    if d.action_id:
        lines.append(f"Action: {d.action_id}")
    if d.person:
        lines.append(f"Person: {d.person}")
    lines.append(f"Rule: {d.rule}")
    if d.source:
        lines.append(f"Source: {d.source}")
    lines.append("Computed by Amparo from the case's follow-up record.")
    return "\n".join(lines)

