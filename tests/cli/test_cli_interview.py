"""`amparo case new` asks in plain language and stores what an import would accept."""

from __future__ import annotations

import io

INTERVIEW = "\n".join([
    "Journalist smeared after a UPR side event",  # title
    "Bahrain",  # country, by name
    "Nour Testperson",  # name
    "journalist", "woman", "",  # role, gender, organisation (none)
    "abroad",  # where now
    "c", "y", "n", "y", "n",  # consent: pick circles one by one → UN + anonymous public
    "in-person",  # how consent was given
    "n",  # no other person
    "upr", "side-event", "2031-01-01", "2026-05-05",  # a future date is asked again
    "n",
    "smear-campaign", "2026-05-08", "state-media", "Photo printed with a red circle.", "",
    "n",
    "",  # notes
]) + "\n"


def test_case_new_interview_saves_a_valid_case(vault_dir, cli, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(INTERVIEW))
    result = cli("case", "new", "--json")
    assert result.code == 0, result.err + result.out[-2000:]
    import json

    new_id = json.loads(result.out[result.out.rindex("{"):])["id"]
    shown = cli("case", "show", new_id, "--json").json()
    person = shown["people"][0]
    assert person["consent"] == ["un-confidential", "public-anonymous"]
    assert person["consent_record"]["method"] == "in-person"
    assert shown["engagements"][0]["date"] == "2026-05-05"
    assert shown["reprisals"][0]["perpetrator"] == "state-media"


def test_kb_check_passes_and_lists(cli):
    assert cli("kb", "check").code == 0
    listed = cli("kb", "list", "--family", "tb", "--json").json()
    assert {a["id"] for a in listed} >= {"tb:CAT", "tb:SPT", "tb:CED"}
    shown = cli("kb", "show", "sg:report", "--json").json()
    assert any(c["address"] == "reprisals@ohchr.org" for c in shown["channels"])
    missing = cli("kb", "show", "tb:CATT")
    assert missing.code == 3 and "nearest" in missing.err
