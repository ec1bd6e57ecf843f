"""The case page's consent form (scopes per avenue, review date) and its consent sheet button."""

from __future__ import annotations

import html
import re
import subprocess
from datetime import timedelta

from fastapi.testclient import TestClient
from web_support import AIRPORT, NOW, build_app, came_back, post, unlock

from amparo.service.workspace import Workspace
from amparo.web import WebSettings, create_app
from amparo.web.keeper import KeyKeeper


def pdf_text(data: bytes) -> str:
    """What pdftotext reads from a PDF (as a person's PDF reader would show it)."""
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode("utf-8")


def _errors(page: str) -> dict[str, str]:
    """Each error shown beside a field: its element id -> its text."""
    return {m.group(1): html.unescape(m.group(2))
            for m in re.finditer(r'<p class="field-error" id="([^"]+)">([^<]*)</p>', page)}


def _input_value(page: str, field_id: str) -> str:
    found = re.search(rf'<input[^>]*id="{re.escape(field_id)}"[^>]*value="([^"]*)"', page)
    assert found, field_id
    return html.unescape(found.group(1))


def _selected(page: str, field_id: str) -> str:
    block = re.search(rf'<select id="{re.escape(field_id)}".*?</select>', page, re.S)
    assert block, field_id
    chosen = re.search(r'<option value="([^"]*)"\s+selected', block.group(0))
    return chosen.group(1) if chosen else ""


def test_scopes_and_a_review_date_go_in_and_come_back_on_the_page(client, ids):
    case_id = ids[AIRPORT]
    r = post(client, f"/cases/{case_id}/people/p1/consent", {
        "consent": "state", "confirm": "yes", "method": "by-phone", "review_on": "2027-03-01",
        "scope-0-avenue": "sg:report", "scope-0-level": "public-anonymous",
        "scope-1-avenue": "sp:*", "scope-1-level": "none", "scope-2-avenue": "", "scope-2-level": ""})
    assert r.status_code == 200
    ws = client.app.state.keeper.workspace
    assert ws.cases.get(case_id).person("p1").consent.to_facts() == {
        "circles": "state", "per_avenue": {"sg:report": "public-anonymous", "sp:*": "none"},
        "review_on": "2027-03-01"}
    page = client.get(f"/cases/{case_id}").text
    assert _selected(page, "f-p1-scope-0-avenue") == "sg:report"
    assert _selected(page, "f-p1-scope-0-level") == "public-anonymous"
    assert _selected(page, "f-p1-scope-1-avenue") == "sp:*"
    assert _selected(page, "f-p1-scope-1-level") == "none"
    assert _selected(page, "f-p1-scope-2-avenue") == ""  # room to add one more
    assert _input_value(page, "f-p1-review") == "2027-03-01"
    assert "To be reviewed with the person by 2027-03-01" in page
    # Every field has its label.
    for field in ("f-p1-scope-0-avenue", "f-p1-scope-0-level", "f-p1-review"):
        assert f'<label for="{field}">' in page
    # Saved again without touching the scopes: they are kept.
    post(client, f"/cases/{case_id}/people/p1/consent", {
        "consent": "un-confidential", "confirm": "yes", "review_on": "2027-03-01",
        "scope-0-avenue": "sg:report", "scope-0-level": "public-anonymous",
        "scope-1-avenue": "sp:*", "scope-1-level": "none"})
    assert ws.cases.get(case_id).person("p1").consent.to_facts()["per_avenue"] == {
        "sg:report": "public-anonymous", "sp:*": "none"}


def test_bad_scopes_and_dates_come_back_beside_their_fields_with_everything_typed_kept(client, ids):
    case_id = ids[AIRPORT]
    ws = client.app.state.keeper.workspace
    before = (ws.cases.get(case_id).person("p1").consent, len(ws.cases.stored(case_id).consent_history))
    r = post(client, f"/cases/{case_id}/people/p1/consent", {
        "consent": "un-confidential", "confirm": "yes", "method": "by-relative", "review_on": "2026-01-01",
        "note": "asked at the meeting", "scope-0-avenue": "sg:repor", "scope-0-level": "none",
        "scope-1-avenue": "sp:*", "scope-1-level": ""})
    assert came_back(r)
    page = r.text
    errors = _errors(page)
    assert errors["consent-p1-scope-0-error"] == "Amparo knows no avenue by this id. Nearest: sg:report"
    assert errors["consent-p1-scope-1-error"] == "Pick how far the case may go with this avenue."
    r2 = post(client, f"/cases/{case_id}/people/p1/consent", {
        "consent": "un-confidential", "confirm": "yes", "review_on": "2026-01-01",
        "scope-0-avenue": "sg:report", "scope-0-level": "none"})
    assert "Give a review date after today" in _errors(r2.text)["consent-p1-review_on-error"]
    # What was typed is all there: the avenue text, the levels, the date, the note, the choices.
    assert _selected(page, "f-p1-scope-0-avenue") == "sg:repor"
    assert _selected(page, "f-p1-scope-0-level") == "none"
    assert _selected(page, "f-p1-scope-1-avenue") == "sp:*"
    assert _input_value(page, "f-p1-review") == "2026-01-01"
    assert _input_value(page, "f-p1-note") == "asked at the meeting"
    assert _selected(page, "f-p1-method") == "by-relative"
    assert re.search(r'value="un-confidential"\s+checked', page)
    assert 'aria-describedby="consent-p1-scope-0-error"' in page
    assert (ws.cases.get(case_id).person("p1").consent, len(ws.cases.stored(case_id).consent_history)) == before


