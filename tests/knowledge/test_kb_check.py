"""`amparo kb check`: errors fail, stale entries warn, unverified entries inform."""

from __future__ import annotations

from datetime import date

from amparo.knowledge import check_files, load


def test_the_package_base_passes_its_check(today):
    report = load().check(today)
    assert report.ok, report.errors
    # Nothing is stale; the only warnings are terms that ran out since the last renewal a
    # source confirms (the Council may have renewed them: that is what to check).
    assert report.warnings and all(p.path.endswith(".renewed") for p in report.warnings)
    assert any("unverified" in line for line in report.info)
    assert any(line.startswith("ratification table as of 2026-12-01") for line in report.info)


def test_an_entry_reviewed_more_than_12_months_ago_is_flagged(tmp_path, today):
    (tmp_path / "old.yaml").write_text("avenues:\n  - {id: tb:CERD, reviewed: 2025-11-27}\n")
    report = check_files(today, tmp_path)
    assert report.ok  # a warning, not a failure
    flagged = [p.path for p in report.warnings if not p.path.endswith(".renewed")]
    assert "tb:CERD" in flagged
    assert "tb:CCPR" not in flagged
    # Exactly twelve months is not yet stale.
    (tmp_path / "old.yaml").write_text("avenues:\n  - {id: tb:CERD, reviewed: 2025-11-28}\n")
    assert [p for p in check_files(today, tmp_path).warnings if not p.path.endswith(".renewed")] == []


def test_the_whole_package_goes_stale_a_year_later():
    report = load().check(date(2027, 12, 2))
    assert {p.path for p in report.warnings} >= {"hrc:president", "sg:report", "rg:iachr", "ratifications"}


def test_missing_sources_and_broken_references_are_errors(tmp_path, today):
    (tmp_path / "org.yaml").write_text(
        "avenues:\n"
        "  - id: org:unsourced\n"
        "    name: A contact\n    short_name: Contact\n    summary: Someone who helps.\n"
        "    languages: [en]\n    reviewed: 2026-11-01\n"
        "    actions:\n"
        "      - {id: call, name: Call, description: We call them., disclosure: un-confidential}\n"
        "    channels: [{kind: phone, address: null, note: Ask the office.}]\n"
        "precedents:\n"
        "  - id: own-case\n    title: t\n    country: HN\n    year: 2020\n"
        "    region: latin-american-caribbean\n    bodies: [hrc]\n    reprisal_types: [threats]\n"
        "    summary: s\n    sources: [our files]\n    reviewed: 2026-11-01\n"
        "    responses:\n"
        "      - {avenue: hrc:presidnt, action: public-statement, note: n}\n"
        "      - {avenue: hrc:president, action: tweet, note: n}\n"
    )
    report = check_files(today, tmp_path)
    assert not report.ok
    paths = {p.path for p in report.errors}
    # An organisation's own entry may start with any action (it is not a UN body).
    assert paths == {
        "org:unsourced.sources",
        "org:unsourced.actions[call].sources",
        "own-case.responses[0].avenue",
        "own-case.responses[1].action",
    }


def test_check_files_reports_schema_errors_instead_of_raising(tmp_path, today):
    (tmp_path / "bad.yaml").write_text("avenues:\n  - {id: sg:report, verified: perhaps}\n")
    report = check_files(today, tmp_path)
    assert not report.ok
    assert report.errors[0].path.endswith("bad.yaml: sg:report.verified")
    assert report.to_json()["ok"] is False
