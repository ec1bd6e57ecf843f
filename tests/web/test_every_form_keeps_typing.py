"""Nothing typed is lost, on every form: a refused form comes back (after a redirect, so
the browser's Back never offers to send it again) with what was typed, the error beside
the field in the page's language and a summary at the top that takes focus. Passphrases
are the exception: never sent back to the browser."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from page_text import visible_text
from web_support import AIRPORT, build_app, came_back, csrf_of, post, token

from amparo.model.facts.text import NARRATIVE_MAX

TYPED = "Typed after the meeting with Bea, keep me"


def _summary(page: str) -> str:
    found = re.search(r'<div class="error-summary"[^>]*data-focus[^>]*>(.*?)</div>', page, re.S)
    assert found, "no focused error summary"
    return found.group(1)


def _error(page: str, error_id: str) -> str:
    found = re.search(rf'<p class="field-error" id="{error_id}"[^>]*>(.*?)</p>', page, re.S)
    assert found, f"no error {error_id}"
    return found.group(1)


def _links_reach_fields(page: str) -> None:
    # Each line of the summary leads to a field that exists on the page.
    for target in re.findall(r'<a href="#([^"]+)"', _summary(page)):
        assert f'id="{target}"' in page, target


def test_a_note_too_long_comes_back_whole_beside_the_field_in_french(client, ids):
    case_id = ids[AIRPORT]
    client.get(f"/cases/{case_id}?lang=fr")
    text = TYPED + " " + "x" * NARRATIVE_MAX
    r = post(client, f"/cases/{case_id}/notes", {"text": text})
    assert came_back(r) and r.url.path == f"/cases/{case_id}"
    assert text in r.text  # every character typed, in the textarea
    assert "caractères" in _error(r.text, "note-text-error")
    _links_reach_fields(r.text)
    assert client.app.state.keeper.workspace.cases.notes(case_id) == []
    assert text not in client.get(f"/cases/{case_id}").text  # shown once, not kept for ever


def test_a_note_with_a_character_that_cannot_be_stored_says_where(client, ids):
    case_id = ids[AIRPORT]
    r = post(client, f"/cases/{case_id}/notes", {"text": TYPED + "\x1b[2J"})
    assert came_back(r) and "character that cannot be stored" in _error(r.text, "note-text-error")
    assert TYPED in r.text


def test_a_consent_edit_refused_keeps_the_note_method_and_dates(client, ids):
    case_id = ids[AIRPORT]
    r = post(client, f"/cases/{case_id}/people/p2/consent",
             {"consent": "un-confidential", "method": "by-phone", "note": TYPED, "given_on": "2026-13-40"})
    assert came_back(r)
    assert "Tick the box" in _error(r.text, "consent-p2-confirm-error")
    assert "year-month-day" in _error(r.text, "consent-p2-given_on-error")
    assert TYPED in r.text and 'value="2026-13-40"' in r.text
    assert re.search(r'value="by-phone"\s+selected', r.text)
    assert re.search(r'value="un-confidential"[^>]*checked', r.text)
    _links_reach_fields(r.text)
    assert client.app.state.keeper.workspace.cases.get(case_id).person("p2").consent.to_facts() == "none"


def test_an_answer_refused_keeps_the_reference_and_note_in_spanish(client, ids):
    case_id = ids[AIRPORT]
    post(client, f"/cases/{case_id}/actions", {"avenue": "sg:report", "disclosure": "un-confidential",
                                               "people": "p1", "sent_on": "2026-11-20", "channel": "email"})
    client.get(f"/cases/{case_id}?lang=es")
    r = post(client, f"/cases/{case_id}/responses", {"kind": "acknowledgment", "received_on": "ayer",
                                                     "reference": "HRC/2026/123", "note": TYPED})
    assert came_back(r)
    assert "año-mes-día" in _error(r.text, "response-received_on-error") or "2026-03-02" in r.text
    assert 'value="HRC/2026/123"' in r.text and TYPED in r.text
    assert re.search(r'value="acknowledgment"\s+selected', r.text)
    assert re.search(r"<details open>\s*<summary>[^<]*</summary>\s*<form[^>]*/responses", r.text)  # not folded
    _links_reach_fields(r.text)


def test_something_sent_beyond_consent_keeps_the_note_and_says_what_to_do(client, ids):
    case_id = ids[AIRPORT]
    r = post(client, f"/cases/{case_id}/actions", {"avenue": "sg:report", "disclosure": "public-named",
                                                   "people": "p2", "sent_on": "2026-11-20", "channel": "letter",
                                                   "note": TYPED})
    assert came_back(r) and TYPED in r.text
    text = visible_text(r.text)
    assert "wider consent on the case page" in text and "p2" not in text and "--beyond" not in text
    assert re.search(r'value="letter"\s+selected', r.text)
    assert re.search(r'value="p1"\s*>', r.text) and re.search(r'value="p2"\s+checked', r.text)


def test_closing_without_an_outcome_keeps_the_date(client, ids):
    case_id = ids[AIRPORT]
    r = post(client, f"/cases/{case_id}/close", {"outcome": "", "closed_on": "2026-11-02"})
    assert came_back(r) and "Pick an outcome." in _error(r.text, "close-outcome-error")
    assert 'value="2026-11-02"' in r.text
    _links_reach_fields(r.text)


def test_evidence_too_large_keeps_the_description_and_the_people(demo):
    vault, ids = demo
    with TestClient(build_app(vault, max_upload_mb=0.25), follow_redirects=True) as c:
        from web_support import unlock

        unlock(c)
        case_id = ids[AIRPORT]
        r = c.post(f"/cases/{case_id}/evidence",
                   data={"csrf_token": token(c), "description": TYPED, "names_people": ["p2"]},
                   files={"file": ("big.bin", b"x" * 400_000, "application/octet-stream")})
        assert came_back(r) and "larger than the limit" in _error(r.text, "evidence-file-error")
        assert f'value="{TYPED}"' in r.text and re.search(r'name="names_people" value="p2"\s+checked', r.text)
        _links_reach_fields(r.text)


def test_evidence_of_a_wrong_kind_is_refused_with_the_description_kept(client, ids):
    case_id = ids[AIRPORT]
    r = post(client, f"/cases/{case_id}/evidence", {"description": TYPED},
             files={"file": ("a\x1bname.txt", b"hello", "text/plain")})
    assert came_back(r) and "cannot be stored" in _error(r.text, "evidence-file-error")
    assert f'value="{TYPED}"' in r.text
    assert client.app.state.keeper.workspace.evidence.list(case_id) == []


def test_a_refused_draft_keeps_the_letter_options_on_the_plan(client, ids):
    case_id = ids[AIRPORT]
    r = post(client, f"/cases/{case_id}/drafts", {"avenue": "tb:CEDAW", "language": "fr", "fmt": "docx",
                                                  "anonymise": "yes"})
    assert came_back(r) and r.url.path == f"/cases/{case_id}/plan"
    assert "does not deal with a case like this" in r.text
    summary = _summary(r.text)
    assert "does not deal" in summary


def test_a_draft_refused_for_a_body_in_the_plan_keeps_its_options_beside_its_button(client, ids):
    case_id = ids[AIRPORT]
    plan = client.get(f"/cases/{case_id}/plan").text
    avenue = re.search(r'name="avenue" value="([^"]+)"', plan).group(1)
    r = post(client, f"/cases/{case_id}/drafts", {"avenue": avenue, "action": "no-such-step", "language": "es",
                                                  "fmt": "docx", "anonymise": "yes"})
    assert came_back(r)
    form = r.text.split(f'name="avenue" value="{avenue}"')[1].split("</form>")[0]
    assert re.search(r'value="es"\s+selected', form) and re.search(r'value="docx"\s+selected', form)
    assert re.search(r'name="anonymise" value="yes"\s+checked', form) and 'class="field-error"' in form
    _links_reach_fields(r.text)


def test_a_consent_sheet_refused_keeps_the_choices(client, ids):
    r = post(client, f"/cases/{ids[AIRPORT]}/consent-sheet", {"person": "p1", "language": "fr", "fmt": "odt"})
    assert came_back(r) and _error(r.text, "sheet-fmt-error")
    assert re.search(r'value="p1"\s+selected', r.text)
    assert re.search(r'id="f-sheet-language"[^>]*>.*?value="fr"\s+selected', r.text, re.S)


def test_a_wrong_passphrase_is_never_sent_back_but_where_to_go_is(demo):
    vault, _ = demo
    with TestClient(build_app(vault), follow_redirects=True) as c:
        page = c.get("/unlock?next=/cases").text
        r = c.post("/unlock", data={"csrf_token": csrf_of(page), "passphrase": "Wrong-Secret-42",
                                    "next": "/cases"})
        assert r.status_code == 401 and "does not open" in _error(r.text, "passphrase-error")
        assert "Wrong-Secret-42" not in r.text and 'name="next" value="/cases"' in r.text
        assert 'data-posted="/unlock"' in r.text  # amparo.js makes this entry the GET page: Back is safe
        _links_reach_fields(r.text)


def test_a_mistyped_new_passphrase_is_never_sent_back(tmp_path):
    with TestClient(build_app(tmp_path / "v"), follow_redirects=True) as c:
        page = c.get("/").text
        r = c.post("/vault/create", data={"csrf_token": csrf_of(page), "passphrase": "lantern orchard velvet harbour",
                                          "passphrase2": "lantern orchard velvet harbor"})
        assert r.status_code == 422 and "differ" in _error(r.text, "passphrase2-error")
        assert "lantern" not in r.text.replace("lantern orchard", "")  # neither passphrase echoed
        assert "orchard velvet" not in r.text
        _links_reach_fields(r.text)


@pytest.mark.parametrize("form", ["notes", "close", "responses", "actions", "consent-sheet", "people/p1/consent"])
def test_a_refused_case_form_never_leaves_a_posted_page_in_the_history(client, ids, form):
    r = post(client, f"/cases/{ids[AIRPORT]}/{form}", {"fmt": "odt"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith(f"/cases/{ids[AIRPORT]}")


def test_a_search_too_long_keeps_the_words_and_says_why(client):
    words = " ".join(["Ana"] * 400)
    r = post(client, "/cases", {"text": words})
    assert r.status_code == 200 and "at most 1,000 fit here" in _error(r.text, "text-error")
    assert f'value="{words}"' in r.text
    _links_reach_fields(r.text)


def test_an_error_page_speaks_the_pages_language_and_never_the_services_english(client):
    client.get("/?lang=es")
    r = client.get("/cases?limit=many")
    assert r.status_code == 422 and "Input should be" not in r.text and "limit" not in visible_text(r.text)


def test_recording_a_draft_as_sent_with_a_bad_date_comes_back_to_the_draft_with_everything_kept(client, ids):
    case_id = ids[AIRPORT]
    r = post(client, f"/cases/{case_id}/drafts", {"avenue": "hrc:president", "language": "en", "fmt": "txt"})
    draft_url = r.url.path
    draft_id = draft_url.rsplit("/", 1)[1]
    r = post(client, f"/cases/{case_id}/actions", {"avenue": "hrc:president", "draft_id": draft_id,
                                                   "disclosure": "un-confidential", "action": "",
                                                   "people": "p1", "sent_on": "last week", "channel": "phone",
                                                   "note": TYPED})
    assert came_back(r) and r.url.path == draft_url
    assert "year-month-day" in _error(r.text, "action-sent_on-error") and TYPED in r.text
    assert 'value="last week"' in r.text and re.search(r'value="phone"\s+selected', r.text)
    assert re.search(r'name="people" value="p1"\s+checked', r.text)
    _links_reach_fields(r.text)
