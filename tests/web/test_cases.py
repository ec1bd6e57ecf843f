"""The case list, the case page, notes, consent changes, closing; bad form input."""

from __future__ import annotations

from web_support import AIRPORT, came_back, post


def test_case_list_filters_and_search(client, ids):
    r = client.get("/cases")
    assert all(case_id in r.text for case_id in ids.values())
    hn = client.get("/cases?country=HN").text
    assert ids[AIRPORT] in hn and ids["1-lawyer-detained-after-visit"] not in hn
    typed = client.get("/cases?type=airport-interrogation").text
    assert ids[AIRPORT] in typed and ids["3-threats-over-upr"] not in typed
    body = client.get("/cases?body=hrc").text
    assert ids[AIRPORT] in body
    status = client.get("/cases?status=closed").text
    assert "No case matches" in status
    found = post(client, "/cases", {"text": "tyres"}).text  # a word of one narrative
    assert ids[AIRPORT] in found and ids["1-lawyer-detained-after-visit"] not in found
    partial = post(client, "/cases", {"text": "tyres"}, headers={"HX-Request": "true"}).text
    assert partial.lstrip().startswith('<div id="case-rows"')


def test_case_page_shows_people_facts_evidence_notes_timeline(client, ids):
    html = client.get(f"/cases/{ids[AIRPORT]}").text
    for expected in ("Rosa Elvira Mejía", "Daniela Mejía", "Airport interrogation", "Evidence", "Notes", "Timeline",
                     "Record a change of consent", "Consent history"):
        assert expected in html
    assert client.get("/cases/C-NOSUCH00").status_code == 404


def test_note_is_added_and_an_empty_note_is_refused_beside_the_field(client, ids):
    case_id = ids[AIRPORT]
    r = post(client, f"/cases/{case_id}/notes", {"text": "Called her lawyer today", "here": f"/cases/{case_id}"})
    assert r.status_code == 200 and "Called her lawyer today" in r.text
    r = post(client, f"/cases/{case_id}/notes", {"text": "   "})
    assert came_back(r) and "Write the note first." in r.text
    assert len(client.app.state.keeper.workspace.cases.notes(case_id)) == 1


def test_consent_change_is_explicit_and_recorded(client, ids):
    case_id = ids[AIRPORT]
    ws = client.app.state.keeper.workspace
    r = post(client, f"/cases/{case_id}/people/p2/consent", {"consent": "un-confidential", "method": "by-phone"})
    assert came_back(r) and "Tick the box" in r.text
    assert ws.cases.get(case_id).person("p2").consent.to_facts() == "none"
    r = post(client, f"/cases/{case_id}/people/p2/consent",
             {"consent": "un-confidential", "method": "by-phone", "confirm": "yes", "given_on": "2026-11-02",
              "note": "asked by phone"})
    assert r.status_code == 200
    assert ws.cases.get(case_id).person("p2").consent.to_facts() == "un-confidential"
    history = [c for c in ws.cases.stored(case_id).consent_history if c.person_ref == "p2"]
    assert [c.consent for c in history] == ["none", "un-confidential"]
    assert history[-1].method == "by-phone"


def test_bad_dates_and_choices_come_back_beside_the_field_with_the_typed_text(client, ids):
    case_id = ids[AIRPORT]
    r = post(client, f"/cases/{case_id}/people/p1/consent",
             {"consent": "everyone", "confirm": "yes", "given_on": "02/03/2026", "note": "kept note"})
    assert came_back(r)
    assert "Pick how far" in r.text and "year-month-day" in r.text and "kept note" in r.text
    r = post(client, f"/cases/{case_id}/people/p1/consent", {"consent": "state", "confirm": "yes",
                                                            "given_on": "2099-01-01"})
    assert came_back(r) and "This date is in the future" in r.text
    r = post(client, f"/cases/{case_id}/close", {"outcome": "won", "closed_on": ""})
    assert came_back(r) and "Pick an outcome." in r.text
    assert client.app.state.keeper.workspace.followup.status(case_id).value != "closed"


def test_close_and_reopen(client, ids):
    case_id = ids[AIRPORT]
    ws = client.app.state.keeper.workspace
    post(client, f"/cases/{case_id}/close", {"outcome": "protection-obtained"})
    assert ws.followup.status(case_id).value == "closed"
    assert ids[AIRPORT] in client.get("/cases?status=closed").text
    post(client, f"/cases/{case_id}/reopen")
    assert ws.followup.status(case_id).value != "closed"
