"""Lists and sentence punctuation on the pages follow the page's language (issue 18):
Chinese lists with 、 and 和, ends sentences with 。, and never shows an English ", "."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from amparo.web import wording
from amparo.web.i18n import UiLanguage
from amparo.web.views import _env

WHO = {"p1": "Ana", "p2": "Bea", "p3": "Carl"}


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", "Ana、Bea和Carl"), ("en", "Ana, Bea, and Carl"), ("ru", "Ana, Bea и Carl"),
    ("ar", "Ana وBea وCarl"), ("fr", "Ana, Bea et Carl"), ("es", "Ana, Bea y Carl"),
])
def test_people_are_listed_the_way_the_language_lists(lang: str, expected: str) -> None:
    language = UiLanguage(lang)
    assert wording.names(["p1", "p2", "p3"], WHO, language.gettext, language.join) == expected


def test_two_people_in_chinese_have_no_latin_comma() -> None:
    language = UiLanguage("zh")
    assert wording.names(["p1", "p2"], WHO, language.gettext, language.join) == "Ana和Bea"


def _rows(lang: str) -> str:
    language = UiLanguage(lang)
    row = SimpleNamespace(id="c1", title="T", fictional=False, country="CN", status="open",
                          reprisal_types=["travel-ban", "detention", "surveillance"], updated_at=None)
    return _env.get_template("_case_rows.html").render(
        _=language.gettext, ngettext=language.ngettext, stop=language.stop, comma=language.comma,
        listed=language.join, colon=language.colon, semi=language.semicolon,
        rows=[(row, SimpleNamespace(value="open"))],
        more=True, limit=50, country_name=lambda c: c)


def test_chinese_case_list_joins_reprisals_with_the_enumeration_comma() -> None:
    html = _rows("zh")
    assert "、" in html and ", " not in html
    assert "50。" in html


def _dashboard(lang: str) -> str:
    language = UiLanguage(lang)
    return _env.get_template("dashboard.html").render(
        _=language.gettext, ngettext=language.ngettext, lang=language.code, dir=language.direction,
        languages=[], csrf="x", unlocked=True, demo=False, team=False, actor=None,
        may_share=lambda _c: False, colon=language.colon, semi=language.semicolon, stop=language.stop,
        comma=language.comma, listed=language.join, here="/", posted=False, htmx="htmx.js", errors={},
        created=False, backup_due=False, today=date(2026, 1, 1), rows=[],
        summary=SimpleNamespace(cases=2, audit_ok=True))


def test_chinese_dashboard_ends_sentences_with_the_ideographic_full_stop() -> None:
    html = _dashboard("zh")
    assert "2026-01-01。" in html and "2026-01-01." not in html


def test_english_dashboard_keeps_the_full_stop() -> None:
    assert "2026-01-01." in _dashboard("en")
