"""``amparo profile set/show`` and what a draft then says: From, letterhead, warnings first."""

from __future__ import annotations

import email
from email import policy

from test_cli_workflow import case_id_for


def test_profile_set_show_and_a_bad_email_changes_nothing(vault_dir, cli):
    empty = cli("profile", "show")
    assert empty.code == 0 and "No profile yet" in empty.out
    done = cli("profile", "set", "--organisation", "Red Andina", "--contact", "Ana Quispe",
               "--email", "ana@red.example", "--signature", "Ana Quispe\\nCoordinadora",
               "--time-zone", "America/Lima")
    assert done.code == 0, done.err
    shown = cli("profile", "show", "--json").json()
    assert shown["email"] == "ana@red.example" and shown["signature"] == "Ana Quispe\nCoordinadora"
    bad = cli("profile", "set", "--email", "ana at red")
    assert bad.code != 0 and "email" in bad.err and "Traceback" not in bad.err
    assert cli("profile", "show", "--json").json()["email"] == "ana@red.example"


def test_a_draft_warns_before_writing_and_is_from_the_profile(vault_dir, cli, tmp_path):
    case_id = case_id_for(cli, "HN")
    out = tmp_path / "letter.eml"
    without = cli("draft", case_id, "--to", "hrc:president", "--format", "eml", "-o", out)
    assert without.code == 0, without.err
    assert "amparo profile set" in without.err and "No email address is known" in without.err
    assert cli("profile", "set", "--organisation", "Red Andina", "--contact", "Ana Quispe",
               "--email", "ana@red.example").code == 0
    again = cli("draft", case_id, "--to", "hrc:president", "--format", "eml", "-o", out, "--force", "--json")
    assert again.code == 0, again.err
    assert again.json()["warnings"] and again.json()["cc"] == ["reprisals@ohchr.org"]
    msg = email.message_from_bytes(out.read_bytes(), policy=policy.strict)
    assert msg["From"].addresses[0].addr_spec == "ana@red.example"
    assert msg["Cc"].addresses[0].addr_spec == "reprisals@ohchr.org"
    assert "Red Andina" in msg.get_body().get_content()


def test_a_draft_without_lang_is_in_the_profile_language_unless_the_avenue_does_not_take_it(vault_dir, cli):
    case_id = case_id_for(cli, "HN")
    plan = cli("triage", case_id, "--json").json()
    sp = next(a["id"] for a in plan["avenues"] if a["family"] == "sp")
    assert cli("profile", "set", "--organisation", "Red Andina", "--language", "fr").code == 0
    french = cli("draft", case_id, "--to", "hrc:president", "--json")
    assert french.code == 0, french.err
    assert french.json()["language"] == "fr"
    # The Special Procedures take English, French and Spanish: Russian is said, not used.
    assert cli("profile", "set", "--language", "ru").code == 0
    russian = cli("draft", case_id, "--to", sp, "--json")
    assert russian.code == 0, russian.err
    assert russian.json()["language"] == "en"
    assert "does not take letters in ru" in russian.err and "en, fr, es" in russian.err
    # An explicit --lang wins over the profile.
    assert cli("draft", case_id, "--to", "hrc:president", "--lang", "es", "--json").json()["language"] == "es"
