"""Hostile case facts through import, triage, draft and export (Hypothesis): names with
bidi controls, lone surrogates, control characters, 1 MB fields, deep nesting, values of
the wrong shape. Every example ends in a success or a clear error; nothing crashes."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hostile_kit import BASE, MEGABYTE, _nested, hostile_facts, trip
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amparo.service.workspace import Workspace
from amparo.store import KdfParams

FAST = KdfParams(memory_kib=8192, time_cost=1)
FORMATS = ("txt", "md", "eml", "docx", "pdf")


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("hostile") / "vault"
    with Workspace.create(path, "hostile-passphrase-1", kdf=FAST) as w:
        yield w


@given(facts=hostile_facts(), fmt=st.sampled_from(FORMATS))
@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
def test_hostile_facts_end_in_success_or_a_clear_error(ws, tmp_path, facts, fmt):
    assert trip(ws, facts, folder=tmp_path, fmt=fmt) in ("ok", "refused")
    assert ws.cases.count() == 0  # every accepted case was deleted again: nothing half-stored


@pytest.mark.parametrize("depth", [50, 1_000, 100_000])
def test_deep_nesting_is_refused_clearly_as_a_dict_and_as_a_file(ws, tmp_path, depth):
    facts = {**BASE, "notes": _nested(depth)}
    assert trip(ws, facts, folder=tmp_path) == "refused"
    deep = "[" * depth + "]" * depth
    (tmp_path / "deep.json").write_text('{"title": ' + deep + "}")
    from amparo.model import InvalidInput

    with pytest.raises(InvalidInput):
        ws.cases.parse(tmp_path / "deep.json")


@pytest.mark.parametrize("where", ["title", "notes", "people.0.name"])
def test_a_megabyte_field_is_refused_and_a_bidi_name_is_kept_exactly(ws, tmp_path, where):
    facts = json.loads(json.dumps(BASE))
    target, *rest = where.split(".")
    if rest:
        facts[target][int(rest[0])][rest[1]] = "N" * MEGABYTE
    else:
        facts[target] = "N" * MEGABYTE
    assert trip(ws, facts, folder=tmp_path) == "refused"
    facts = json.loads(json.dumps(BASE))
    facts["people"][0]["name"] = "Nour \u2067الهاشمي\u2069 Testperson"
    case_id = ws.cases.add(facts)
    try:
        assert ws.cases.get(case_id).people[0].name == "Nour \u2067الهاشمي\u2069 Testperson"
    finally:
        ws.cases.delete(case_id)
