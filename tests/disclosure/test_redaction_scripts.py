"""Withheld names in scripts without spaces or with attached particles are still replaced.

Before: a Chinese name written inside a sentence (王秀英被警察带走) was printed, because
the name's boundaries were letters and Han characters are letters; an Arabic name after
a conjunction (وليلى "and Leila") or with diacritics or tatweel was printed too.
"""

from __future__ import annotations

import pytest

from amparo.disclosure.redaction import plan_redaction
from amparo.language.i18n import Language
from amparo.model.case import Case, Person
from amparo.model.consent import Circle, Consent

CASE = Case(title="t", country="CN", people=(
    Person(ref="p1", name="王秀英", role="defender", consent=Consent.none()),
    Person(ref="p2", name="ليلى حداد", role="lawyer", consent=Consent.none()),
    Person(ref="p3", name="王秀英华", role="journalist", consent=Consent.up_to("public-named")),
))


@pytest.fixture(scope="module")
def redactor():
    return plan_redaction(CASE, Circle.STATE, Language("zh"))


@pytest.mark.parametrize("text", ["王秀英被警察带走。", "警察说王秀英的护照无效", "（王秀英）"])
def test_a_withheld_chinese_name_inside_a_sentence_is_replaced(redactor, text):
    out = redactor.text(text)
    assert "王秀英" not in out and redactor.person("p1") in out


def test_a_longer_name_of_a_named_person_keeps_its_name(redactor):
    assert redactor.text("王秀英华发表了声明。") == "王秀英华发表了声明。"


@pytest.mark.parametrize("text", ["اعتقلت ليلى حداد.", "وليلى", "وبليلى", "لَيْلَى", "ليـلى", "ليلي", "وحدّاد"])
def test_a_withheld_arabic_name_with_particles_marks_or_tatweel_is_replaced(redactor, text):
    out = redactor.text(text)
    for part in ("ليلى", "ليلي", "حداد", "حدّاد"):
        assert part not in out, (text, out)
    assert redactor.person("p2") in out


def test_an_arabic_particle_before_a_name_stays(redactor):
    assert redactor.text("وليلى") == "و" + redactor.person("p2")


def test_arabic_words_that_merely_contain_the_name_are_untouched(redactor):
    assert redactor.text("ليلة أمس") == "ليلة أمس"
