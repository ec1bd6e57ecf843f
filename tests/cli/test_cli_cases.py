"""The CLI over a vault: cases, bad input, passphrases, exports."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from cli_support import PASSPHRASE, snapshot

from amparo.cli.registry import COMMANDS
from amparo.model.schema import shipped_schema
from amparo.service.workspace import Workspace

DEMO = Path(__file__).parents[2] / "src/amparo/service/demo"
AIRPORT = DEMO / "4-coordinator-stopped-at-airport.json"


def test_top_help_lists_every_registered_command_and_the_parser_has_them_all(cli):
    from amparo.cli.parser import full_parser

    result = cli("--help")
    assert result.code == 0
    for name, *_ in COMMANDS:
        assert f"  {name} " in result.out
    commands = next(a for a in full_parser()._actions if a.dest == "_command_name")
    assert sorted(commands.choices) == sorted(name for name, *_ in COMMANDS)


def test_import_list_show_round_trip(vault_dir, cli):
    result = cli("case", "import", AIRPORT, "--json")
    assert result.code == 0, result.err
    case_id = result.json()["id"]
    listed = cli("case", "list", "--json").json()
    assert case_id in [c["id"] for c in listed]
    shown = cli("case", "show", case_id, "--json").json()
    assert shown["id"] == case_id
    assert shown["status"]["status"] == "open"
    assert [h["event"] for h in shown["history"]] == ["created"]
    original = json.loads(AIRPORT.read_text())
    assert shown["people"][0]["name"] == original["people"][0]["name"]
    assert shown["people"][0]["consent"] == "state"


@pytest.mark.parametrize(("content", "expected"), [
    ('{"title": "t",', "not valid JSON at line 1"),
    ('{"title": "t", "country": "ZZ", "people": [{"ref": "p1", "name": "A B", "role": "defender"}]}',
     "country: 'ZZ' is not an ISO 3166-1 alpha-2 country code"),
    ('{"title": "t", "country": "HN", "people": [{"ref": "p1", "name": "A B", "role": "hero"}]}',
     "people[0].role: 'hero' is not one of"),
    ('{"title": "t", "country": "HN", "people": [{"ref": "p1", "name": "A B", "role": "defender"}],'
     ' "reprisals": [{"type": "threats", "date": "2026-01-01", "people": ["p7"]}]}',
     "reprisals[0].people[0]: 'p7' is not the ref of a person"),
    ('{"title": "t", "country": "HN", "people": [{"ref": "p1", "name": "A B", "role": "defender"}],'
     ' "reprisals": [{"type": "threats", "date": "2999-01-01", "people": ["p1"]}]}',
     "reprisals[0].date: 2999-01-01 is in the future"),
    ('{"title": "t", "country": "HN", "people": [{"ref": "p1", "name": "A B", "role": "defender"}],'
     ' "engagements": [{"body": "sp:human-rights-defender", "kind": "communication", "date": "2026-01-01",'
     ' "people": ["p1"]}]}',
     "nearest: sp:human-rights-defenders"),
])
def test_bad_import_names_what_and_where_and_writes_nothing(vault_dir, cli, tmp_path, content, expected):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    before = snapshot(vault_dir)
    result = cli("case", "import", bad)
    assert result.code != 0
    assert expected in result.err
    assert "Traceback" not in result.err + result.out
    assert len(result.err.strip().splitlines()) <= 3
    assert snapshot(vault_dir) == before


def test_unreadable_file_is_a_clear_error(vault_dir, cli, tmp_path):
    result = cli("case", "import", tmp_path / "missing.json")
    assert result.code == 2
    assert "missing.json: cannot read the file" in result.err


def test_wrong_passphrase_one_line_exit_2_vault_untouched(vault_dir, cli, tmp_path):
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase\n")
    wrong.chmod(0o600)
    before = snapshot(vault_dir)
    result = cli("case", "list", "--passphrase-file", wrong)
    assert result.code == 2
    assert result.err.strip() == "error: wrong passphrase"
    assert snapshot(vault_dir) == before


def test_passphrase_file_readable_by_others_is_refused(vault_dir, cli, tmp_path):
    loose = tmp_path / "loose"
    loose.write_text(PASSPHRASE)
    loose.chmod(0o644)
    result = cli("case", "list", "--passphrase-file", loose)
    assert result.code == 2
    assert "chmod 600" in result.err


def test_vault_open_elsewhere_is_a_clear_message(vault_dir, cli):
    with Workspace.open(vault_dir, PASSPHRASE):
        result = cli("case", "list")
    assert result.code != 0
    assert "open in another Amparo process" in result.err


def test_no_vault_says_how_to_make_one(cli, tmp_path, passfile):
    result = cli("case", "list", "--vault", tmp_path / "nowhere", "--passphrase-file", passfile)
    assert result.code == 3
    assert "amparo init" in result.err


def test_edit_and_consent_change_keep_history(vault_dir, cli):
    case_id = cli("case", "import", AIRPORT, "--json").json()["id"]
    assert cli("case", "edit", case_id, "--set", "people[p1].location=in-exile").code == 0
    result = cli("case", "consent", case_id, "p1", "un-confidential", "public-anonymous", "--method", "in-person")
    assert result.code == 0, result.err
    shown = cli("case", "show", case_id, "--json").json()
    assert shown["people"][0]["location"] == "in-exile"
    assert shown["people"][0]["consent"] == ["un-confidential", "public-anonymous"]
    history = [c["consent"] for c in shown["consent_history"] if c["person"] == "p1"]
    assert history == ["state", ["un-confidential", "public-anonymous"]]
    bad = cli("case", "edit", case_id, "--set", "people[p1].role=hero")
    assert bad.code == 2 and "people[0].role" in bad.err
    assert cli("case", "show", case_id, "--json").json()["people"][0]["role"] == "community-leader"


def test_export_refuses_an_existing_file_and_writes_case_facts(vault_dir, cli, tmp_path):
    case_id = cli("case", "list", "--json").json()[0]["id"]
    out = tmp_path / "out.json"
    out.write_text("keep me")
    assert cli("case", "export", case_id, "-o", out).code == 2
    assert out.read_text() == "keep me"
    assert cli("case", "export", case_id, "-o", out, "--force").code == 0
    import jsonschema

    jsonschema.Draft202012Validator(shipped_schema()).validate(json.loads(out.read_text()))


def test_delete_removes_the_case(vault_dir, cli):
    case_id = cli("case", "list", "--json").json()[0]["id"]
    assert cli("case", "delete", case_id, "--yes").code == 0
    assert case_id not in [c["id"] for c in cli("case", "list", "--json").json()]
    assert cli("case", "show", case_id).code == 3


def test_search_finds_text_inside_the_encrypted_vault(vault_dir, cli):
    found = cli("case", "list", "--search", "tyres", "--json").json()
    assert [c["country"] for c in found] == ["HN"]


def test_schema_and_audit_verify(vault_dir, cli):
    assert json.loads(cli("schema", "case-facts").out)["title"] == "Amparo case facts"
    result = cli("audit", "verify", "--json")
    assert result.code == 0 and result.json()["ok"] is True


def test_help_runs_as_a_module_and_lists_every_command():
    # Speed is measured in bench/startup.py; here, only that the entry point works on its own.
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "amparo.cli.app", "--help"], check=True, capture_output=True,
                          text=True)
    for name, *_ in COMMANDS:
        assert f"  {name} " in done.stdout


@pytest.mark.parametrize("audience", ["un-confidential", "state", "public-anonymous", "public-named"])
def test_export_for_an_audience_withholds_every_name_consent_does_not_reach(vault_dir, cli, audience):
    from amparo.model import parse_case_facts
    from amparo.model.consent import Consent

    facts = json.loads((DEMO / "2-lawyers-disbarred-after-review.json").read_text())
    case_id = next(c["id"] for c in cli("case", "list", "--json").json() if c["country"] == "BI")
    result = cli("case", "export", case_id, "--for", audience)
    assert result.code == 0, result.err
    shared = result.json()
    assert shared["prepared_for"] == audience
    for person in facts["people"]:
        consent = Consent.parse(person["consent"])
        parts = [person["name"], *[w for w in person["name"].split() if len(w) >= 3]]
        # A public text without names names only who accepts being named in public.
        named = consent.allows(audience) and (audience != "public-anonymous" or consent.allows("public-named"))
        if named:
            assert person["name"] in result.out
        else:
            for part in parts:
                assert part not in result.out, (audience, person["ref"])
            if person.get("organisation"):
                assert person["organisation"] not in result.out
    # What is handed over is still a valid case-facts document.
    shared.pop("prepared_for")
    parse_case_facts(shared, today=date(2026, 11, 28))
    assert cli("case", "export", case_id, "--for", "everyone").code == 2
