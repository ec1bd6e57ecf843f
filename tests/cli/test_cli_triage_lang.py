"""``amparo triage --lang``: the plan in the terminal in the user's language (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

AIRPORT = Path(__file__).parents[2] / "src/amparo/service/demo/4-coordinator-stopped-at-airport.json"
#: Sentences of the view itself; none may be left in English on a page in another language.
ENGLISH = ("Why:", "Can be done now", "Blocked", "Before you act", "tells ", "leaves out", "names ",
           "Nothing was sent", "opens if", "Protects:", "Cannot guarantee", "What the UN did", "URGENT")


def _plain(out: str) -> str:
    return " ".join(out.split())


@pytest.mark.parametrize(("lang", "words"), [
    ("fr", ("Pourquoi", "Rien n’a été envoyé")), ("es", ("Por qué", "No se ha enviado nada")),
    ("ar", ("السبب", "لم يُرسل أي شيء")), ("zh", ("原因", "未发送任何内容")), ("ru", ("Почему", "Ничего не отправлено")),
])
def test_triage_speaks_the_language_asked_for(cli, tmp_path, monkeypatch, lang, words):
    monkeypatch.setenv("AMPARO_VAULT", str(tmp_path / "no-vault-here"))
    result = cli("triage", "--facts", AIRPORT, "--lang", lang)
    assert result.code == 0, result.err
    out = _plain(result.out)
    for word in words:
        assert word in out
    left = [e for e in ENGLISH if e in out]
    assert not left, left


def test_french_triage_prints_no_english_sentence(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("AMPARO_VAULT", str(tmp_path / "no-vault-here"))
    out = _plain(cli("triage", "--facts", AIRPORT, "--lang", "fr").out)
    # Outside ids (hrc:president), codes and commands, no run of three English words.
    prose = re.sub(r"\([^)]*[:\-][^)]*\)|[a-z]+:[a-z0-9:-]+|amparo triage --json", "", out)
    english = re.findall(r"\b(the|and|with|of|to|is|are|who|their|can|not)\s+\w+\s+\w+", prose)
    assert not english, english[:5]


def test_triage_without_lang_stays_in_english(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("AMPARO_VAULT", str(tmp_path / "no-vault-here"))
    out = _plain(cli("triage", "--facts", AIRPORT).out)
    assert "Why:" in out and "Nothing was sent" in out


def test_an_unknown_language_is_refused_with_the_choices(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("AMPARO_VAULT", str(tmp_path / "no-vault-here"))
    result = cli("triage", "--facts", AIRPORT, "--lang", "de")
    assert result.code != 0
    assert "fr" in result.err


def test_triage_of_a_stored_case_defaults_to_the_profile_language(vault_dir, cli):
    case_id = next(c["id"] for c in cli("case", "list", "--json").json() if c["country"] == "CN")
    assert cli("profile", "set", "--language", "es").code == 0
    out = _plain(cli("triage", case_id).out)
    assert "Por qué" in out and "Why:" not in out
    # --lang still wins over the profile.
    assert "Почему" in _plain(cli("triage", case_id, "--lang", "ru").out)
