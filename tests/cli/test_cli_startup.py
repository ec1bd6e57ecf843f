"""What happens before a command runs: help, usage errors and the passphrase prompt come
first, with nothing heavy loaded, and the passphrase never comes from the command line.

Speed itself is measured in bench/startup.py; these tests check the order of things.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import PASSPHRASE

from amparo.cli.declare import Command, Group, Unlock
from amparo.cli.registry import COMMANDS, command_paths, declaration

#: Modules that must not be loaded before the prompt (or for --help): each costs tens to
#: hundreds of milliseconds.
HEAVY = ("rich", "amparo.service", "amparo.store", "amparo.model", "amparo.knowledge", "sqlalchemy", "typer",
         "click", "pycountry", "yaml", "argon2", "cryptography")

#: Run in a fresh interpreter: a terminal is faked on stdin, and the hidden prompt, when
#: reached, reports what is loaded at that moment and stops the process.
AT_THE_PROMPT = r"""
import io, json, sys

class Terminal(io.StringIO):
    def isatty(self):
        return True

sys.stdin = Terminal()
import amparo.cli.prompts as prompts

def ask_secret(prompt, *, confirm=False):
    print(json.dumps({"prompt": prompt, "confirm": confirm, "loaded": sorted(sys.modules)}))
    raise SystemExit(0)

prompts.ask_secret = ask_secret
from amparo.cli.app import main
sys.exit(main(sys.argv[1:]))
"""

#: Every command's --help in one fresh interpreter, then what it loaded.
EVERY_HELP = r"""
import contextlib, io, json, sys
from amparo.cli.app import main
from amparo.cli.registry import command_paths

codes = {}
for path in command_paths():
    with contextlib.redirect_stdout(io.StringIO()):
        codes[" ".join(path)] = main([*path, "--help"])
print(json.dumps({"codes": codes, "loaded": sorted(sys.modules)}))
"""


def _heavy(loaded: list[str]) -> list[str]:
    return [m for m in loaded if m.split(".")[0] in HEAVY or m.startswith(HEAVY)]


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("AMPARO_PASSPHRASE_FILE", "AMPARO_VAULT")}
    return {**env, **extra}


def test_every_help_answers_without_loading_anything_heavy():
    done = subprocess.run([sys.executable, "-c", EVERY_HELP], capture_output=True, text=True, check=True,
                          env=_clean_env())
    report = json.loads(done.stdout)
    assert set(report["codes"].values()) == {0}, report["codes"]
    assert len(report["codes"]) == len(command_paths())
    assert _heavy(report["loaded"]) == []


def test_the_prompt_comes_before_anything_heavy_is_loaded(vault_dir):
    done = subprocess.run([sys.executable, "-c", AT_THE_PROMPT, "case", "list", "--vault", str(vault_dir)],
                          capture_output=True, text=True, env=_clean_env())
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["prompt"] == "Vault passphrase"
    assert report["confirm"] is False
    assert _heavy(report["loaded"]) == []


def test_a_new_vault_asks_twice(tmp_path):
    done = subprocess.run([sys.executable, "-c", AT_THE_PROMPT, "init", "--vault", str(tmp_path / "new")],
                          capture_output=True, text=True, env=_clean_env())
    report = json.loads(done.stdout)
    assert (report["prompt"], report["confirm"]) == ("New vault passphrase", True)
    assert not (tmp_path / "new").exists()


@pytest.fixture
def terminal_without_passfile(monkeypatch):
    """stdin looks like a terminal, no passphrase file is set, and any prompt is recorded."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.delenv("AMPARO_PASSPHRASE_FILE", raising=False)
    asked: list[str] = []

    def getpass(prompt: str = "") -> str:
        asked.append(prompt)
        return PASSPHRASE

    monkeypatch.setattr("getpass.getpass", getpass)
    return asked


@pytest.mark.parametrize("argv", [
    ["case", "list", "--countr", "HN"],
    ["case", "show"],
    ["case", "consent", "C-AAAAAAAA", "p1", "state", "--on", "yesterday"],
    ["due", "--within", "soon"],
    ["report", "--from", "2026-13-01"],
    ["report", "--from", "2026-05-01", "--to", "2025-05-01"],
    ["report", "--contribution", "--format", "odt", "-o", "x.odt"],
    ["triage"],
    ["draft", "C-AAAAAAAA"],
    ["draft", "C-AAAAAAAA", "--to", "hrc:president", "--format", "pdf"],
    ["case", "edit", "C-AAAAAAAA"],
    ["case", "list", "--search", "a", "--search-file", "words.txt"],
])
def test_a_typo_is_reported_before_any_prompt(vault_dir, cli, terminal_without_passfile, argv):
    result = cli(*argv)
    assert result.code == 2, result.err
    assert result.err.startswith("error: ")
    assert terminal_without_passfile == []


