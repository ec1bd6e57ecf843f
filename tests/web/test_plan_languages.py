"""The plan speaks the page's language: the knowledge base's texts and the plan's generated
sentences included, for every demo case (the narrow-consent ones among them) and a case
from the wizard whose people consent to almost nothing."""

from __future__ import annotations

import re

import pytest
from page_text import text_nodes
from web_support import AIRPORT_ANSWERS, walk_wizard

LANGS = ["fr", "es", "ar", "zh", "ru"]

#: Words that give away an English sentence (none of them is a word of the other languages).
STOP_WORDS = frozenset("""
the of and to is are was were be been has have had that this which who whom whose with from for
on by it its their they them can could would should may must not only also or but when where what
there these those any each every other than then into out about after before because while
""".split())  # noqa: SIM905 (a list of words reads better as text)

WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
#: A person's case reference, also between ideographs ("p1的同意").
REF = re.compile(r"(?<![A-Za-z0-9_])p\d{1,2}(?![A-Za-z0-9_])")


def english_sentences(html: str) -> list[str]:
    """Visible text nodes, outside typed text and code, that read as English: at least four
    Latin words, a third of them or more English stop words."""
    found = []
    for text, _, in_code in text_nodes(html):
        if in_code:
            continue
        words = [w.lower() for w in WORD.findall(text)]
        if len(words) >= 4 and sum(w in STOP_WORDS for w in words) * 3 >= len(words):
            found.append(text)
    return found


def plans(client, ids) -> dict[str, str]:
    """Every demo case's plan page, and the wizard's plan for a narrow-consent case."""
    out = {name: client.get(f"/cases/{case_id}/plan").text for name, case_id in ids.items()
           if not name.startswith("followup")}
    narrow = {**AIRPORT_ANSWERS, **{k: "none" for k in AIRPORT_ANSWERS if k.endswith("consent")}}
    out["wizard, narrow consent"] = walk_wizard(client, narrow).text
    return out


def main(page: str) -> str:
    """The page's own content (the language menu names each language in itself)."""
    return page[page.index("<main"):page.index("</main>")]


def test_the_checker_finds_english_where_there_is_english():
    html = "<p>Le Comité contre la torture.</p><p>The committee can act on the State only if it is a party.</p>"
    assert english_sentences(html) == ["The committee can act on the State only if it is a party."]


@pytest.mark.parametrize("lang", LANGS)
def test_the_plan_shows_no_english_sentence_and_nothing_marked_english(client, ids, lang):
    client.get(f"/?lang={lang}")
    pages = plans(client, ids)
    assert len(pages) >= 4
    for name, page in pages.items():
        assert f'<html lang="{lang}"' in page, name
        html = main(page)
        assert 'lang="en"' not in html, (name, re.findall(r'lang="en">([^<]{0,80})', html)[:3])
        assert english_sentences(html) == [], (name, english_sentences(html)[:5])
        refs = [t for t, _, in_code in text_nodes(html) if REF.search(t) and not in_code]
        assert refs == [], (name, refs[:3])


def test_the_plan_in_english_still_says_what_the_knowledge_base_says(client, ids):
    from amparo.knowledge import load

    client.get("/?lang=en")
    html = client.get(f"/cases/{ids[next(iter(ids))]}/plan").text
    summaries = {" ".join(a.summary.split()) for a in load().avenues}
    shown = {" ".join(t.split()) for t, _, _ in text_nodes(html)}
    assert summaries & shown
    assert 'lang="en"' not in main(html)
