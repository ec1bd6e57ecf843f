"""``amparo case consent`` with --avenue and --review-on; ``amparo consent sheet``; bad input changes nothing."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from cli_support import snapshot

DEMO = Path(__file__).parents[2] / "src/amparo/service/demo"
AIRPORT = DEMO / "4-coordinator-stopped-at-airport.json"


@pytest.fixture
def case_id(vault_dir, cli) -> str:
    result = cli("case", "import", AIRPORT, "--json")
    assert result.code == 0, result.err
    return result.json()["id"]


def _consent_of(cli, case_id, ref="p1"):
    shown = cli("case", "show", case_id, "--json").json()
    return next(p["consent"] for p in shown["people"] if p["ref"] == ref)


def test_scopes_per_avenue_and_a_review_date_are_recorded(cli, case_id):
    result = cli("case", "consent", case_id, "p1", "state", "--avenue", "sg:report", "un-confidential,public-anonymous",
                 "--avenue", "sp:*", "none", "--review-on", "2099-03-01", "--method", "by-phone")
    assert result.code == 0, result.err
    assert _consent_of(cli, case_id) == {"circles": "state", "per_avenue": {
        "sg:report": ["un-confidential", "public-anonymous"], "sp:*": "none"}, "review_on": "2099-03-01"}
    due = [i for i in cli("due", "--json").json() if i["case"] == case_id and i["kind"] == "consent-review"]
    assert [(i["person"], i["due_on"]) for i in due] == [("p1", "2099-01-30")]
    assert "Rosa" not in due[0]["title"]


@pytest.mark.parametrize(("args", "message"), [
    (("--avenue", "sg:repor", "none"), "--avenue sg:repor: is not an avenue in the knowledge base; nearest: sg:report"),
    (("--avenue", "zz:*", "none"), "--avenue zz:*: no family of avenues is called 'zz'"),
    (("--avenue", "sg:report", "everyone"), "--avenue sg:report: 'everyone' is not one of none"),
    (("--avenue", "sg:report", "none", "--avenue", "sg:report", "state"), "--avenue sg:report: given twice"),
    (("--review-on", "2001-01-01"), "--review-on: 2001-01-01 is in the past"),
    (("--review-on", "1 March"), "'1 March' is not a date as YYYY-MM-DD"),
])
def test_bad_scopes_and_review_dates_are_refused_before_the_vault_is_touched(cli, vault_dir, case_id, args, message):
    before = snapshot(vault_dir)
    result = cli("case", "consent", case_id, "p1", "state", *args)
    assert result.code == 2
    assert message in result.err
    assert snapshot(vault_dir) == before  # not even an unlock entry in the audit log


def test_a_name_typed_where_an_avenue_goes_is_not_echoed(cli, vault_dir, case_id):
    before = snapshot(vault_dir)
    result = cli("case", "consent", case_id, "p1", "state", "--avenue", "Rosa Elvira", "none")
    assert result.code == 2 and "--avenue (this value)" in result.err and "Rosa" not in result.err
    assert snapshot(vault_dir) == before


def test_a_bad_level_names_LEVEL(cli, vault_dir, case_id):
    result = cli("case", "consent", case_id, "p1", "stat")
    assert result.code == 2 and "LEVEL: 'stat' is not one of" in result.err


def test_the_sheet_is_written_for_one_person_in_their_language(cli, case_id, tmp_path):
    out = tmp_path / "hoja.pdf"
    result = cli("consent", "sheet", case_id, "--person", "p2", "--lang", "es", "--format", "pdf", "-o", out, "--json")
    assert result.code == 0, result.err
    assert result.json()["people"] == ["p2"] and result.json()["language"] == "es"
    assert out.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    md = cli("consent", "sheet", case_id, "--person", "p1", "--lang", "fr", "--format", "md")
    assert md.code == 0 and "Entretien sur le consentement avec Rosa Elvira Mejía" in md.out
    assert "Daniela" not in md.out


def test_the_sheet_of_case_facts_needs_no_vault(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("AMPARO_VAULT", str(tmp_path / "no-vault-here"))
    monkeypatch.delenv("AMPARO_PASSPHRASE_FILE", raising=False)
    result = cli("consent", "sheet", "--facts", AIRPORT, "--format", "md", "--lang", "es")
    assert result.code == 0, result.err
    assert "Conversación sobre el consentimiento con Rosa Elvira Mejía" in result.out
    assert "Conversación sobre el consentimiento con Daniela Mejía" in result.out


def test_bad_sheet_requests_say_what_and_where(cli, vault_dir, case_id, tmp_path):
    before = snapshot(vault_dir)
    assert "--output: a pdf sheet needs -o FILE" in cli("consent", "sheet", case_id).err
    assert "--format: 'odt' is not one of pdf, docx, md" in cli("consent", "sheet", case_id, "--format", "odt").err
    assert "give a case id or --facts FILE" in cli("consent", "sheet", "--format", "md").err
    assert snapshot(vault_dir) == before
    result = cli("consent", "sheet", case_id, "--person", "p9", "--format", "md")
    assert result.code == 2 and "person: 'p9' is not the ref of a person in this case; refs are p1, p2" in result.err
    result = cli("consent", "sheet", case_id, "--lang", "de", "--format", "md")
    assert result.code == 2 and "language: no catalog for 'de'" in result.err


def test_markdown_on_the_terminal_keeps_its_own_lines(cli, case_id):
    out = cli("consent", "sheet", case_id, "--person", "p1", "--format", "md").out
    quotes = [line for line in out.splitlines() if "For the caseworker" in line]
    assert quotes and quotes[0].startswith("> **For the caseworker") and quotes[0].endswith("Amparo.**")
