"""Words that reached pages in English or as raw ids whatever the page's language (issue 18)."""

from __future__ import annotations

import html as h
import re

from web_support import AIRPORT, post, token, walk_wizard

from amparo.guidance.risk_notes import role_words


def _main(page: str) -> str:
    return page.split("<main", 1)[1].split("</main>", 1)[0]


def test_a_person_left_out_of_a_draft_is_explained_in_the_page_language(client, ids):
    case_id = ids[AIRPORT]
    client.get("/cases?lang=fr")
    r = post(client, f"/cases/{case_id}/drafts", {"avenue": "sg:senior-official", "language": "fr", "fmt": "pdf"})
    main = _main(r.text)
    assert "n’a consenti à aucune divulgation" in main
    assert "au-delà de personne en dehors" not in main  # "no further than nobody outside…"
    assert 'title="none"' not in main and ">none<" not in main


def test_consent_badges_show_no_raw_circle_id(client, ids):
    client.get("/cases?lang=fr")
    main = _main(client.get(f"/cases/{ids[AIRPORT]}").text)
    assert not re.search(r'title="(none|un-confidential|state|public-anonymous|public-named)"', main)


def test_a_wizard_case_is_titled_in_the_language_of_the_page_that_saves_it(client):
    walk_wizard(client, {**_answers(), "title": ""})
    facts = re.search(r'name="facts" value="([^"]+)"', client.post(
        "/triage", data={"csrf_token": token(client), "step": "6", "go": "7", **_answers(), "title": ""}).text).group(1)
    client.get("/cases?lang=fr")  # the plan was made in English, the user switches before saving
    r = client.post("/triage/save", data={"csrf_token": token(client), "facts": h.unescape(facts)})
    case_id = r.url.path.split("/cases/")[1].split("/")[0]
    title = client.app.state.keeper.workspace.cases.get(case_id).title
    assert title == "Dossier enregistré avec l’assistant d’orientation"


def test_a_title_the_user_typed_is_kept_as_typed(client):
    walk_wizard(client, {**_answers(), "title": "My own title"})
    facts = re.search(r'name="facts" value="([^"]+)"', client.post(
        "/triage", data={"csrf_token": token(client), "step": "6", "go": "7", **_answers(),
                         "title": "My own title"}).text).group(1)
    client.get("/cases?lang=fr")
    r = client.post("/triage/save", data={"csrf_token": token(client), "facts": h.unescape(facts)})
    case_id = r.url.path.split("/cases/")[1].split("/")[0]
    assert client.app.state.keeper.workspace.cases.get(case_id).title == "My own title"


def test_risk_notes_name_roles_in_words_not_ids():
    assert role_words("family-member") == "family member"
    assert role_words("un-staff") == "UN staff"


def _answers():
    from web_support import AIRPORT_ANSWERS
    return dict(AIRPORT_ANSWERS)
