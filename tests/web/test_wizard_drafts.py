"""The triage wizard (nothing saved), the plan, drafts, recording sent and responses, the dashboard."""

from __future__ import annotations

import re

from web_support import AIRPORT, AIRPORT_ANSWERS, came_back, post, token, walk_wizard


def test_wizard_ends_on_the_plan_with_a_blocked_public_step_and_saves_nothing(client):
    ws = client.app.state.keeper.workspace
    before = ws.summary()["cases"]
    html = walk_wizard(client).text
    assert "Where to turn" in html and "Save as a case" in html
    assert "What you can do now" in html and re.search(r"\d+ steps? that needs? more consent", html)
    assert "the public, with names" in html
    # Who a step tells and leaves out, by the names typed in the wizard; never a ref.
    assert "It names: Ana Testperson." in html and "It leaves out: Bea Testrelative." in html
    # Only Ana's consent can open a public step: no reprisal concerns Bea, so her agreeing
    # alone would leave the step nobody to act for.
    assert "Ana Testperson agrees that the public, with names may be told" in html
    assert "Bea Testrelative agrees that" not in html
    assert html.count('class="btn primary"') == html.count('<details class="card avenue"')  # one per avenue
    assert ws.summary()["cases"] == before


def test_wizard_step_errors_show_beside_the_field_and_keep_answers(client):
    r = client.post("/triage", data={"csrf_token": token(client), "step": "2", "go": "3", "eng_date": "24/02/2026",
                                     "body": "hrc", "kind": "travel-to-session"})
    assert r.status_code == 422 and "year-month-day" in r.text and 'value="24/02/2026"' in r.text
    r = client.post("/triage", data={"csrf_token": token(client), "step": "3", "go": "2", "p1_name": "Kept Name"})
    assert r.status_code == 200 and 'value="Kept Name"' in r.text  # going back keeps what was typed
    bad = {**AIRPORT_ANSWERS, "r1_date": "2099-01-01"}
    r = client.post("/triage", data={"csrf_token": token(client), "step": "6", "go": "7", **bad})
    assert r.status_code == 422 and "What happened to you" in r.text and "future" in r.text


def test_wizard_case_can_be_saved_and_drafted_unsaved(client):
    html = walk_wizard(client).text
    facts = re.search(r'name="facts" value="([^"]+)"', html).group(1)
    import html as h

    r = client.post("/triage/draft", data={"csrf_token": token(client), "facts": h.unescape(facts),
                                           "avenue": "hrc:president", "language": "en", "fmt": "txt"})
    assert r.status_code == 200 and r.headers["content-disposition"].startswith("attachment")
    assert "Bea Testrelative" not in r.text  # no consent: never named
    r = client.post("/triage/save", data={"csrf_token": token(client), "facts": h.unescape(facts)})
    assert r.status_code == 200 and r.url.path.endswith("/plan")
    assert client.app.state.keeper.workspace.summary()["cases"] == 5


def test_draft_download_record_sent_response_and_dashboard(client, ids):
    case_id = ids[AIRPORT]
    ws = client.app.state.keeper.workspace
    r = post(client, f"/cases/{case_id}/drafts", {"avenue": "sg:senior-official", "language": "en", "fmt": "pdf"})
    assert r.status_code == 200 and "Download the draft" in r.text
    draft_id = r.url.path.rsplit("/", 1)[-1]
    pdf = client.get(f"/drafts/{draft_id}/download")
    assert pdf.content.startswith(b"%PDF") and "Mej" not in pdf.headers["content-disposition"]
    r = post(client, f"/cases/{case_id}/actions", {"avenue": "sg:senior-official", "draft_id": draft_id,
                                                   "disclosure": "un-confidential", "sent_on": "2026-11-20",
                                                   "people": "p1",
                                                   "channel": "email"})
    assert r.status_code == 200 and r.url.path == f"/cases/{case_id}"
    actions = [t for t in ws.followup.timeline(case_id) if t.kind == "action" and t.date.isoformat() == "2026-11-20"]
    assert actions
    dash = client.get("/").text
    assert case_id in dash and "What is due" in dash
    r = post(client, f"/cases/{case_id}/responses", {"action_id": actions[0].ids["action"],
                                                     "kind": "acknowledgment", "received_on": "2026-11-25"})
    assert r.status_code == 200
    assert any(t.kind == "response" and t.date.isoformat() == "2026-11-25" for t in ws.followup.timeline(case_id))


def test_recording_beyond_consent_is_refused_on_the_form(client, ids):
    case_id = ids[AIRPORT]
    r = post(client, f"/cases/{case_id}/actions", {"avenue": "sg:report", "disclosure": "public-named", "people": "p2",
                                                   "sent_on": "2026-11-20", "channel": "email",
                                                   "note": "typed note kept"})
    assert came_back(r) and "more than the people in the case agreed to" in r.text and "typed note kept" in r.text
    r = post(client, f"/cases/{case_id}/actions", {"avenue": "sg:report", "sent_on": "soon", "channel": "pigeon"})
    assert came_back(r) and "year-month-day" in r.text and "Pick how it was sent" in r.text


def test_draft_to_an_avenue_that_does_not_fit_shows_the_error_on_the_plan(client, ids):
    r = post(client, f"/cases/{ids[AIRPORT]}/drafts", {"avenue": "tb:CEDAW", "fmt": "txt"})
    assert came_back(r) and "does not deal with a case like this" in r.text


def test_the_plan_page_keeps_the_language_switch(client):
    # The letter languages once shadowed the page's language list: the switch showed
    # single letters ("n s r") instead of the languages.
    page = walk_wizard(client)
    assert ">English</a>" in page.text and ">Français</a>" in page.text and ">Español</a>" in page.text


def test_language_links_on_a_posted_page_lead_to_a_page_that_exists(client, ids):
    # A form with an error is shown at the URL it was posted to, which has no GET route.
    page = post(client, f"/cases/{ids[AIRPORT]}/drafts", {"avenue": "tb:CEDAW", "fmt": "txt"})
    assert came_back(page)
    links = set(re.findall(r'href="([^"]+)\?lang=fr"', page.text))
    assert links
    for link in links:
        assert client.get(link + "?lang=fr").status_code == 200, link


def test_an_error_about_the_second_person_given_points_at_the_slot_it_came_from():
    from amparo.web.wizard_steps import field_for

    answers = {"p1_name": "A", "p2_name": "", "p3_name": "C", "r1_type": "threats", "r2_type": "hacking"}
    assert field_for("people[1].role", answers) == "p3_role"
    assert field_for("reprisals[1].date", answers) == "r2_date"
    assert field_for("people[5].name", answers) is None
    assert field_for("country", answers) == "country"
