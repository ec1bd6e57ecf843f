"""Refusals and validation errors in the page's language: the service raises message ids
with their parameters, and the web says them in the request's language (issue 14: "service
messages and errors composed in the page's language"; issue 18: all six UN languages)."""

from __future__ import annotations

import html
import re

import pytest
from web_support import AIRPORT, came_back, post, unlock

from amparo.model.errors import ConsentRefused, InvalidInput
from amparo.service import say
from amparo.web.forms import refusal
from amparo.web.i18n import UiLanguage

LANGUAGES = ("fr", "ar", "zh", "ru", "es")
#: Words that stay as they are in every language: ids, options, commands, refs.
KEPT = {"action", "public", "statement", "president", "amparo", "consent", "sheet", "notify", "confidential",
        "avenue", "such", "nearest"}


def _english_fragments(text: str) -> list[str]:
    """Runs of three or more English words (ids, options and commands left out)."""
    runs = re.findall(r"[A-Za-z’']+(?:[ ,]+[A-Za-z’']+)*", re.sub(r"--?[a-z-]+ \S+|\S+:\S+|\([^)]*\)", " ", text))
    out = []
    for run in runs:
        words = [w for w in re.split(r"[ ,]+", run) if w]
        if len([w for w in words if w.lower() not in KEPT]) >= 3:
            out.append(" ".join(words))
    return out


def _page_text(page: str) -> str:
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def _refusal(client, case_id: str) -> ConsentRefused:
    ws = client.app.state.keeper.workspace
    with pytest.raises(ConsentRefused) as refused:
        ws.drafts.draft(case_id, avenue="hrc:president", language="en", fmt="txt", action="public-statement")
    return refused.value


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_refused_draft_is_explained_in_the_page_language_with_its_way_forward(client, ids, lang):
    unlock(client)
    case_id = ids[AIRPORT]
    client.get(f"/cases/{case_id}?lang={lang}")
    r = post(client, f"/cases/{case_id}/drafts", {"avenue": "hrc:president", "action": "public-statement",
                                                  "language": lang, "fmt": "txt"})
    # A refused form comes back to its page (post/redirect/get), in the page's language.
    assert came_back(r) and f'<html lang="{lang}"' in r.text
    exc = _refusal(client, case_id)
    english = say(exc, "en")
    text = _page_text(r.text)
    # The page says it in words (no command-line flags), with what to do instead.
    assert " ".join(refusal(exc, UiLanguage(lang).gettext, lang).split()) in " ".join(text.split())
    assert "--action" not in text
    left = [f for f in _english_fragments(english) if f in text]
    assert not left, left


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_validation_error_beside_its_field_is_in_the_page_language(client, ids, lang):
    unlock(client)
    case_id = ids[AIRPORT]
    client.get(f"/cases/{case_id}?lang={lang}")
    r = post(client, f"/cases/{case_id}/actions", {"avenue": "no:such-body", "sent_on": "2026-11-01",
                                                   "channel": "email"})
    assert came_back(r)
    ws = client.app.state.keeper.workspace
    with pytest.raises(InvalidInput) as invalid:
        ws.followup.record_action(case_id, avenue="no:such-body", sent_on=ws.ctx.today(), channel="email")
    problem = invalid.value.problems[0]
    text = " ".join(_page_text(r.text).split())
    assert " ".join(say(problem.text, lang).split()) in text
    assert "is not a known avenue" not in text


def test_the_english_message_stays_for_logs_and_the_api(client, ids):
    unlock(client)
    case_id = ids[AIRPORT]
    exc = _refusal(client, case_id)
    assert str(exc).startswith("Public statement naming the case (hrc:president, --action public-statement)")
    assert say(exc, "en") == str(exc)
    # The check of the other languages finds English where there is English.
    client.get(f"/cases/{case_id}?lang=en")
    r = post(client, f"/cases/{case_id}/drafts", {"avenue": "hrc:president", "action": "public-statement",
                                                  "language": "en", "fmt": "txt"})
    found = [f for f in _english_fragments(str(exc)) if f in _page_text(r.text)]
    assert len(found) >= 3, found


@pytest.mark.parametrize("lang", ("fr", "ar", "zh", "ru"))
def test_an_error_page_says_the_web_own_errors_in_the_page_language(client, lang):
    unlock(client)
    client.get(f"/cases?lang={lang}")
    r = post(client, "/triage/save", {"facts": "{not json"})
    assert r.status_code == 422
    text = _page_text(r.text)
    assert "answers were lost" not in text and "start the triage again" not in text
    assert {"fr": "Les réponses aux questions ont été perdues", "ar": "فُقدت الإجابات عن الأسئلة",
            "zh": "问题的回答已丢失", "ru": "Ответы на вопросы потеряны"}[lang] in text
