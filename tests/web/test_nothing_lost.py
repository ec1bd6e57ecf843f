"""Nothing typed is lost: the wizard's answers live in the session's server memory across
steps, language switches, errors and a refused draft; errors sit beside their field with
a summary at the top; case fields ask the browser not to remember them."""

from __future__ import annotations

import html
import re

from web_support import AIRPORT_ANSWERS, post, token, walk_wizard


def _value(page: str, name: str) -> str | None:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else None


def test_the_wizard_keeps_its_answers_across_a_language_switch(client):
    # Step 3 answered, step 4 being typed when the user switches to French (amparo.js
    # posts the current fields with go=<this step> to /triage?lang=fr).
    answers = {k: v for k, v in AIRPORT_ANSWERS.items() if not k.endswith("_consent")}
    for step in (1, 2, 3):
        client.post("/triage", data={"csrf_token": token(client), "step": str(step), "go": str(step + 1), **answers})
    typing = {**answers, "country": "HN", "p1_location": "in-exile"}
    r = client.post("/triage?lang=fr", data={"csrf_token": token(client), "step": "4", "go": "4", **typing})
    assert r.status_code == 200 and '<html lang="fr"' in r.text and "Où êtes-vous maintenant" in r.text
    assert re.search(r'<option value="in-exile"\s+selected', r.text)
    # A plain link (no script) keeps what was sent so far, in the language chosen.
    again = client.get("/triage?lang=es").text
    assert '<html lang="es"' in again and re.search(r'<option value="in-exile"\s+selected', again)
    assert _value(again, "p1_name") == "Ana Testperson"  # an earlier step, kept in a hidden field


def test_the_wizard_answers_survive_a_refused_draft_and_an_error_page(client):
    plan = walk_wizard(client).text
    facts = html.unescape(re.search(r'name="facts" value="([^"]+)"', plan).group(1))
    refused = client.post("/triage/draft", data={"csrf_token": token(client), "facts": facts,
                                                 "avenue": "no:such-body", "language": "en", "fmt": "txt"})
    assert refused.status_code == 422 and "Where to turn" in refused.text  # the plan again, not a dead end
    back = client.get("/triage").text
    assert _value(back, "p1_name") == "Ana Testperson" and _value(back, "p2_name") == "Bea Testrelative"
    broken = client.post("/triage/save", data={"csrf_token": token(client), "facts": "{not json"})
    assert "Back to the questions, with your answers" in broken.text


def test_starting_again_and_locking_forget_the_answers(client):
    walk_wizard(client)
    post(client, "/triage/reset")
    assert _value(client.get("/triage").text, "p1_name") is None
    walk_wizard(client)
    keeper = client.app.state.keeper
    post(client, "/lock")
    assert all(not s.wizard for s in keeper._sessions.values())


def test_errors_are_listed_at_the_top_taking_focus_and_shown_beside_their_field(client):
    r = client.post("/triage", data={"csrf_token": token(client), "step": "1", "go": "2"})
    assert r.status_code == 422
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', r.text, re.S)
    assert summary and "data-focus" in r.text.split('class="error-summary"')[1].split(">")[0]
    assert 'href="#f-body"' in summary.group(1) and 'href="#f-kind"' in summary.group(1)
    assert 'id="body-error"' in r.text and 'aria-describedby="body-error"' in r.text


def test_every_field_that_can_hold_case_data_is_kept_out_of_the_browsers_memory(client, ids):
    case_id = ids["4-coordinator-stopped-at-airport"]
    pages = [client.get(f"/cases/{case_id}").text, client.get("/cases").text, walk_wizard(client).text]
    for step in range(1, 7):
        pages.append(client.post("/triage", data={"csrf_token": token(client), "step": "1", "go": str(step)}).text)
    for page in pages:
        for tag in re.findall(r"<(?:input|textarea|select)\b[^>]*>", page):
            if re.search(r'type="(?:hidden|submit|checkbox|radio|file)"', tag):
                continue
            assert 'autocomplete="off"' in tag, tag
        for form in re.findall(r"<form\b[^>]*>", page):
            if 'action="/lock"' not in form:
                assert 'autocomplete="off"' in form, form


def test_language_links_on_a_posted_page_stay_on_that_page(client):
    # FastAPI keeps included routers as routers: the links used to fall back to "/".
    r = client.post("/triage", data={"csrf_token": token(client), "step": "1", "go": "2", **AIRPORT_ANSWERS})
    assert 'href="/triage?lang=fr"' in r.text and 'href="/?lang=fr"' not in r.text
