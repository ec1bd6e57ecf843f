"""Pages speak in words: no slug, person ref or record id in what a reader sees, every
text in the page's language (or marked as English), French spacing before : ; ? !"""

from __future__ import annotations

import re

import pytest
from page_text import text_nodes, visible_text
from web_support import AIRPORT, AIRPORT_ANSWERS, post, token, walk_wizard

import amparo.web.catalog_check as check

SLUG = re.compile(r"\b(?:tb|sp|rg|sg|hrc|upr|ohchr|un)[:][A-Za-z*]")
REF = re.compile(r"\bp\d{1,2}\b")
RECORD_ID = re.compile(r"\b[A-Z]-[A-Z0-9]{8}\b")


def pages(client, ids, lang: str) -> dict[str, str]:
    """Every kind of page a user meets, in ``lang``, with a draft recorded as sent and answered."""
    case_id = ids[AIRPORT]
    client.get(f"/?lang={lang}")
    r = post(client, f"/cases/{case_id}/drafts", {"avenue": "hrc:president", "language": "en", "fmt": "txt"})
    draft_page = r.text
    draft_id = re.search(r"/drafts/([A-Za-z0-9-]+)/download", draft_page).group(1)
    post(client, f"/cases/{case_id}/actions", {"avenue": "hrc:president", "draft_id": draft_id,
                                               "action": "notify-confidentially", "people": "p1",
                                               "sent_on": "2026-11-20", "channel": "email"})
    found = {"dashboard": client.get("/").text, "cases": client.get("/cases").text,
             "case": client.get(f"/cases/{case_id}").text, "plan": client.get(f"/cases/{case_id}/plan").text,
             "draft": draft_page, "protection": client.get("/protection").text}
    for step in range(1, 7):
        found[f"wizard {step}"] = client.post("/triage", data={"csrf_token": token(client), "step": "1",
                                                               "go": str(step), **AIRPORT_ANSWERS}).text
    found["wizard plan"] = walk_wizard(client).text
    return found


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_no_page_shows_a_slug_a_person_ref_or_a_record_id(client, ids, lang):
    for name, html in pages(client, ids, lang).items():
        text = visible_text(html)
        assert not SLUG.findall(text), (name, SLUG.findall(text)[:5])
        assert not REF.findall(text), (name, [line for line in text.splitlines() if REF.search(line)][:5])
        assert not RECORD_ID.findall(text), (name, RECORD_ID.findall(text)[:5])


def _english_messages() -> set[str]:
    """English texts that have a translation: UI messages and knowledge-base names."""
    from amparo.knowledge import load

    fr = check.read_catalog(check.catalog_path("fr"))
    ui = {m.id for m in fr if m.id and isinstance(m.id, str) and m.string and m.string != m.id and len(m.id) > 3}
    kb = load()
    names = {a.name for a in kb.avenues} | {x.name for a in kb.avenues for x in a.actions}
    long_texts = {a.summary for a in kb.avenues if a.summary} | {
        x.description for a in kb.avenues for x in a.actions if x.description}
    return ui | names | {" ".join(t.split()) for t in long_texts}


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_text_a_page_shows_is_in_its_language_or_marked_as_english(client, ids, lang):
    english = _english_messages()
    for name, html in pages(client, ids, lang).items():
        assert f'<html lang="{lang}"' in html, name
        stray = [t for t, marked, in_code in text_nodes(html)
                 if t in english and marked != "en" and not in_code and t not in ("Amparo",)]
        assert stray == [], (name, stray[:5])


def test_french_pages_set_a_non_breaking_space_before_colons_and_question_marks(client, ids):
    for name, html in pages(client, ids, "fr").items():
        for text, marked, in_code in text_nodes(html):
            if marked == "en" or in_code:
                continue
            assert not re.search(r"\w[:;?!](?:\s|$)", text) or re.search(r"\d:\d", text), (name, text)
            assert not re.search(r" [:;?!](?:\s|$)", text), (name, text)


def test_the_answer_form_accepts_a_letter_reference_like_the_label_invites(client, ids):
    case_id = ids[AIRPORT]
    r = post(client, f"/cases/{case_id}/responses", {"kind": "acknowledgment", "received_on": "2026-11-25",
                                                     "reference": "HRC/2026/123"})
    assert r.status_code == 200 and r.url.path == f"/cases/{case_id}"
    assert "HRC/2026/123" in r.text
