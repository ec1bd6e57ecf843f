"""The rules file: loaded, validated, sourced, and its follow-up windows' precedence."""

from __future__ import annotations

from datetime import date

import pytest

from amparo.model.errors import InvalidInput
from amparo.tracking.deadlines import compute_deadlines, reporting_period
from amparo.tracking.rules import RULE_IDS, follow_up_windows, load_rules


def test_every_rule_is_sourced_or_labelled_an_amparo_default():
    rules = load_rules()
    assert set(RULE_IDS) <= set(rules.rules)
    for rule in rules.rules.values():
        assert rule.sources or rule.amparo_default, rule.id
        assert rule.source  # what a deadline shows is never empty
    assert "Amparo default" in rules.rule("stale-case-review").source
    # The SG period is sourced from the 2020 report's period row and the ISHR 2020 call.
    sg = rules.rule("sg-report-cutoff").sources
    assert any("A/HRC/45/36" in s for s in sg)
    assert any("ishr.ch/latest-updates/reprisals-call" in s for s in sg)


def test_sp_publication_delay_is_marked_not_confirmed():
    rules = load_rules()
    assert rules.sp_publication_days == 60
    assert not rules.rule("sp-communication-publication").verified
    assert "not confirmed" in rules.rule("sp-communication-publication").source


def test_window_precedence_settings_then_knowledge_then_rules():
    rules = load_rules()
    assert rules.window("sp:human-rights-defenders") == rules.family_windows["sp"]
    assert rules.window("sg:report") is None  # the report is its own answer
    assert rules.window("xx:unknown") == rules.default_window
    merged = follow_up_windows(knowledge={"sp:human-rights-defenders": 30, "tb:CAT": None},
                               settings={"sp:human-rights-defenders": 10})
    assert merged == {"sp:human-rights-defenders": 10}
    assert rules.window("sp:human-rights-defenders", merged) == 10
    # A KB entry without follow_up_days leaves the rules file in charge.
    assert rules.window("tb:CAT", merged) == rules.family_windows["tb"]


def test_stale_default_agrees_with_compute_deadlines_default():
    import inspect

    default = inspect.signature(compute_deadlines).parameters["stale_after_days"].default
    assert load_rules().stale_after_days == default


@pytest.mark.parametrize(("today", "period"), [
    (date(2026, 11, 28), (date(2026, 5, 1), date(2027, 4, 30))),
    (date(2026, 4, 30), (date(2025, 5, 1), date(2026, 4, 30))),
    (date(2026, 5, 1), (date(2026, 5, 1), date(2027, 4, 30))),
    (date(2028, 1, 1), (date(2027, 5, 1), date(2028, 4, 30))),
])
def test_reporting_period_runs_1_may_to_30_april(today, period):
    assert reporting_period(today) == period


def test_a_broken_rules_file_is_refused_with_paths(tmp_path):
    bad = tmp_path / "rules.yaml"
    bad.write_text(
        "rules:\n  follow-up-window:\n    title: t\n    note: n\n    amparo_default: true\n"
        "    default: -3\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        load_rules(bad)
    paths = {p.path for p in err.value.problems}
    assert "rules.sg-report-cutoff" in paths  # missing rule named
    assert err.value.source == str(bad)


def test_a_sourced_rule_without_source_is_refused():
    from importlib import resources

    import yaml

    from amparo.tracking.rules import parse_rules

    text = resources.files("amparo.tracking").joinpath("data/rules.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    data["rules"]["hrc-session"]["sources"] = []
    with pytest.raises(InvalidInput, match=r"rules.hrc-session.sources"):
        parse_rules(data)