def test_an_avenue_given_twice_or_a_level_without_avenue_is_refused(client, ids):
    case_id = ids[AIRPORT]
    r = post(client, f"/cases/{case_id}/people/p2/consent", {
        "consent": "state", "confirm": "yes", "scope-0-avenue": "sg:report", "scope-0-level": "none",
        "scope-1-avenue": "sg:report", "scope-1-level": "state", "scope-2-avenue": "", "scope-2-level": "state"})
    assert came_back(r)
    errors = _errors(r.text)
    assert "give each avenue once" in errors["consent-p2-scope-1-error"]
    assert "Write the avenue's id" in errors["consent-p2-scope-2-error"]
    assert client.app.state.keeper.workspace.cases.get(case_id).person("p2").consent.to_facts() == "none"


def test_a_consent_past_its_review_date_says_so_and_asks_for_a_new_date(demo, ids):
    vault, _ = demo
    case_id = ids[AIRPORT]
    with TestClient(build_app(vault), follow_redirects=True) as c:
        assert unlock(c).status_code == 200
        post(c, f"/cases/{case_id}/people/p1/consent", {"consent": "state", "confirm": "yes",
                                                        "review_on": "2026-12-01"})
    # Three weeks later, the review date has passed.
    later = NOW + timedelta(days=21)
    keeper = KeyKeeper(WebSettings(vault=vault),
                       open_workspace=lambda p: Workspace.open(vault, p, actor="web", clock=lambda: later))
    with TestClient(create_app(WebSettings(vault=vault), keeper=keeper), follow_redirects=True,
                    base_url="http://127.0.0.1") as c:
        assert unlock(c).status_code == 200
        page = c.get(f"/cases/{case_id}").text
        assert "This consent passed its review date on 2026-12-01" in page
        assert _input_value(page, "f-p1-review") == ""  # a past date is not offered back
        due = [i.to_json() for i in keeper.workspace.followup.due() if i.deadline.case_id == case_id]
        assert any(d["kind"] == "consent-expired" and d["person"] == "p1" and d["overdue"] for d in due)
        assert "has passed its review date" in c.get("/").text  # the due list, in words


def test_the_sheet_button_downloads_one_persons_sheet_in_their_language(client, ids):
    case_id = ids[AIRPORT]
    page = client.get(f"/cases/{case_id}").text
    assert 'action="/cases/' + case_id + '/consent-sheet"' in page
    for field in ("f-sheet-person", "f-sheet-language", "f-sheet-fmt"):
        assert f'<label for="{field}">' in page
    ws = client.app.state.keeper.workspace
    seq = ws.store.audit.entries()[-1].seq
    r = post(client, f"/cases/{case_id}/consent-sheet", {"person": "p1", "language": "fr", "fmt": "pdf"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == f'attachment; filename="{case_id}-consent-p1-fr-2026-11-28.pdf"'
    text = re.sub(r"\s+", " ", pdf_text(r.content))
    assert "Entretien sur le consentement avec Rosa Elvira Mejía" in text and "Daniela" not in text
    assert [(e.verb, e.object_id) for e in ws.store.audit.entries(after=seq)] == [("consent.sheet", f"{case_id}/p1")]
    md = post(client, f"/cases/{case_id}/consent-sheet", {"person": "", "language": "es", "fmt": "md"})
    assert md.headers["content-type"].startswith("text/markdown")
    assert "Conversación sobre el consentimiento con Daniela Mejía" in md.text


def test_a_bad_sheet_request_comes_back_beside_its_fields(client, ids):
    case_id = ids[AIRPORT]
    r = post(client, f"/cases/{case_id}/consent-sheet", {"person": "p9", "language": "de", "fmt": "pdf"})
    assert came_back(r)
    errors = _errors(r.text)
    assert "Pick one of the choices offered." in errors["sheet-person-error"]
    assert "Pick one of the choices offered." in errors["sheet-language-error"]
    r = post(client, f"/cases/{case_id}/consent-sheet", {"person": "p1", "language": "fr", "fmt": "odt"})
    assert came_back(r) and "sheet-fmt-error" in _errors(r.text)


def test_the_forms_faults_are_told_in_the_pages_language(client, ids):
    case_id = ids[AIRPORT]
    client.get(f"/cases/{case_id}?lang=fr")
    r = post(client, f"/cases/{case_id}/people/p1/consent", {
        "consent": "state", "confirm": "yes", "review_on": "2026-01-01",
        "scope-0-avenue": "sg:repor", "scope-0-level": "none", "scope-1-avenue": "zz:*", "scope-1-level": "none"})
    errors = _errors(r.text)
    assert errors["consent-p1-scope-0-error"] == ("Amparo ne connaît aucune voie avec cet identifiant. "
                                                  "Les plus proches\u00a0: sg:report")
    assert errors["consent-p1-scope-1-error"].startswith("Aucune famille de voies ne porte ce nom. Les familles "
                                                         "sont\u00a0: ")
    assert errors["consent-p1-review_on-error"].startswith("Donnez une date de réexamen postérieure")
