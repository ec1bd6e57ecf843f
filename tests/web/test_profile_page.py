"""The writer's profile page: view and edit, errors beside the field with what was typed
kept, linked from a draft when missing, and its language preselected in the draft form."""

from __future__ import annotations

import html as markup
import re

from web_support import AIRPORT, post


def _selected_languages(html: str) -> list[str]:
    return re.findall(r'<select id="f-lang-\d+" name="language"[^>]*>.*?<option value="(\w+)" selected',
                      html, re.DOTALL)


def test_the_profile_is_saved_shown_and_used_in_the_next_letter(client):
    page = client.get("/profile")
    assert page.status_code == 200 and "Writer's profile" in markup.unescape(page.text)
    r = post(client, "/profile", {"organisation": "Red Solidaria", "contact": "Luz Ortega",
                                  "email": "luz@example.org", "signature": "Luz Ortega\nRed Solidaria",
                                  "language": "es", "time_zone": "America/Bogota"})
    assert r.status_code == 200 and r.url.path == "/profile" and "Profile saved." in r.text
    assert 'value="Red Solidaria"' in r.text and 'value="America/Bogota"' in r.text
    assert re.search(r'<option value="es" selected', r.text)
    profile = client.app.state.keeper.workspace.profile.get()
    assert (profile.email, profile.language, profile.time_zone) == ("luz@example.org", "es", "America/Bogota")
    # An emptied field is cleared.
    r = post(client, "/profile", {"organisation": "Red Solidaria", "contact": "", "email": "luz@example.org",
                                  "signature": "", "language": "es", "time_zone": ""})
    assert client.app.state.keeper.workspace.profile.get().contact is None


def test_a_bad_email_or_time_zone_is_said_beside_the_field_and_nothing_is_saved(client):
    r = post(client, "/profile", {"organisation": "Red Solidaria", "contact": "Luz Ortega", "email": "luz at example",
                                  "signature": "", "language": "fr", "time_zone": "Mars/Olympus"})
    assert r.status_code == 422
    assert 'id="email-error"' in r.text and "name@example.org" in r.text
    # Everything typed is still in the form.
    assert 'value="luz at example"' in r.text and 'value="Red Solidaria"' in r.text and 'value="Mars/Olympus"' in r.text
    assert re.search(r'<option value="fr" selected', r.text)
    assert client.app.state.keeper.workspace.profile.get().empty
    r = post(client, "/profile", {"email": "luz@example.org", "time_zone": "Mars/Olympus"})
    assert r.status_code == 422 and 'id="time_zone-error"' in r.text and "Europe/Geneva" in r.text
    r = post(client, "/profile", {"language": "xx"})
    assert r.status_code == 422 and 'id="language-error"' in r.text


def test_the_page_and_its_errors_are_in_the_page_language(client):
    r = post(client, "/profile?lang=fr", {"email": "pas une adresse"})
    assert r.status_code == 422
    page = markup.unescape(r.text)
    assert "Profil du rédacteur" in page and "Nom de l'organisation" in page
    assert "Écrivez une adresse électronique" in page and "Write an email address" not in page


def test_a_draft_without_profile_links_to_the_page_and_comes_back(client, ids):
    case_id = ids[AIRPORT]
    plan = client.get(f"/cases/{case_id}/plan").text
    assert f'href="/profile?next=/cases/{case_id}/plan"' in plan.replace("%2F", "/")
    r = post(client, f"/cases/{case_id}/drafts", {"avenue": "sg:senior-official", "language": "en", "fmt": "txt"})
    assert r.status_code == 200 and "Your writer's profile is not set" in markup.unescape(r.text)
    draft_path = r.url.path
    assert f'/profile?next={draft_path}' in r.text.replace("%2F", "/")
    # The letter itself says nothing of it: the note is for the user, not the recipient.
    letter = client.get(f"/drafts/{draft_path.rsplit('/', 1)[-1]}/download").text
    assert "profile" not in letter.lower()
    back = post(client, "/profile", {"organisation": "Red Solidaria", "email": "luz@example.org", "next": draft_path})
    assert back.status_code == 200 and back.url.path == draft_path
    assert "Your writer's profile is not set" not in markup.unescape(back.text)
    # Asked once: the plan no longer asks for it.
    assert "/profile?next=" not in client.get(f"/cases/{case_id}/plan").text


def test_the_draft_form_preselects_the_profile_language_where_the_avenue_takes_it(client, ids):
    case_id = ids[AIRPORT]
    post(client, "/profile", {"organisation": "Red Solidaria", "language": "fr"})
    html = client.get(f"/cases/{case_id}/plan").text
    chosen = _selected_languages(html)
    assert chosen and set(chosen) <= {"fr", "en"} and "fr" in chosen
    # Russian: the Special Procedures work in English, French and Spanish only.
    post(client, "/profile", {"organisation": "Red Solidaria", "language": "ru"})
    ws = client.app.state.keeper.workspace
    sp = ws.drafts.default_language("sp:human-rights-defenders")
    assert (sp.code, sp.refused, sp.accepted) == ("en", "ru", ("en", "fr", "es"))
    html = client.get(f"/cases/{case_id}/plan").text
    assert "does not take letters in Русский" in html
