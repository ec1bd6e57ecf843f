"""Names and search words can be given without putting them on the command line, where
they would stay in the shell history and show in ``ps`` (hardening item 9)."""

from __future__ import annotations

import io
import json

import pytest

NAME = "Nour Testperson-Privada"


def case_id_for(cli, country: str) -> str:
    return next(c["id"] for c in cli("case", "list", "--json").json() if c["country"] == country)


def shown(cli, case_id: str) -> dict:
    return cli("case", "show", case_id, "--json").json()


def test_set_file_lines_apply_every_edit_and_warn_of_nothing(vault_dir, cli, tmp_path):
    case_id = case_id_for(cli, "HN")
    changes = tmp_path / "changes.txt"
    changes.write_text(f"# what changed after the visit\npeople[p1].location=in-exile\n\n"
                       f"people[p1].name={NAME}\ntitle=Stopped = questioned at the airport\n")
    result = cli("case", "edit", case_id, "--set-file", changes)
    assert result.code == 0, result.err
    assert result.err == ""
    case = shown(cli, case_id)
    assert case["people"][0]["location"] == "in-exile"
    assert case["people"][0]["name"] == NAME
    assert case["title"] == "Stopped = questioned at the airport"


def test_set_file_json_takes_each_value_as_the_json_it_is(vault_dir, cli, tmp_path):
    case_id = case_id_for(cli, "HN")
    changes = tmp_path / "changes.json"
    changes.write_text(json.dumps({"people[p1].name": f'{NAME} "la Negra"', "title": "42"}))
    assert cli("case", "edit", case_id, "--set-file", changes).code == 0
    case = shown(cli, case_id)
    assert case["people"][0]["name"] == f'{NAME} "la Negra"'
    assert case["title"] == "42"  # text, not the number 42


@pytest.mark.parametrize(("content", "expected"), [
    (f"people[p1].name {NAME}\n", "line 1: expected PATH=VALUE"),
    (f"=x\npeople[p1].name={NAME}", "line 1: expected PATH=VALUE"),
    ('{"people[p1].name": "' + NAME + '",', "not valid JSON at line 1"),
])
def test_a_bad_set_file_names_the_line_never_the_value(vault_dir, cli, tmp_path, content, expected):
    case_id = case_id_for(cli, "HN")
    changes = tmp_path / "changes.txt"
    changes.write_text(content)
    result = cli("case", "edit", case_id, "--set-file", changes)
    assert result.code == 2
    assert expected in result.err
    assert "Nour" not in result.err and "Privada" not in result.err


def test_a_missing_set_file_is_a_clear_error(vault_dir, cli, tmp_path):
    result = cli("case", "edit", "C-AAAAAAAA", "--set-file", tmp_path / "nope.txt")
    assert result.code == 2 and "nope.txt: cannot read the file" in result.err


def test_set_without_a_value_asks_for_it_and_keeps_it_off_every_output(vault_dir, cli, monkeypatch):
    case_id = case_id_for(cli, "HN")
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{NAME}\nin-exile\n"))
    result = cli("case", "edit", case_id, "--set", "people[p1].name", "--set", "people[p1].location")
    assert result.code == 0, result.err
    assert "Value for people[p1].name: " in result.err
    assert "Value for people[p1].location: " in result.err
    assert "warning" not in result.err
    assert NAME not in result.out + result.err
    case = shown(cli, case_id)
    assert (case["people"][0]["name"], case["people"][0]["location"]) == (NAME, "in-exile")


def test_the_old_set_form_works_and_warns_once_of_the_shell_history(vault_dir, cli):
    case_id = case_id_for(cli, "HN")
    result = cli("case", "edit", case_id, "--set", f"people[p1].name={NAME}", "--set", "title=Another")
    assert result.code == 0
    warnings = [line for line in result.err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1
    assert "shell history" in warnings[0] and "--set-file" in warnings[0]
    assert "--set people[p1].name alone" in warnings[0]
    assert NAME not in result.err
    assert shown(cli, case_id)["people"][0]["name"] == NAME


def test_the_prompt_ending_early_changes_nothing(vault_dir, cli, monkeypatch):
    case_id = case_id_for(cli, "HN")
    before = shown(cli, case_id)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    result = cli("case", "edit", case_id, "--set", "people[p1].name")
    assert result.code == 130 and "nothing more was changed" in result.err
    assert shown(cli, case_id) == before


def test_search_alone_asks_for_the_words(vault_dir, cli, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("tyres\n"))
    result = cli("case", "list", "--search", "--json")
    assert result.code == 0, result.err
    assert "Search for: " in result.err and "warning" not in result.err
    assert [c["country"] for c in result.json()] == ["HN"]  # the question went to stderr, not into the JSON


def test_search_dash_reads_stdin_and_search_file_reads_the_file(vault_dir, cli, monkeypatch, tmp_path):
    monkeypatch.setattr("sys.stdin", io.StringIO("tyres\n"))
    assert [c["country"] for c in cli("case", "list", "--search", "-", "--json").json()] == ["HN"]
    words = tmp_path / "words.txt"
    words.write_text("tyres\n")
    result = cli("case", "list", "--search-file", words, "--json")
    assert result.err == ""
    assert [c["country"] for c in result.json()] == ["HN"]


def test_search_words_on_the_command_line_still_work_with_a_warning(vault_dir, cli):
    result = cli("case", "list", "--search", "tyres", "--json")
    assert [c["country"] for c in result.json()] == ["HN"]
    assert result.err.count("warning:") == 1 and "--search-file" in result.err
    assert "tyres" not in result.err


def test_empty_search_words_are_refused(vault_dir, cli, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("   \n"))
    result = cli("case", "list", "--search", "-")
    assert result.code == 2 and "no search words" in result.err


def test_a_note_is_asked_for_when_no_file_is_given(vault_dir, cli, monkeypatch):
    case_id = case_id_for(cli, "HN")
    monkeypatch.setattr("sys.stdin", io.StringIO("Called her brother; she is safe.\n"))
    result = cli("case", "note", case_id)
    assert result.code == 0, result.err
    assert "Note: " in result.err
    assert "safe" in cli("case", "show", case_id).out
