"""The demo workspace: four fictional cases with the follow-up they would plausibly have.

The cases are modelled on four public case stories (../shared/domain/REFERENCE.md §8) with
invented names; every one says it is fictional. The real public cases belong to the
precedents library of the knowledge base, not here.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING, Any

from amparo.model import parse_case_facts

if TYPE_CHECKING:
    from amparo.service.workspace import Workspace


def demo_case_files() -> list[tuple[str, dict[str, Any]]]:
    """(stem, facts) for each demo case, in file order."""
    folder = resources.files("amparo.service").joinpath("demo")
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name[0].isdigit() and entry.name.endswith(".json"):
            out.append((entry.name.removesuffix(".json"), json.loads(entry.read_text("utf-8"))))
    return out


def demo_followup() -> dict[str, Any]:
    """The demo's follow-up records, keyed by case file stem."""
    text = resources.files("amparo.service").joinpath("demo/followup.json").read_text("utf-8")
    return json.loads(text)


def populate_demo(ws: Workspace) -> dict[str, str]:
    """Add the demo cases and their follow-up to ``ws`` in one transaction.

    Returns the new case id for each demo file stem. Actions go through the same checks
    as a user's (known avenue, consent gate), so the demo cannot show a disclosure the
    fictional people did not agree to.
    """
    from amparo.tracking.records import parse_followup_cases

    records = parse_followup_cases(demo_followup(), source="followup.json")
    ids: dict[str, str] = {}
    with ws.store.transaction():
        for stem, facts in demo_case_files():
            case = parse_case_facts(facts, today=ws.ctx.today(), source=f"{stem}.json")
            case_id = ws.cases.add(case)
            ids[stem] = case_id
            record = records.get(stem)
            if record is None:
                continue
            action_ids: dict[str, str] = {}
            for a in record.actions:
                action_ids[a.id] = ws.followup.record_action(
                    case_id, avenue=a.avenue, action=a.action, sent_on=a.sent_on, channel=a.channel,
                    disclosure=a.disclosure.value, people=tuple(ref for ref, _ in a.consent_snapshot),
                    note=a.note)
            for r in record.responses:
                ws.followup.record_response(case_id, kind=r.kind, received_on=r.received_on,
                                   from_avenue=r.from_avenue,
                                   action_id=action_ids.get(r.action_id) if r.action_id else None,
                                   reference=r.reference, paragraph=r.paragraph, note=r.note)
            for e in record.events:
                ws.followup.record_event(case_id, kind=e.kind, happened_on=e.happened_on, people=e.people,
                                note=e.note)
    return ids
