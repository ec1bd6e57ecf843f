"""Text from a case reaches the terminal inert: no escape sequence, control character, bidi
override or Rich markup gets through, whichever command prints it (hardening item 6)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from amparo.cli.output import json_text, text

DEMO = Path(__file__).parents[2] / "src/amparo/service/demo"
AIRPORT = DEMO / "4-coordinator-stopped-at-airport.json"

PAYLOADS = {
    "clipboard": "\x1b]52;c;QkFTRTY0\x07",  # OSC 52: writes the clipboard
    "clear": "\x1b[2J",  # CSI: clears the screen
    "title": "\x1b]0;title\x07",  # OSC 0: retitles the window
    "bidi": "\u202eevil",  # right-to-left override: shows the text reversed
    "markup": "[bold red]x[/bold red]",  # Rich markup
    "c1": "\x9b",  # a lone C1 CSI
}
ALL = "|".join(PAYLOADS.values())
#: What must never reach the terminal: C0 controls but tab and newline, DEL, C1, bidi.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_inert(output: str) -> None:
    found = FORBIDDEN.findall(output)
    assert not found, f"control characters reached the terminal: {found!r}"


@pytest.mark.parametrize("name", PAYLOADS)
def test_text_keeps_what_is_readable_and_drops_what_acts(name):
    # The newline ends any sequence a terminal would still be reading (a lone CSI would
    # otherwise take the next few printable characters as its parameters, as a terminal does).
    cleaned = text(f"before {PAYLOADS[name]}\nafter", markup=False)
    assert_inert(cleaned)
    assert cleaned.startswith("before ") and cleaned.endswith(" after")
    assert "52;c;" not in cleaned and "0;title" not in cleaned  # the payload of a sequence goes too


def test_text_escapes_rich_markup_and_keeps_lines_only_when_asked():
    from rich.console import Console

    console = Console(width=200, record=True, color_system=None)
    console.print(text("[bold red]x[/bold red] \\ end"))
    assert console.export_text().strip() == "[bold red]x[/bold red] \\ end"
    assert text("one\ntwo\tthree\r\n", markup=False) == "one two three "
    assert text("one\ntwo\tthree\r\nfour", multiline=True, markup=False) == "one\ntwo\tthree\nfour"
    assert text("a\rb", multiline=True, markup=False) == "ab"  # a carriage return could overwrite a line


@pytest.mark.parametrize("sequence", [
    "\x1b[38;5;196m", "\x1b[?1049h", "\x1bc", "\x1b(B", "\x1bP1$r\x1b\\", "\x9d8;;https://x\x9c",
    "\x1b]8;;https://example.org\x1b\\", "\x1b_apc\x1b\\", "\x1b]52;c;unterminated",
])
def test_text_removes_other_sequences_whole_or_leaves_only_plain_text(sequence):
    cleaned = text(f"a{sequence}b", markup=False)
    assert_inert(cleaned)
    assert cleaned.startswith("a") and cleaned.endswith("b")


def test_json_stays_exact_for_programs_and_inert_for_terminals():
    dumped = json_text({"title": ALL, "name": "Nour\u2066x\u2069"})
    assert_inert(dumped)
    assert json.loads(dumped) == {"title": ALL, "name": "Nour\u2066x\u2069"}


@pytest.fixture
def hostile_case(vault_dir, cli, tmp_path) -> str:
    """A case whose title, name, narrative, note and evidence file name carry every payload.

    Import refuses control characters at the edge now (model/facts), so the case is put in
    the vault underneath it, as a vault written by an older version, or a partner's tool,
    could hold it: what the CLI prints must not depend on what the layers below checked.
    """
    from dataclasses import replace

    from cli_support import PASSPHRASE

    from amparo.model import parse_case_facts
    from amparo.service import Workspace

    clean = parse_case_facts(json.loads(AIRPORT.read_text()), today=date(2026, 11, 28))
    people = (replace(clean.people[0], name=f"Name {ALL}"), *clean.people[1:])
    reprisals = (replace(clean.reprisals[0], description=f"Narrative {ALL}\nsecond line"), *clean.reprisals[1:])
    hostile = replace(clean, title=f"Title {ALL}", people=people, reprisals=reprisals)
    import io

    with Workspace.open(vault_dir, PASSPHRASE) as ws:
        case_id = ws.cases.add(hostile)
        # Notes and evidence file names are refused at the edge too now (model/text_fields):
        # these go in underneath, like the case.
        now = ws.ctx.now()
        ws.store.notes.add(case_id, f"Note {ALL}\nline two", author="local", now=now)
        ws.store.evidence.add_from_stream(
            case_id, io.BytesIO(b"not really a photo"), filename=f"photo{PAYLOADS['clear']}{PAYLOADS['bidi']}.jpg",
            media_type="image/jpeg", received_at=now, added_by="local", description=None, names_people=(), now=now)
    assert cli("action", "add", case_id, "--to", "hrc:president", "--action", "raise-with-delegation",
               "--person", "p1").code == 0
    return case_id


@pytest.fixture
def hostile_followup(monkeypatch):
    """Timeline labels and deadline titles carrying every payload.

    Today the service builds them from ids and vocabularies only (references are
    validated), but an avenue name can come from the vault's own knowledge-base entries,
    and what the CLI prints must not depend on what the layers below happen to check.
    """
    from dataclasses import replace

    from amparo.service.followup import FollowupService

    timeline, due = FollowupService.timeline, FollowupService.due
    monkeypatch.setattr(FollowupService, "timeline", lambda self, case_id: [
        replace(e, label=f"{e.label} {ALL}") for e in timeline(self, case_id)])
    from amparo.model.errors import Message

    # The CLI says a deadline's message in --lang's language: the payload rides in its parameters.
    monkeypatch.setattr(FollowupService, "due", lambda self, **kw: [
        replace(i, deadline=replace(i.deadline, title=f"{i.deadline.title} {ALL}",
                                    wording=Message("{title} {payload}", title=i.deadline.wording, payload=ALL)))
        for i in due(self, **kw)])


@pytest.mark.parametrize("command", [
    ("case", "list"), ("case", "show", "{id}"), ("timeline", "{id}"), ("due",), ("evidence", "list", "{id}"),
    ("triage", "{id}"), ("case", "list", "--json"), ("case", "show", "{id}", "--json"), ("timeline", "{id}", "--json"),
    ("due", "--json"), ("case", "export", "{id}"),
])
def test_every_view_of_a_hostile_case_is_inert(hostile_case, hostile_followup, cli, command):
    result = cli(*(part.format(id=hostile_case) for part in command))
    assert result.code == 0, result.err
    assert_inert(result.out + result.err)
    if "--json" not in command and command[0] != "triage" and command[:2] != ("case", "export"):
        assert "evil" in result.out  # what is readable is still shown
    if command[:2] == ("case", "show"):
        assert ("--json" in command) == ("\\u202e" in result.out)
        assert "[bold red]x[/bold red]" in result.out  # markup shown as text, not applied


def test_the_json_of_a_hostile_case_still_holds_the_exact_text(hostile_case, cli):
    shown = cli("case", "show", hostile_case, "--json").json()
    assert shown["title"] == f"Title {ALL}"


@pytest.mark.parametrize("argv", [
    ("case", "show", f"C-{ALL}"),
    ("case", "consent", "{id}", f"p{ALL}", "state"),
    ("kb", "show", f"tb:{ALL}"),
    ("due", "--within", ALL),
    ("case", "list", "--passphrase-file", f"/nowhere/{ALL}"),
    (f"case{PAYLOADS['clear']}",),
    ("case", "import", f"/nowhere/{ALL}.json"),
])
def test_error_messages_that_echo_what_was_typed_are_inert(hostile_case, cli, argv):
    result = cli(*(part.replace("{id}", hostile_case) for part in argv))
    assert result.code != 0
    assert result.err.startswith("error: ")
    assert_inert(result.out + result.err)