def test_the_typed_passphrase_opens_the_vault(vault_dir, cli, terminal_without_passfile):
    result = cli("case", "list", "--json")
    assert result.code == 0, result.err
    assert len(result.json()) == 4
    assert terminal_without_passfile == ["Vault passphrase: "]


def test_no_vault_is_said_before_the_prompt(cli, tmp_path, terminal_without_passfile):
    result = cli("case", "list", "--vault", tmp_path / "nowhere")
    assert result.code == 3
    assert "amparo init --vault" in result.err
    assert terminal_without_passfile == []


def test_no_terminal_and_no_passphrase_file_is_a_clear_error(vault_dir, cli, monkeypatch):
    monkeypatch.delenv("AMPARO_PASSPHRASE_FILE")
    result = cli("case", "list")
    assert result.code == 2
    assert "no terminal to ask for the passphrase" in result.err


def test_a_new_passphrase_is_asked_again_until_both_entries_match(tmp_path, monkeypatch):
    from amparo.cli.vault_access import VaultAccess

    answers = iter(["first try", "typo", "", "the real one", "the real one"])
    asked: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt="": asked.append(prompt) or next(answers))
    monkeypatch.setattr("sys.stdin", type("T", (io.StringIO,), {"isatty": lambda self: True})())
    monkeypatch.delenv("AMPARO_PASSPHRASE_FILE", raising=False)
    access = VaultAccess(tmp_path / "new")
    access.unlock(Unlock("New vault passphrase", new=True), None)
    assert asked == ["New vault passphrase: ", "Repeat for confirmation: ", "New vault passphrase: ",
                     "New vault passphrase: ", "Repeat for confirmation: "]
    assert access.take_passphrase() == "the real one"
    assert "the real one" not in repr(access)


def test_the_cli_finds_the_vault_where_the_service_does(tmp_path, monkeypatch, vault_dir, passfile):
    from amparo import service
    from amparo.cli import vault_access

    assert (vault_access.VAULT_ENV, vault_access.PASSPHRASE_FILE_ENV) == (service.VAULT_ENV,
                                                                          service.PASSPHRASE_FILE_ENV)
    assert Path(vault_access.vault_folder(str(tmp_path / "x"))) == service.vault_path(tmp_path / "x")
    assert Path(vault_access.vault_folder("~/v")) == service.vault_path("~/v")
    assert Path(vault_access.vault_folder(None)) == service.vault_path(None) == vault_dir
    assert Path(vault_access.passphrase_source(None)) == service.passphrase_file(None) == passfile
    monkeypatch.delenv("AMPARO_VAULT")
    monkeypatch.delenv("AMPARO_PASSPHRASE_FILE")
    assert Path(vault_access.vault_folder(None)) == service.vault_path(None)
    assert vault_access.passphrase_source(None) is None and service.passphrase_file(None) is None
    empty = tmp_path / "empty"
    empty.mkdir()
    for folder in (vault_dir, empty, tmp_path / "missing"):
        assert (folder / vault_access.HEADER_FILE).is_file() == service.vault_exists(folder)


def _declared() -> list[tuple[str, Command]]:
    found = []
    for name, _, _ in COMMANDS:
        entry = declaration(name)
        commands = entry.commands if isinstance(entry, Group) else (entry,)
        found += [((f"{name} {c.name}" if isinstance(entry, Group) else name), c) for c in commands]
    return found


def test_no_command_takes_a_secret_on_the_command_line():
    for label, command in _declared():
        for arg in command.args:
            for flag in arg.flags:
                if any(word in flag for word in ("passphrase", "password", "secret", "token", "key")):
                    assert flag.endswith("-file"), f"amparo {label} {flag}"


def test_every_command_help_shows_its_usage_its_arguments_and_its_examples(cli):
    for label, command in _declared():
        result = cli(*label.split(), "--help")
        assert result.code == 0
        assert result.out.startswith(f"usage: amparo {label} ")
        assert command.summary.split()[0] in result.out
        for arg in command.args:
            shown = arg.flags[0] if arg.flags[0].startswith("-") else arg.options["metavar"]
            assert shown in result.out, (label, shown)
        for example in command.examples:
            assert f"Example: {example}" in result.out


def test_a_group_without_its_command_lists_them(cli):
    result = cli("case")
    assert result.code == 2
    for command in declaration("case").commands:
        assert f"  {command.name} " in result.out


def test_an_unknown_command_suggests_the_nearest(cli):
    result = cli("cas", "list")
    assert result.code == 2
    assert "did you mean 'case'?" in result.err


def test_stray_values_are_counted_not_printed_back(cli, vault_dir):
    result = cli("case", "list", "--search", "María", "Test Person", "--bogus=Secret Name")
    assert result.code == 2
    assert "1 value(s)" in result.err and "--bogus" in result.err  # "María" went to --search
    for word in ("María", "Test", "Person", "Secret", "Name"):
        assert word not in result.err


def test_the_console_script_is_the_entry_point():
    script = Path(sys.executable).with_name("amparo")
    done = subprocess.run([str(script), "schema", "--help"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("usage: amparo schema")
