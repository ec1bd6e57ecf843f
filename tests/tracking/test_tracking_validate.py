"""Bad actions and responses: a clear message with a path, nothing written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from tracking_demo import BI, CN, DEMO_TODAY

from amparo.model.errors import InvalidInput
from amparo.model.followup import Response
from amparo.tracking.rules import load_rules
from amparo.tracking.validate import (
    is_sp_communication,
    is_un_symbol,
    validate_action,
    validate_response,
)

KNOWN = set(load_rules().avenue_names)


@pytest.mark.parametrize("ref", [
    "UA CHN 13/2016", "AL BHR 2/2012", "JUA IRN 5/2021", "JAL BDI 1/2017", "OL OTH 3/2020",
    "JOL HND 12/2019", "UA CHN 9/2026",
])
def test_good_communication_references(ref):
    assert is_sp_communication(ref)


@pytest.mark.parametrize("ref", [
    "UA China 13/2016", "UA CN 13/2016", "UA CHN 13-2016", "UA CHN 13/16", "ua chn 13/2016",
    "XA CHN 13/2016", "UA XXX 1/2020", "UA CHN 0/2016", "UA  CHN 13/2016", "UA CHN 13/2016 ",
])
def test_bad_communication_references(ref):
    assert not is_sp_communication(ref)


@pytest.mark.parametrize("symbol", [
    "A/HRC/36/31", "CAT/C/BDI/CO/2", "A/HRC/RES/12/2", "A/HRC/24/29/Corr.1", "HRI/MC/2015/6",
    "E/CN.4/2006/30", "CCPR/C/BDI/CO/2",
])
def test_good_document_symbols(symbol):
    assert is_un_symbol(symbol)


@pytest.mark.parametrize("symbol", [
    "A/HRC 36 31", "HRC/36/31", "A/", "A//HRC/36", "a/hrc/36/31", "A/HRC/36/31 para 5",
    "CAT/C/BDI/CO", "A/HRC/thirty",
])
def test_bad_document_symbols(symbol):
    assert not is_un_symbol(symbol)


def paths(exc_info):
    return {p.path: p.message for p in exc_info.value.problems}


def test_demo_action_passes_and_bad_ones_name_their_fields(demo):
    d = demo[CN]
    case = replace(d.case, id=d.id)
    action = d.record.actions[0]
    validate_action(action, case, KNOWN, today=DEMO_TODAY)
    bad = replace(action, case_id="other-case", avenue="sp:extreme-povrty", channel="pigeon",
                  sent_on=date(2026, 12, 1), consent_snapshot=(("p9", "state"),))
    with pytest.raises(InvalidInput) as err:
        validate_action(bad, case, KNOWN, today=DEMO_TODAY)
    found = paths(err)
    assert set(found) == {"case_id", "avenue", "channel", "sent_on", "consent_snapshot[0]"}
    assert "did you mean sp:extreme-poverty" in found["avenue"]
    assert "in the future" in found["sent_on"]


def response(**kw):
    base = dict(id="r-new", case_id=BI, kind="state-reply", received_on=date(2026, 11, 1),
                from_avenue="sg:senior-official", action_id="bi-a3")
    base.update(kw)
    return Response(**base)


def all_actions(demo):
    return [a for d in demo.values() for a in d.record.actions]


def check(demo, r):
    with pytest.raises(InvalidInput) as err:
        validate_response(r, BI, all_actions(demo), known_avenues=KNOWN, today=DEMO_TODAY)
    return paths(err)


def test_a_good_response_passes(demo):
    validate_response(response(), BI, all_actions(demo), known_avenues=KNOWN, today=DEMO_TODAY)


def test_response_to_an_action_of_another_case(demo):
    found = check(demo, response(action_id="cn-a1"))
    assert found == {"action_id": "action cn-a1 belongs to another case"}
    assert "no action zz-a1" in check(demo, response(action_id="zz-a1"))["action_id"]


def test_response_dated_before_the_action_it_answers(demo):
    found = check(demo, response(received_on=date(2026, 8, 31)))
    assert "before action bi-a3 was sent (2026-09-01)" in found["received_on"]


def test_response_in_the_future(demo):
    assert "in the future" in check(demo, response(received_on=date(2026, 11, 29)))["received_on"]


def test_unknown_avenue_and_kind_with_suggestions(demo):
    found = check(demo, response(from_avenue="sg:senior-oficial", kind="acknowledgement"))
    assert "did you mean sg:senior-official" in found["from_avenue"]
    assert "did you mean acknowledgment" in found["kind"]


@pytest.mark.parametrize(("kw", "needs"), [
    ({"kind": "communication-to-state", "from_avenue": "sp:human-rights-defenders",
      "action_id": None, "reference": "A/HRC/36/31"}, "Special Procedures communication"),
    ({"kind": "communication-to-state", "reference": "UA Burundi 3/2026"},
     "Special Procedures communication"),
    ({"kind": "annual-report-inclusion", "from_avenue": "sg:report", "action_id": "bi-a2",
      "reference": "report of 2027"}, "UN document symbol"),
    ({"kind": "concluding-observations", "from_avenue": "tb:CAT", "action_id": "bi-a1",
      "reference": "CAT/C/BDI/CO/3 para. 12"}, "UN document symbol"),
    ({"reference": "line one\nline two"}, "short reference"),
    ({"kind": "state-reply", "reference": "HRC/55/12"}, "UN document symbol"),
])
def test_reference_in_the_wrong_shape(demo, kw, needs):
    found = check(demo, response(**kw))
    assert needs in found["reference"]
    # The faulty text is not echoed back: it may be something typed in the wrong field.
    assert kw["reference"] not in found["reference"]


@pytest.mark.parametrize(("kw"), [
    {"kind": "communication-to-state", "from_avenue": "sp:human-rights-defenders",
     "action_id": None, "reference": "AL BDI 4/2026"},
    {"kind": "annual-report-inclusion", "from_avenue": "sg:report", "action_id": "bi-a2",
     "reference": "A/HRC/66/40", "paragraph": "34"},
    {"kind": "acknowledgment", "reference": "HRC/2026/123"},  # a letter's number with its year
    {"kind": "communication-to-state", "from_avenue": "tb:CAT", "action_id": "bi-a1",
     "reference": "G/SO 229/31 BDI"},
])
def test_references_in_the_right_shape(demo, kw):
    validate_response(response(**kw), BI, all_actions(demo), known_avenues=KNOWN,
                      today=DEMO_TODAY)


def test_every_problem_is_reported_at_once(demo):
    found = check(demo, response(case_id=CN, kind="thanks", received_on=date(2027, 1, 1),
                                 from_avenue="nowhere"))
    assert {"case_id", "kind", "received_on", "from_avenue"} <= set(found)
