"""Every text field that is not case facts is checked at the service, for every face:
a lone surrogate, an ESC or BEL, an over-long value, a number where text belongs all get
a clear error naming the field, and nothing is written."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from amparo.model import InvalidInput
from amparo.model.text_fields import NARRATIVE, structure_problems, text_field_problem
from amparo.service import populate_demo
from amparo.service.workspace import Workspace
from amparo.store import KdfParams

PASSPHRASE = "hardening-passphrase-1"
FAST = KdfParams(memory_kib=8192, time_cost=1)
AIRPORT = "4-coordinator-stopped-at-airport"
SENT = date(2026, 3, 1)

BAD: dict[str, Any] = {
    "lone surrogate": "Ana \ud800 Testperson",
    "escape sequence": "clip \x1b]52;c;aGVsbG8=\x07 board",
    "bell": "ring \x07",
    "over-long": "x" * (NARRATIVE.max_chars + 1),
    "a number": 12345,
}


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("text") / "vault"
    with Workspace.create(path, PASSPHRASE, kdf=FAST) as ws:
        ids = populate_demo(ws)
    return path, ids


@pytest.fixture
def ws(vault) -> Iterator[Workspace]:
    with Workspace.open(vault[0], PASSPHRASE) as w:
        yield w


def _state(ws: Workspace, case_id: str) -> tuple[Any, ...]:
    f = ws.store.followup
    return (ws.summary()["audit_entries"], len(ws.cases.notes(case_id)), len(ws.evidence.list(case_id)),
            len(f.list_actions(case_id)), len(f.list_responses(case_id)), len(f.list_events(case_id)),
            json.dumps(ws.cases.document(case_id), sort_keys=True, default=str))


def _avenue(ws: Workspace) -> str:
    return ws.ctx.kb.avenues[0].id


#: (name, field named in the error, the call with the bad value in that field).
PATHS: list[tuple[str, str, Callable[[Workspace, str, Any, Path], Any]]] = [
    ("note", "note", lambda ws, c, v, tmp: ws.cases.add_note(c, v)),
    ("evidence description", "description",
     lambda ws, c, v, tmp: ws.evidence.add_stream(c, io.BytesIO(b"pdf"), filename="a.pdf", description=v)),
    ("evidence file name", "file name",
     lambda ws, c, v, tmp: ws.evidence.add_stream(c, io.BytesIO(b"pdf"), filename=v)),
    ("evidence people", "names_people[0]",
     lambda ws, c, v, tmp: ws.evidence.add_stream(c, io.BytesIO(b"pdf"), filename="a.pdf", names_people=(v,))),
    ("action note", "note",
     lambda ws, c, v, tmp: ws.followup.record_action(c, avenue=_avenue(ws), sent_on=SENT, channel="email",
                                                     disclosure="un-confidential", note=v)),
    ("action avenue", "avenue",
     lambda ws, c, v, tmp: ws.followup.record_action(c, avenue=v, sent_on=SENT, channel="email")),
    ("action reference", "action",
     lambda ws, c, v, tmp: ws.followup.record_action(c, avenue=_avenue(ws), sent_on=SENT, channel="email",
                                                     action=v)),
    ("response reference", "reference",
     lambda ws, c, v, tmp: ws.followup.record_response(c, kind="acknowledgment", received_on=SENT,
                                                       reference=v)),
    ("response paragraph", "paragraph",
     lambda ws, c, v, tmp: ws.followup.record_response(c, kind="acknowledgment", received_on=SENT,
                                                       paragraph=v)),
    ("response note (an answer)", "note",
     lambda ws, c, v, tmp: ws.followup.record_response(c, kind="state-reply", received_on=SENT, note=v)),
    ("event note", "note",
     lambda ws, c, v, tmp: ws.followup.record_event(c, kind="released", happened_on=SENT, note=v)),
    ("close outcome", "outcome", lambda ws, c, v, tmp: ws.followup.close(c, v)),
    ("consent note", "note", lambda ws, c, v, tmp: ws.cases.set_consent(c, "p1", "none", note=v)),
    ("consent method", "method", lambda ws, c, v, tmp: ws.cases.set_consent(c, "p1", "none", method=v)),
    ("consent value", "consent", lambda ws, c, v, tmp: ws.cases.set_consent(c, "p1", v)),
    ("consent scope", "consent.per_avenue",
     lambda ws, c, v, tmp: ws.cases.set_consent(c, "p1", {"circles": ["state"], "per_avenue": {"sp:x": v}})),
    ("edit --set", "--set[0]", lambda ws, c, v, tmp: ws.cases.edit(c, [f"title={v}" if isinstance(v, str) else v])),
    ("search", "search", lambda ws, c, v, tmp: ws.cases.list(text=v)),
    ("draft avenue", "avenue", lambda ws, c, v, tmp: ws.drafts.draft(c, avenue=v)),
    ("draft language", "language", lambda ws, c, v, tmp: ws.drafts.draft(c, avenue=_avenue(ws), language=v)),
    ("case id", "case", lambda ws, c, v, tmp: ws.cases.export(v)),
    ("export audience", "audience", lambda ws, c, v, tmp: ws.cases.export(c, audience=v)),
]


@pytest.mark.parametrize("bad", list(BAD), ids=list(BAD))
@pytest.mark.parametrize(("name", "field", "call"), PATHS, ids=[p[0] for p in PATHS])
def test_each_text_path_refuses_bad_text_naming_the_field(ws, vault, tmp_path, name, field, call, bad):
    case_id = vault[1][AIRPORT]
    before = _state(ws, case_id)
    with pytest.raises(InvalidInput) as caught:
        call(ws, case_id, BAD[bad], tmp_path)
    paths = [p.path for p in caught.value.problems]
    assert any(p == field or p.startswith(field + ".") or p.startswith(field + "[") for p in paths), paths
    message = str(caught.value)
    # The value itself is never quoted back (it may be a name), and the message is printable.
    assert "Testperson" not in message and "\x1b" not in message and "\x07" not in message
    assert len(message) < 2000
    message.encode("utf-8")  # no lone surrogate in the error either
    assert _state(ws, case_id) == before


def test_good_text_still_goes_through(ws, vault):
    case_id = vault[1][AIRPORT]
    note = "Línea uno\n\tsegunda línea — لا بأس — 一切正常"
    ws.cases.add_note(case_id, note)
    assert ws.cases.notes(case_id)[-1].text == note


def test_messages_say_what_is_wrong_and_what_to_do():
    assert text_field_problem("note", "x" * 100_001, NARRATIVE).message == (
        "is 100,001 characters long; at most 100,000 fit here; keep a longer text as an evidence file instead")
    assert "lone surrogate at character 3" in text_field_problem("note", "ab\udc80", NARRATIVE).message
    assert "control character at character 2" in text_field_problem("note", "a\x1bb", NARRATIVE).message
    assert text_field_problem("note", 5, NARRATIVE).message == "must be text, not a number"
    deep: Any = "state"
    for _ in range(100):
        deep = {"k": deep}
    assert structure_problems("consent", deep)[0].message == "nests deeper than 20 levels"


# -- the faces ------------------------------------------------------------------------------


def test_the_web_form_refuses_a_note_with_an_escape_and_saves_nothing(vault):
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "web"))
    from fastapi.testclient import TestClient
    from web_support import build_app, post, unlock

    path, ids = vault
    case_id = ids[AIRPORT]
    with Workspace.open(path, PASSPHRASE) as w:
        before = _state(w, case_id)
    app = build_app(path)
    with TestClient(app, follow_redirects=True) as c:
        assert unlock(c, PASSPHRASE).status_code == 200
        r = post(c, f"/cases/{case_id}/notes", {"text": "typed \x1b[2J text", "here": f"/cases/{case_id}"})
        # The case page again (post/redirect/get), the note kept beside the error, nothing saved.
        assert r.history and r.history[0].status_code == 303 and 'id="note-text-error"' in r.text
        assert "character that cannot be stored" in r.text and "typed \x1b[2J text" in r.text
        api = c.post(f"/api/cases/{case_id}/actions", headers={"X-CSRF-Token": c.get("/session/csrf").json()["csrf"],
                                                                    "content-type": "application/json"},
                     content=json.dumps({"avenue": "sp:hrd", "sent_on": "2026-03-01", "channel": "email",
                                         "note": "\ud800"}, ensure_ascii=True))
        assert api.status_code == 422
        assert any(p["path"].endswith("note") for p in api.json()["problems"]), api.json()
        big = c.post("/api/cases/search", json={"text": "y" * 2000})
        assert big.status_code == 422 and big.json()["problems"][0]["path"] == "search"
    with Workspace.open(path, PASSPHRASE) as w:
        assert _state(w, case_id)[1:] == before[1:]  # (the unlock itself is audited)


def test_the_command_line_refuses_bytes_that_are_not_utf8(vault, tmp_path, monkeypatch, capsys):
    from amparo.cli.app import main

    path, ids = vault
    case_id = ids[AIRPORT]
    passfile = tmp_path / "pass"
    passfile.write_text(PASSPHRASE + "\n")
    os.chmod(passfile, 0o600)
    monkeypatch.setenv("AMPARO_VAULT", str(path))
    monkeypatch.setenv("AMPARO_PASSPHRASE_FILE", str(passfile))
    note = tmp_path / "note.txt"
    note.write_bytes(b"a note \x1b]0;title\x07 with an escape")
    with Workspace.open(path, PASSPHRASE) as w:
        before = _state(w, case_id)
    capsys.readouterr()
    code = main(["case", "note", case_id, "--file", str(note)])
    err = capsys.readouterr().err
    assert code == 2 and "note" in err and "control character" in err and "\x1b" not in err
    # An argument that is not UTF-8 reaches Python as a lone surrogate (surrogateescape).
    code = main(["case", "close", case_id, os.fsdecode(b"\xff\xfe")])
    err = capsys.readouterr().err
    assert code == 2 and "outcome" in err and "surrogate" in err
    with Workspace.open(path, PASSPHRASE) as w:
        assert _state(w, case_id)[1:] == before[1:]
