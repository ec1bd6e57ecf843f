"""A relative who consents to nothing, mentioned in the user's narrative, in each of six languages.

The defender agrees to "the UN, in confidence"; her son or daughter agrees to nothing.
Her narrative, written in her own language, mentions the relative by a relation word
("her son", "ابنها", "её сын", "她的儿子"). Every letter format of the first avenue, in
that language, must either say "another person" in that language, grammatically, and
print no relation word, or stop at passage review with the ids to edit or keep.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from drafting_files import searchable

from amparo.drafting import LETTER_FORMATS as FORMATS
from amparo.drafting.build import PassagesToReview
from amparo.service import Context, make_draft, plan_case, read_facts

CTX = Context.for_folder(None, clock=lambda: datetime(2026, 11, 28, 12, tzinfo=UTC))

#: lang: (defender, relative, narrative that can be rewritten, the words that must go,
#: what the rewritten sentence must read, narrative that must stop at review)
CASES = {
    "en": ("Mariam Fathy", "Salma Fathy",
           "Officers told Mariam Fathy that her son would pay for her words in Geneva.", ("son",),
           "that another person would pay", "They said her two sons would be next."),
    "fr": ("Mariam Fathy", "Salma Fathy",
           "Des policiers ont dit à Mariam Fathy que son fils paierait pour ses paroles à Genève.", ("fils",),
           "que quelqu'un d'autre paierait", "Ils ont dit que ses deux fils seraient les prochains."),
    "es": ("Mariam Fathy", "Salma Fathy",
           "Unos agentes dijeron a Mariam Fathy que su hijo pagaría por sus palabras en Ginebra.", ("hijo",),
           "que alguien más pagaría", "Dijeron que sus dos hijos serían los siguientes."),
    "ar": ("مريم فتحي", "سلمى فتحي",
           "قال ضباط لمريم فتحي: سيدفع ابنها ثمن كلامها في جنيف.", ("ابنها", "ابن"),
           "سيدفع شخص آخر ثمن كلامها", "واستُدعيت ابنتها للتحقيق."),
    "ru": ("Мариам Фатхи", "Салма Фатхи",
           "Сотрудники сказали Мариам Фатхи, что её сын заплатит за её слова в Женеве. Они угрожали её сыну.",
           ("сын",), "что другой человек заплатит за её слова в Женеве. Они угрожали другому человеку.",
           "Её дочь тоже вызвали на допрос."),
    "zh": ("王玛丽", "王莎拉",
           "警察告诉王玛丽，她的儿子将为她在日内瓦的发言付出代价。", ("儿子",),
           "另一个人将为她在日内瓦的发言付出代价", "她的两个女儿也被传唤了。"),
}


def _facts(lang: str, narrative: str) -> dict:
    defender, relative = CASES[lang][:2]
    return {
        "title": "Questioned after Geneva", "country": "EG",
        "people": [
            {"ref": "p1", "name": defender, "role": "defender", "gender": "woman", "location": "in-country",
             "consent": "un-confidential"},
            {"ref": "p2", "name": relative, "role": "family-member", "gender": "undisclosed",
             "location": "in-country", "consent": "none", "relation_to": "p1"},
        ],
        "engagements": [{"body": "hrc", "kind": "session-participation", "date": "2026-09-20", "people": ["p1"]}],
        "reprisals": [
            {"type": "threats", "date": "2026-10-05", "people": ["p1"], "perpetrator": "state-security",
             "description": narrative},
            {"type": "family-targeted", "date": "2026-10-12", "people": ["p2"], "perpetrator": "police",
             "description": narrative},
        ],
    }


def _draft(lang: str, narrative: str, fmt: str, **kw):
    case = read_facts(CTX, _facts(lang, narrative))
    plan = plan_case(CTX, case)
    return make_draft(CTX, case, plan, avenue=plan.avenues[0].id, language=lang, fmt=fmt, **kw)


def _flat(text: str) -> str:
    # pdftotext marks right-to-left runs with invisible embedding controls.
    return re.sub(r"\s+", " ", re.sub("[\u202a-\u202e\u2066-\u2069]", "", text))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", sorted(CASES))
def test_a_relative_who_consents_to_nothing_is_not_disclosed_in_any_format(lang, fmt):
    defender, relative, narrative, words, reads, _ = CASES[lang]
    draft = _draft(lang, narrative, fmt)
    text = _flat(searchable(fmt, draft.data))
    assert defender in text, (lang, fmt)  # she agreed to be known to the UN body
    assert relative not in text and relative.split()[0] not in text
    for word in words:
        if lang in ("en", "fr", "es"):
            assert not re.search(rf"(?<![^\W\d_]){word}(?![^\W\d_])", text, re.I), (lang, fmt, word)
        else:
            assert word not in text, (lang, fmt, word)
    assert all(p["rewritten"] for p in draft.to_json()["passages"])
    if fmt in ("txt", "md", "docx"):
        assert reads in text, (lang, fmt)


@pytest.mark.parametrize("lang", sorted(CASES))
def test_a_passage_that_cannot_be_rewritten_stops_the_draft_with_the_way_forward(lang):
    defender, relative, _, _, _, unsafe = CASES[lang]
    with pytest.raises(PassagesToReview) as exc:
        _draft(lang, unsafe, "txt")
    message = str(exc.value)
    ids = [p.id for p in exc.value.passages]
    assert ids and f"--accept-passages {','.join(ids)}" in message
    assert all(p.field == "reprisals[0].description" for p in exc.value.passages)
    assert unsafe not in message and relative not in message and defender not in message
    kept = _draft(lang, unsafe, "txt", accept_passages=ids)  # the user's recorded choice
    assert unsafe in _flat(kept.data.decode("utf-8")) and all(p["kept"] for p in kept.to_json()["passages"])


@pytest.mark.parametrize("lang", ["ar", "ru", "zh"])
def test_a_narrative_in_another_language_than_the_letter_is_read_too(lang):
    _, _relative, narrative, words, reads, _ = CASES[lang]
    text = _flat(_draft("en", narrative, "txt").data.decode("utf-8"))
    assert reads in text and all(w not in text for w in words)
