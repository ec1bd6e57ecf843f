"""Relation words in each of the six languages: found, rewritten grammatically, or sent to review.

A narrative in Arabic, Russian or Chinese saying "his wife was also arrested" must not
pass unseen when the wife consents to nothing. Each language's morphology is exercised
(Arabic attached pronouns, prefixes, article, diacritics and tatweel; Russian cases and
numbers; Chinese substrings and possessives), and neutral sentences of each language
(``neutral_corpus``) must raise no passage at all.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from neutral_corpus import NEUTRAL

from amparo.disclosure.passages import RELATIONS, apply_rewrites, find_passages, language_of
from amparo.disclosure.relations import arabic, chinese, russian
from amparo.model.case import Case, Person
from amparo.model.consent import Consent

CASE = Case(title="t", country="EG", people=(
    Person(ref="p1", name="Mariam Fathy", role="defender", gender="woman", consent=Consent.up_to("un-confidential")),
    Person(ref="p2", name="Salma Fathy", role="family-member", gender="woman", relation_to="p1",
           identifying_terms=("Zamalek", "Замалек", "扎马雷克", "الزمالك")),
    # The defender's name as a Russian, an Arabic and a Chinese narrative would write it.
    Person(ref="p3", name="Мариам Фатхи", role="defender", consent=Consent.up_to("un-confidential")),
    Person(ref="p4", name="مريم فتحي", role="defender", consent=Consent.up_to("un-confidential")),
    Person(ref="p5", name="王秀英", role="defender", consent=Consent.up_to("un-confidential")),
))
NAMES = {"p2": ("Salma Fathy",)}


def passages(text: str):
    return find_passages(CASE, [("reprisals[0].description", text)], hidden=["p2"], names=NAMES)


def rewritten(text: str) -> str:
    found = passages(text)
    assert found and all(p.safe for p in found), [(p.matched, p.why) for p in found]
    return apply_rewrites(text, found)


def reviewed(text: str) -> str:
    """The reason the one relation passage of ``text`` goes to review."""
    found = [p for p in passages(text) if p.kind == "relation"]
    assert found and not all(p.safe for p in found), [(p.matched, p.rewrite) for p in found]
    return next(p.why for p in found if not p.safe)


# --- neutral sentences -------------------------------------------------------------------


@pytest.mark.parametrize("lang", sorted(NEUTRAL))
def test_neutral_sentences_raise_no_passage(lang):
    assert len(NEUTRAL[lang]) >= 20
    hits = [(s, [p.matched for p in passages(s)]) for s in NEUTRAL[lang] if passages(s)]
    assert hits == [], hits


def test_every_language_has_relation_words():
    assert {"en", "fr", "es", "ar", "ru", "zh"} <= set(RELATIONS)
    assert "زوجة" in RELATIONS["ar"] and "жена" in RELATIONS["ru"] and "妻子" in RELATIONS["zh"]


# --- Russian ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Полиция задержала его жену.", "Полиция задержала другого человека."),  # accusative
    ("У его жены отобрали паспорт.", "У другого человека отобрали паспорт."),  # genitive after у
    ("Следователь угрожал её сыну.", "Следователь угрожал другому человеку."),  # dative
    ("Её сын был задержан.", "Другой человек был задержан."),  # nominative, masculine
    ("Он не знает, что случилось с его отцом.", "Он не знает, что случилось с другим человеком."),  # instr.
    ("Спрашивали о её брате.", "Спрашивали о другом человеке."),  # prepositional
    ("Спрашивали об отце.", "Спрашивали о другом человеке."),  # об → о before другом
    ("Она говорила со своим сыном.", "Она говорила с другим человеком."),  # со → с
    ("Его сыновья были задержаны.", "Другие люди были задержаны."),  # nominative plural
    ("Допросили её сыновей.", "Допросили других людей."),
    ("Угрожали их родителям.", "Угрожали другим людям."),
    ("Он встретился со своими братьями.", "Он встретился с другими людьми."),
    ("Писали о моих родственниках.", "Писали о других людях."),
    ("Её старшего сына уволили.", "Другого человека уволили."),  # an adjective goes with it
    ("Двоюродного брата уволили.", "Другого человека уволили."),
    ("Задержали её зятя и свёкра.", "Задержали другого человека и другого человека."),  # ё
    ("Сына Мариам задержали.", "Другого человека задержали."),  # whose son: goes with it
    ("Её мужа задержали.", "Другого человека задержали."),
])
def test_russian_relation_is_rewritten_in_its_case(text, expected):
    assert rewritten(text) == expected


@pytest.mark.parametrize(("text", "why"), [
    ("Его жена тоже была задержана.", "gender"),  # the verbs agree with жена
    ("Её дочь вызвали на допрос.", "case"),  # дочь: nominative or accusative
    ("Паспорт жены изъяли.", "case"),  # жены: genitive singular or nominative plural
    ("Её двух сыновей задержали.", "number"),
    ("Её 16-летнего сына задержали.", "number"),
    ("Угрожали её сыну Ивану.", "name"),  # Иван is nobody in the case: maybe a name
    ("Его коллега тоже получила повестку.", "gender"),
])
def test_russian_relation_that_cannot_be_rewritten_goes_to_review(text, why):
    assert why in reviewed(text)


#: Every form of four nouns, written out here (not read from the table): each one after a
#: possessive is found.
EVERY_FORM = {
    "жена": "жена жены жене жену женой жены жен женам женами женах",
    "сын": "сын сына сыну сыном сыне сыновья сыновей сыновьям сыновьями сыновьях",
    "дочь": "дочь дочери дочерью дочерей дочерям дочерьми дочерях",
    "брат": "брат брата брату братом брате братья братьев братьям братьями братьях",
    "мать": "мать матери матерью матерей матерям матерями матерях",
    "отец": "отец отца отцу отцом отце отцы отцов отцам отцами отцах",
}


@pytest.mark.parametrize("form", [f for forms in EVERY_FORM.values() for f in forms.split()])
def test_every_case_and_number_of_a_kinship_noun_is_found(form):
    found = [p for p in passages(f"Мы узнали про его {form} вчера.") if p.kind == "relation"]
    assert len(found) == 1 and found[0].matched == form


def test_the_russian_table_lists_twelve_forms_for_every_noun():
    for lemma, (gender, singular, plural) in russian.NOUNS.items():
        assert gender in "mfc" and len(singular.split()) == 6 and len(plural.split()) == 6, lemma


def test_russian_words_that_are_also_ordinary_count_only_after_a_possessive():
    assert passages("Права детей нарушаются.") == []
    assert passages("Адвокат подал жалобу.") == []
    assert rewritten("Её детей допрашивали.") == "Других людей допрашивали."


@given(lemma=st.sampled_from(sorted(set(russian.NOUNS) - russian.AMBIGUOUS)), data=st.data())
def test_any_form_of_any_russian_noun_after_any_possessive_is_found(lemma, data):
    _gender, singular, plural = russian.NOUNS[lemma]
    form = data.draw(st.sampled_from((singular + " " + plural).split()))
    possessive = data.draw(st.sampled_from(("его", "её", "ее", "их", "своего", "моей", "нашим", "вашу")))
    text = f"Сотрудники видели {possessive} {form} у здания."
    found = [p for p in passages(text) if p.kind == "relation"]
    assert len(found) == 1
    if found[0].safe:
        out = apply_rewrites(text, found)
        assert form not in out.split() and found[0].rewrite in russian.REWRITE.values()


# --- Arabic -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("اعتقل ابنه أمس.", "اعتقل شخص آخر أمس."),
    ("هددوا ابنها.", "هددوا شخص آخر."),
    ("اتصلوا بابنه.", "اتصلوا بشخص آخر."),  # ب
    ("وابنه اعتقل أيضاً.", "وشخص آخر اعتقل أيضاً."),  # و
    ("فأخوه هرب.", "فشخص آخر هرب."),  # ف and a "five noun" (أخوه)
    ("قالوا لأخي إنه سيعاقب.", "قالوا لشخص آخر إنه سيعاقب."),  # ل and "my brother"
    ("أرسلوا رسالة للابن.", "أرسلوا رسالة لشخص آخر."),  # ل + ال = لل
    ("استُدعي والدُها.", "استُدعي شخص آخر."),  # diacritics
    ("اعتُقِلَ ابْنُهُ.", "اعتُقِلَ شخص آخر."),
    ("اعتقل ابـــنه.", "اعتقل شخص آخر."),  # tatweel
    ("استدعوا أباه.", "استدعوا شخص آخر."),
    ("ابن مريم فتحي اعتقل.", "شخص آخر اعتقل."),  # whose son: the named person goes with it
    ("قالوا إن ابنه مطلوب.", "قالوا إن شخصاً آخر مطلوب."),  # إن takes the accusative
    ("علمنا أنّ ابنَه اعتقل.", "علمنا أنّ شخصاً آخر اعتقل."),
])
def test_arabic_masculine_relation_is_rewritten_keeping_its_prefixes(text, expected):
    assert rewritten(text) == expected


@pytest.mark.parametrize(("text", "why"), [
    ("اعتُقلت زوجته أيضاً.", "gender"),  # his wife: the verb agrees with it
    ("استدعيت ابنتها.", "gender"),
    ("واعتقلت أختي.", "gender"),
    ("استجوبوا أبناءه.", "several"),  # broken plural
    ("استجوبوا إخوته.", "several"),
    ("أبناؤه الثلاثة مهددون.", "number"),
    ("اعتقل ابنيه.", "number"),  # dual
    ("ابنه البالغ من العمر 16 عاما اعتقل.", "number"),
    ("ابن المدافعة اعتقل.", "whose"),  # the defender's son: whose relative it is follows it
    ("اعتقلت زوجتـه.", "gender"),
    ("الأم استدعيت.", "gender"),
])
def test_arabic_relation_that_cannot_be_rewritten_goes_to_review(text, why):
    assert why in reviewed(text)


def test_arabic_words_that_are_also_ordinary_need_a_pronoun():
    for text in ("زارت بنت صغيرة المكتب.", "في المستقبل القريب.", "الأمم المتحدة", "ولد في القاهرة.",
                 "الإخوان المسلمين", "عمل في مركز ابن خلدون.", "أم لا؟"):
        assert passages(text) == [], text
    assert "several" in reviewed("استجوبوا أهله.")
    assert rewritten("قريبه اعتقل.") == "شخص آخر اعتقل."


_HARAKAT = "\u064e\u064f\u0650\u0651\u0652\u064b\u064c\u064d\u0640"


@given(stem=st.sampled_from(("ابن", "زوج", "والد", "حفيد", "شقيق", "عم", "خال", "جد")),
       prefix=st.sampled_from(("", "و", "ف", "ب", "ل", "وب", "ول", "فب")),
       suffix=st.sampled_from(("ه", "ها", "هم", "ي", "نا", "ك", "كم")),
       marks=st.lists(st.sampled_from(_HARAKAT), max_size=4), data=st.data())
def test_any_arabic_masculine_noun_with_any_prefix_suffix_and_marks_is_rewritten(stem, prefix, suffix, marks, data):
    word = list(stem + suffix)
    for mark in marks:  # diacritics and tatweel after any letter but the first
        word.insert(data.draw(st.integers(1, len(word))), mark)
    text = f"قالت الشرطة: {prefix}{''.join(word)} مطلوب."
    found = [p for p in passages(text) if p.kind == "relation"]
    assert len(found) == 1 and found[0].rewrite == arabic.ANOTHER_PERSON
    out = apply_rewrites(text, found)
    assert out == f"قالت الشرطة: {prefix}{arabic.ANOTHER_PERSON} مطلوب."


def test_arabic_normalisation_keeps_offsets_in_the_original_text():
    norm, where = arabic.normalise("إِبْنُـهُ")
    assert norm == "ابنه" and [("إِبْنُـهُ")[i] for i in where] == list("إبنه")


# --- Chinese ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("他的妻子也被逮捕了。", "另一个人也被逮捕了。"),
    ("她女儿被警察带走。", "另一个人被警察带走。"),
    ("其丈夫被传唤。", "另一个人被传唤。"),
    ("警察威胁她的大女儿。", "警察威胁另一个人。"),
    ("她的家人受到威胁。", "其他人受到威胁。"),  # a collective term
    ("他的父母被监视。", "其他人被监视。"),
    ("王秀英的女儿被传唤。", "另一个人被传唤。"),  # whose daughter: a person of the case
    ("她的律师被吊销执照。", "另一个人被吊销执照。"),
    ("他们的孩子们被带走。", "其他人被带走。"),
    ("他的兄弟姐妹也被约谈。", "其他人也被约谈。"),
])
def test_chinese_relation_is_rewritten(text, expected):
    assert rewritten(text) == expected


@pytest.mark.parametrize(("text", "why"), [
    ("她的两个女儿也被传唤了。", "number"),
    ("他的儿子今年16岁。", "number"),
    ("邻居的儿子被带走了。", "whose"),  # someone else's son: whose relative it is comes before it
])
def test_chinese_relation_that_cannot_be_rewritten_goes_to_review(text, why):
    assert why in reviewed(text)


def test_chinese_terms_inside_other_words_are_not_relations():
    for text in ("国家人权机构没有回应。", "热爱人民。", "保护女儿童的权利。", "律师会见被拒绝。", "同事们开会。",
                 "尤其是人权问题。"):
        assert passages(text) == [], text


@given(term=st.sampled_from(sorted(set(chinese.SINGULAR + chinese.COLLECTIVE) - chinese.AMBIGUOUS)),
       possessive=st.sampled_from(("他的", "她的", "其", "他们的", "我的", "")),
       context=st.sampled_from(NEUTRAL["zh"]))
def test_any_chinese_term_in_any_sentence_is_found_and_removed(term, possessive, context):
    text = context[:6] + "，" + possessive + term + "被警察带走。"
    found = [p for p in passages(text) if p.kind == "relation"]
    assert found
    if all(p.safe for p in found):
        assert term not in apply_rewrites(text, found)


# --- French and Spanish gaps -------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Sa belle-sœur a été convoquée.", "Une autre personne a été convoquée."),
    ("Ses belles-sœurs ont été convoquées.", "D'autres personnes ont été convoquées."),
    ("Son collègue a été licencié.", "Quelqu'un d'autre a été licencié."),
    ("Ses fils ont été arrêtés.", "D'autres ont été arrêtés."),  # the determiner says several
    ("Son fils a été arrêté.", "Quelqu'un d'autre a été arrêté."),
    ("On a parlé de ses fils.", "On a parlé d'autres."),
    ("Ils ont dit que sa fille serait la prochaine.", "Ils ont dit qu'une autre personne serait la prochaine."),
    ("Que sa fille soit libérée.", "Qu'une autre personne soit libérée."),
    ("Ils ont dit que son fils serait le prochain.", "Ils ont dit que quelqu'un d'autre serait le prochain."),
    ("Il a parlé au frère.", "Il a parlé à quelqu'un d'autre."),
    ("L'épouse de Mariam a été interrogée.", "Une autre personne a été interrogée."),
    ("Su suegra fue detenida.", "Otra persona fue detenida."),
    ("Su hijo fue detenido.", "Alguien más fue detenido."),
    ("Sus hijos fueron detenidos.", "Otros fueron detenidos."),
    ("Interrogaron a sus hermanas.", "Interrogaron a otras personas."),
    ("La policía habló del hijo.", "La policía habló de alguien más."),
    ("Su compañera fue amenazada.", "Otra persona fue amenazada."),
    ("Sus colegas fueron citados.", "Otros fueron citados."),
    ("La hija de Mariam fue citada.", "Otra persona fue citada."),
    ("Her sons were questioned.", "Other people were questioned."),
    ("Her daughter was questioned.", "Another person was questioned."),
])
def test_french_spanish_and_english_relations_are_rewritten_in_their_number_and_gender(text, expected):
    assert rewritten(text) == expected


def test_a_relation_of_someone_outside_the_case_goes_to_review():
    assert "whose" in reviewed("La fille de Rania a été arrêtée.")
    assert passages("La colega de la oficina llegó tarde.") == []  # no possessive: an ordinary word


# --- withheld terms ----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "word"), [
    ("Её видели в Замалек вчера.", "[скрыто]"), ("شوهدت في الزمالك.", "[محجوب]"),
    ("有人在扎马雷克看到她。", "[已隐去]"), ("Elle a été vue à Zamalek par la police.", "[retenu]"),
    ("Fue vista en Zamalek por la policía.", "[omitido]"), ("She was seen in Zamalek by the police.", "[withheld]"),
])
def test_a_marked_term_is_withheld_in_the_language_of_the_sentence(text, word):
    (term,) = [p for p in passages(text) if p.kind == "identifying-term"]
    assert apply_rewrites(text, [term]).count(word) == 1


def test_language_of_a_text():
    assert language_of("Его жена") == "ru" and language_of("他的妻子") == "zh" and language_of("زوجته") == "ar"
    assert language_of("la fille et le fils") == "fr" and language_of("") is None
