"""The four demo cases and their follow-up record, for tracking tests (import, not a test)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from amparo.model import Case, load_case_facts
from amparo.tracking.records import FollowUpRecord, parse_followup_cases

DEMO = Path(__file__).resolve().parents[2] / "src" / "amparo" / "service" / "demo"
DEMO_TODAY = date(2026, 11, 28)
CN = "1-lawyer-detained-after-visit"
BI = "2-lawyers-disbarred-after-review"
BH = "3-threats-over-upr"
HN = "4-coordinator-stopped-at-airport"


@dataclass(frozen=True)
class DemoCase:
    id: str
    case: Case
    record: FollowUpRecord


@cache
def demo_cases() -> dict[str, DemoCase]:
    """Each demo case by file stem, with its record from followup.json."""
    records = parse_followup_cases(json.loads((DEMO / "followup.json").read_text("utf-8")),
                                   source="followup.json")
    out = {}
    for path in sorted(DEMO.glob("[1-4]-*.json")):
        out[path.stem] = DemoCase(path.stem, load_case_facts(path, today=DEMO_TODAY),
                                  records.get(path.stem, FollowUpRecord()))
    return out


def people_names(case: Case) -> set[str]:
    """Every person's full name in the case, and each part of it longer than three letters."""
    names = set()
    for p in case.people:
        names.add(p.name)
        names.update(part for part in p.name.replace("-", " ").split() if len(part) > 3)
    return names
