"""Actions to a mandate that ended: the history stays true, a new one goes to the successor.

The Council merged the mandates on slavery and on trafficking at its 60th session
(October 2025; UN Geneva's HRC60 closing summary, knowledge/data/special-procedures.yaml).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from amparo.model import InvalidInput
from amparo.service import populate_demo

NOW = datetime(2026, 11, 28, 12, tzinfo=UTC)


@pytest.fixture
def ws(make_workspace):
    workspace = make_workspace(lambda: NOW)
    populate_demo(workspace)
    return workspace


def test_an_action_sent_before_the_merger_keeps_the_old_mandate(ws):
    case_id = ws.cases.list()[0].id
    ws.followup.record_action(case_id, avenue="sp:trafficking", sent_on=date(2025, 3, 1), channel="email",
                              action="allegation-letter", beyond_consent=True)
    assert any(a.avenue == "sp:trafficking" for a in ws.store.followup.list_actions(case_id))


def test_an_action_sent_after_it_ended_is_refused_with_the_successor(ws):
    case_id = ws.cases.list()[0].id
    with pytest.raises(InvalidInput, match=r"ended .*record it to sp:slavery-and-trafficking instead"):
        ws.followup.record_action(case_id, avenue="sp:trafficking", sent_on=date(2026, 3, 1), channel="email",
                                  action="allegation-letter", beyond_consent=True)


def test_a_post_that_never_started_is_refused(ws):
    case_id = ws.cases.list()[0].id
    with pytest.raises(InvalidInput, match="sp:country-sy is not-started"):
        ws.followup.record_action(case_id, avenue="sp:country-sy", sent_on=date(2026, 3, 1), channel="email",
                                  action="allegation-letter", beyond_consent=True)
