"""The CLI workflow after a case is recorded: triage, drafts, evidence, follow-up, calendar."""

from __future__ import annotations

import email
from pathlib import Path

import icalendar
import pytest

DEMO = Path(__file__).parents[2] / "src/amparo/service/demo"
AIRPORT = DEMO / "4-coordinator-stopped-at-airport.json"
DISBARRED = DEMO / "2-lawyers-disbarred-after-review.json"


def case_id_for(cli, country: str) -> str:
    return next(c["id"] for c in cli("case", "list", "--json").json() if c["country"] == country)


def test_triage_from_facts_needs_no_vault(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("AMPARO_VAULT", str(tmp_path / "no-vault-here"))
    result = cli("triage", "--facts", AIRPORT, "--json")
    assert result.code == 0, result.err
    plan = result.json()
    assert {"urgent", "avenues", "risks", "precedents"} <= set(plan)
    assert plan["avenues"][0]["id"] == "hrc:president"
    for avenue in plan["avenues"]:
        assert {"id", "rank", "name", "why", "sources", "actions"} <= set(avenue)
        for action in avenue["actions"]:
            assert {"id", "disclosure", "allowed", "needs"} <= set(action)
    assert "Mejía" not in result.out  # the plan speaks of refs and roles, never names
    assert not (tmp_path / "no-vault-here").exists()


def test_triage_of_a_stored_case_reads_like_a_plan(vault_dir, cli):
    result = cli("triage", case_id_for(cli, "CN"))
    assert result.code == 0, result.err
    assert "URGENT" in result.out
    # p2 consented to the UN body only: steps that tell the State go ahead and leave her out.
    assert "leaves out Hu Meilan (p2)" in " ".join(result.out.split())
    assert "Nothing was sent" in result.out


def test_draft_refuses_an_avenue_that_does_not_fit_and_an_unknown_one(vault_dir, cli):
    case_id = case_id_for(cli, "HN")
    wrong = cli("draft", case_id, "--to", "tb:CAT")
    assert wrong.code == 2 and "does not fit this case" in wrong.err
    unknown = cli("draft", case_id, "--to", "sp:human-rights-defender")
    assert unknown.code == 3 and "sp:human-rights-defenders" in unknown.err
    lang = cli("draft", case_id, "--to", "hrc:president", "--lang", "xx")
    assert lang.code == 2 and "xx" in lang.err


def test_draft_pdf_is_recorded_on_the_case_and_redacts_the_withheld(vault_dir, cli, tmp_path):
    case_id = case_id_for(cli, "BI")
    out = tmp_path / "letter.pdf"
    result = cli("draft", case_id, "--to", "tb:CAT", "--lang", "fr", "--format", "pdf", "-o", out, "--json")
    assert result.code == 0, result.err
    info = result.json()
    assert out.read_bytes().startswith(b"%PDF")
    assert info["circle"] in ("state", "un-confidential")
    assert "p4" in [r["person"] for r in info["redacted"]]  # consent none: never named
    again = cli("draft", case_id, "--to", "tb:CAT", "--format", "pdf", "-o", out)
    assert again.code == 2 and "exists" in again.err
    shown = cli("case", "show", case_id, "--json").json()
    assert "draft-made" in [h["event"] for h in shown["history"]]


def test_draft_from_facts_to_stdout_and_eml(cli, tmp_path):
    text = cli("draft", "--facts", DISBARRED, "--to", "sg:report", "--anonymise")
    assert text.code == 0, text.err
    assert "Claudine Irakoze" not in text.out  # consent none
    eml = tmp_path / "m.eml"
    result = cli("draft", "--facts", DISBARRED, "--to", "sg:report", "--anonymise", "--format", "eml", "-o", eml)
    assert result.code == 0, result.err
    message = email.message_from_bytes(eml.read_bytes())
    assert message["To"] == "reprisals@ohchr.org"
    assert cli("draft", "--facts", DISBARRED, "--to", "sg:report", "--format", "pdf").code == 2


def test_evidence_add_list_verify_export(vault_dir, cli, tmp_path):
    case_id = case_id_for(cli, "HN")
    photo = tmp_path / "tyres.jpg"
    photo.write_bytes(b"\xff\xd8 not really a jpeg " * 1000)
    added = cli("evidence", "add", case_id, photo, "--names", "p1", "--json")
    assert added.code == 0, added.err
    evidence_id = added.json()["id"]
    assert cli("evidence", "list", case_id, "--json").json()[0]["names_people"] == ["p1"]
    assert cli("evidence", "verify", "--json").json() == {"checked": 1, "ok": True, "mismatches": []}
    out = tmp_path / "back.jpg"
    assert cli("evidence", "export", evidence_id, "-o", out).code == 0
    assert out.read_bytes() == photo.read_bytes()
    assert cli("evidence", "export", evidence_id, "-o", out).code == 2  # exists
    assert cli("evidence", "add", case_id, photo, "--names", "p9").code == 2
    assert cli("evidence", "add", case_id, tmp_path / "nope.jpg").code == 2


def test_follow_up_through_the_cli(vault_dir, cli, tmp_path):
    case_id = case_id_for(cli, "HN")
    sent = cli("action", "add", case_id, "--to", "hrc:president", "--action", "raise-with-delegation",
               "--person", "p1", "--on", "2026-11-20", "--json")
    assert sent.code == 0, sent.err
    action_id = sent.json()["id"]
    # p2 consented to nothing: an action identifying everyone is refused.
    refused = cli("action", "add", case_id, "--to", "hrc:president", "--action", "raise-with-delegation",
                  "--on", "2026-11-20")
    assert refused.code == 4 and "p2" in refused.err
    answered = cli("response", "add", case_id, "--kind", "acknowledgment", "--to-action", action_id,
                   "--on", "2026-11-22", "--json")
    assert answered.code == 0, answered.err
    early = cli("response", "add", case_id, "--kind", "state-reply", "--to-action", action_id, "--on", "2026-11-01")
    assert early.code == 2 and "before" in early.err
    timeline = cli("timeline", case_id, "--json").json()
    kinds = [e["kind"] for e in timeline["timeline"]]
    assert kinds.index("action") < kinds.index("response")
    due = cli("due", "--json").json()
    assert any(d["case"] == case_id and d["action"] == action_id for d in due)
    ics = tmp_path / "due.ics"
    assert cli("due", "--ics", ics).code == 0
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    assert calendar.walk("VEVENT")
    assert b"Mej" not in ics.read_bytes()


@pytest.mark.parametrize("within", ["14x", "soon"])
def test_due_within_bad_value(vault_dir, cli, within):
    result = cli("due", "--within", within)
    assert result.code == 2 and "14d" in result.err


def test_statuses_in_bulk_agree_with_one_by_one(vault_dir, cli):
    from cli_support import PASSPHRASE

    from amparo.service.workspace import Workspace

    with Workspace.open(vault_dir, PASSPHRASE) as ws:
        ids = [c.id for c in ws.cases.list()]
        before = ws.followup.statuses()  # all cases: computed once and kept for this state of the vault
        assert before[ids[0]].value != "closed"
        ws.followup.close(ids[0], "released")  # a write: what was kept no longer holds
        bulk = ws.followup.statuses(ids)
        assert bulk == {i: ws.followup.status(i) for i in ids}
        assert bulk[ids[0]].value == "closed"
        assert {s.value for s in bulk.values()} >= {"closed", "follow-up-due"}
