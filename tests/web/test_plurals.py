"""Counted words on the pages take the plural form the page's language uses (CLDR rules).

Arabic has six forms, Russian three, Chinese one: "N" followed by one fixed word ("يوم/أيام",
"дн.") reads wrong for most numbers, hence one counted message per sentence (issue 18).
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from amparo.web.i18n import UiLanguage
from amparo.web.views import _env

COUNTS = (1, 2, 5, 11, 21)


def _dashboard(lang: str, cases: int, days: int = 0) -> str:
    language = UiLanguage(lang)
    deadline = SimpleNamespace(due_on=date(2026, 1, 1), case_id="c1")
    item = SimpleNamespace(deadline=deadline, overdue=days < 0, days=days)
    rows = [SimpleNamespace(item=item, case_title="T", what="W", avenue="A")] if days else []
    return _env.get_template("dashboard.html").render(
        _=language.gettext, ngettext=language.ngettext, lang=language.code, dir=language.direction,
        languages=[], csrf="x", unlocked=True, demo=False, team=False, actor=None,
        may_share=lambda _c: False, colon=language.colon, semi=language.semicolon, here="/",
        posted=False, htmx="htmx.js", errors={}, created=False, backup_due=False, today=date(2026, 1, 1),
        rows=rows, summary=SimpleNamespace(cases=cases, audit_ok=True))


ARABIC_CASES = {1: "1 قضية في", 2: "2 قضيتان في", 5: "5 قضايا في", 11: "11 قضيةً في", 21: "21 قضيةً في",
                100: "100 قضية في"}
RUSSIAN_CASES = {1: "1 дело в", 2: "2 дела в", 5: "5 дел в", 11: "11 дел в", 21: "21 дело в", 22: "22 дела в"}


@pytest.mark.parametrize("n", sorted(ARABIC_CASES))
def test_arabic_dashboard_counts_cases_with_the_right_plural(n: int) -> None:
    page = _dashboard("ar", n)
    assert ARABIC_CASES[n] in page
    assert "قضية/قضايا" not in page


@pytest.mark.parametrize("n", sorted(RUSSIAN_CASES))
def test_russian_dashboard_counts_cases_with_the_right_plural(n: int) -> None:
    page = _dashboard("ru", n)
    assert RUSSIAN_CASES[n] in page
    assert "столько дел" not in page


@pytest.mark.parametrize(("lang", "days", "expected"), [
    ("ru", 1, "через 1 день"), ("ru", 2, "через 2 дня"), ("ru", 5, "через 5 дней"),
    ("ru", 11, "через 11 дней"), ("ru", 21, "через 21 день"), ("ru", -3, "просрочено на 3 дня"),
    ("ar", 2, "بعد 2 يومين"), ("ar", 5, "بعد 5 أيام"), ("ar", 11, "بعد 11 يومًا"), ("ar", -1, "متأخر بمقدار 1 يوم"),
    ("fr", 1, "dans 1\u00a0jour"), ("fr", 5, "dans 5\u00a0jours"), ("es", 1, "dentro de 1 día"),
    ("es", 5, "dentro de 5 días"), ("zh", 5, "还有 5 天"), ("en", 1, "in 1 day"), ("en", 21, "in 21 days"),
])
def test_days_until_a_deadline_take_the_right_plural(lang: str, days: int, expected: str) -> None:
    page = _dashboard(lang, 3, days)
    assert expected in page
    assert "дн." not in page and "يوم/أيام" not in page


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", "1\u00a0dossier dans le coffre."), ("es", "1 caso en la bóveda."), ("zh", "保险库中有 1 个案件。"),
    ("en", "1 case in the vault."),
])
def test_one_case_is_counted_in_the_singular(lang: str, expected: str) -> None:
    assert expected in _dashboard(lang, 1)
