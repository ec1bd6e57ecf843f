"""A case whose consent review date has passed can still be corrected.

Before the fix, any edit of such a case was refused ("review_on is in the past"), so a
caseworker could not even fix a typo in the title until the person was reached again.
The expired consent stays recorded as it is, and keeps blocking, until it is renewed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from amparo.model import InvalidInput
from amparo.service import populate_demo
from amparo.service.workspace import Workspace
from amparo.store import KdfParams

FAST = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
AIRPORT = "4-coordinator-stopped-at-airport"


def test_an_edit_keeps_an_expired_review_date_and_still_refuses_a_new_past_one(tmp_path: Path):
    now = [datetime(2026, 11, 28, 12, 0, tzinfo=UTC)]
    with Workspace.create(tmp_path / "vault", "a long enough passphrase", kdf=FAST, clock=lambda: now[0]) as ws:
        case_id = populate_demo(ws)[AIRPORT]
        ws.cases.set_consent(case_id, "p1", {"circles": ["un-confidential"], "review_on": "2026-12-15"},
                             method="in-person")
        now[0] = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)  # the review date has passed

        edited = ws.cases.edit(case_id, ["title=Stopped at the airport on the way to Geneva"])
        assert edited.title == "Stopped at the airport on the way to Geneva"
        stored = ws.cases.get(case_id)
        assert str(stored.person("p1").consent.review_on) == "2026-12-15"  # kept, still expired
        plan = ws.plans.for_case(case_id)
        needs = [n for a in plan.avenues for s in a.actions for n in s.needs if n.person == "p1"]
        assert needs and all(n.expired for n in needs if n.person == "p1")

        with pytest.raises(InvalidInput) as caught:
            ws.cases.edit(case_id, ['people[p1].consent={"circles": ["un-confidential"], "review_on": "2026-12-01"}'])
        assert any("in the past" in p.message for p in caught.value.problems)
        assert str(ws.cases.get(case_id).person("p1").consent.review_on) == "2026-12-15"
