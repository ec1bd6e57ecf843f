"""Characters to scripts, text to runs of one script, languages to tags."""

from __future__ import annotations

import pytest
from typeset_fixtures import ARABIC_ORG

from amparo.typeset import Script, language_tag, runs, script_of, script_of_language


@pytest.mark.parametrize(("char", "script"), [
    ("a", Script.WESTERN), ("ж", Script.WESTERN), ("λ", Script.WESTERN), ("ł", Script.WESTERN),
    ("م", Script.ARABIC), ("ש", Script.HEBREW), ("प", Script.DEVANAGARI), ("温", Script.CJK),
    ("か", Script.CJK), ("한", Script.CJK), ("，", Script.CJK), (" ", Script.COMMON), ("(", Script.COMMON),
    ("7", Script.COMMON), ("\u0301", Script.COMMON),
])
def test_script_of(char, script):
    assert script_of(char) is script


def test_spaces_inside_a_name_stay_in_its_run_and_punctuation_around_it_does_not():
    assert runs(f"defender ({ARABIC_ORG}), now") == [
        (Script.WESTERN, "defender"), (Script.COMMON, " ("), (Script.ARABIC, ARABIC_ORG),
        (Script.COMMON, "), "), (Script.WESTERN, "now"),
    ]


def test_runs_keep_every_character_in_order():
    text = "温家明 (Wen Jiaming) — فاطمة, प्रिया 2026."
    assert "".join(t for _, t in runs(text)) == text


@pytest.mark.parametrize(("language", "tag", "script"), [
    ("en", "en-GB", Script.WESTERN), ("fr", "fr-FR", Script.WESTERN), ("es", "es-ES", Script.WESTERN),
    ("ar", "ar-SA", Script.ARABIC), ("ru", "ru-RU", Script.WESTERN), ("zh", "zh-CN", Script.CJK),
    ("fa", "fa-IR", Script.ARABIC), ("hi", "hi-IN", Script.DEVANAGARI), ("pt_BR", "pt-BR", Script.WESTERN),
    ("zh-Hant-TW", "zh-TW", Script.CJK), ("he", "he-IL", Script.HEBREW),
])
def test_language_tags_and_scripts(language, tag, script):
    assert language_tag(language) == tag
    assert script_of_language(language) is script
