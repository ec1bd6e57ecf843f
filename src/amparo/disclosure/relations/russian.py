"""Russian relation words: every case and number of each kinship noun, and its rewrite.

Each noun is listed with its twelve forms (nominative, genitive, dative, accusative,
instrumental, prepositional; singular then plural), written with е for ё (text is
matched with ё folded to е). The neutral wording takes the case the noun was in, so the
sentence stays grammatical: "задержали его жену" becomes "задержали другого человека".

A form shared by several cases ("жены": genitive singular or nominative plural) is
settled by the preposition before it when there is one; otherwise it goes to review.
A feminine noun in the nominative singular ("его жена была задержана") goes to review
too: the verbs agree with it, and the masculine "другой человек" would garble them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from amparo.disclosure.relations import Found, Names
from amparo.model.errors import Message  # the reasons are messages, said in the user's language

CASES = ("nom", "gen", "dat", "acc", "ins", "pre")

#: lemma: (gender, singular forms, plural forms). Gender m, f or c (either: коллега).
#: An empty singular means the noun has only a plural (родители).
NOUNS: dict[str, tuple[str, str, str]] = {
    "жена": ("f", "жена жены жене жену женой жене", "жены жен женам жен женами женах"),
    "муж": ("m", "муж мужа мужу мужа мужем муже", "мужья мужей мужьям мужей мужьями мужьях"),
    "супруг": ("m", "супруг супруга супругу супруга супругом супруге",
               "супруги супругов супругам супругов супругами супругах"),
    "супруга": ("f", "супруга супруги супруге супругу супругой супруге",
                "супруги супруг супругам супруг супругами супругах"),
    "сын": ("m", "сын сына сыну сына сыном сыне", "сыновья сыновей сыновьям сыновей сыновьями сыновьях"),
    "дочь": ("f", "дочь дочери дочери дочь дочерью дочери", "дочери дочерей дочерям дочерей дочерьми дочерях"),
    "отец": ("m", "отец отца отцу отца отцом отце", "отцы отцов отцам отцов отцами отцах"),
    "мать": ("f", "мать матери матери мать матерью матери", "матери матерей матерям матерей матерями матерях"),
    "брат": ("m", "брат брата брату брата братом брате", "братья братьев братьям братьев братьями братьях"),
    "сестра": ("f", "сестра сестры сестре сестру сестрой сестре", "сестры сестер сестрам сестер сестрами сестрах"),
    "дедушка": ("m", "дедушка дедушки дедушке дедушку дедушкой дедушке",
                "дедушки дедушек дедушкам дедушек дедушками дедушках"),
    "дед": ("m", "дед деда деду деда дедом деде", "деды дедов дедам дедов дедами дедах"),
    "бабушка": ("f", "бабушка бабушки бабушке бабушку бабушкой бабушке",
                "бабушки бабушек бабушкам бабушек бабушками бабушках"),
    "внук": ("m", "внук внука внуку внука внуком внуке", "внуки внуков внукам внуков внуками внуках"),
    "внучка": ("f", "внучка внучки внучке внучку внучкой внучке", "внучки внучек внучкам внучек внучками внучках"),
    "дядя": ("m", "дядя дяди дяде дядю дядей дяде", "дяди дядей дядям дядей дядями дядях"),
    "тетя": ("f", "тетя тети тете тетю тетей тете", "тети теть тетям теть тетями тетях"),
    "племянник": ("m", "племянник племянника племяннику племянника племянником племяннике",
                  "племянники племянников племянникам племянников племянниками племянниках"),
    "племянница": ("f", "племянница племянницы племяннице племянницу племянницей племяннице",
                   "племянницы племянниц племянницам племянниц племянницами племянницах"),
    "ребенок": ("m", "ребенок ребенка ребенку ребенка ребенком ребенке", "дети детей детям детей детьми детях"),
    "родитель": ("m", "родитель родителя родителю родителя родителем родителе",
                 "родители родителей родителям родителей родителями родителях"),
    "родственник": ("m", "родственник родственника родственнику родственника родственником родственнике",
                    "родственники родственников родственникам родственников родственниками родственниках"),
    "родственница": ("f", "родственница родственницы родственнице родственницу родственницей родственнице",
                     "родственницы родственниц родственницам родственниц родственницами родственницах"),
    "семья": ("f", "семья семьи семье семью семьей семье", "семьи семей семьям семьи семьями семьях"),
    "папа": ("m", "папа папы папе папу папой папе", "папы пап папам пап папами папах"),
    "мама": ("f", "мама мамы маме маму мамой маме", "мамы мам мамам мам мамами мамах"),
    "жених": ("m", "жених жениха жениху жениха женихом женихе", "женихи женихов женихам женихов женихами женихах"),
    "невеста": ("f", "невеста невесты невесте невесту невестой невесте",
                "невесты невест невестам невест невестами невестах"),
    "свекровь": ("f", "свекровь свекрови свекрови свекровь свекровью свекрови",
                 "свекрови свекровей свекровям свекровей свекровями свекровях"),
    "теща": ("f", "теща тещи теще тещу тещей теще", "тещи тещ тещам тещ тещами тещах"),
    "тесть": ("m", "тесть тестя тестю тестя тестем тесте", "тести тестей тестям тестей тестями тестях"),
    "свекор": ("m", "свекор свекра свекру свекра свекром свекре", "свекры свекров свекрам свекров свекрами свекрах"),
    "зять": ("m", "зять зятя зятю зятя зятем зяте", "зятья зятьев зятьям зятьев зятьями зятьях"),
    "невестка": ("f", "невестка невестки невестке невестку невесткой невестке",
                 "невестки невесток невесткам невесток невестками невестках"),
    "коллега": ("c", "коллега коллеги коллеге коллегу коллегой коллеге",
                "коллеги коллег коллегам коллег коллегами коллегах"),
    "адвокат": ("m", "адвокат адвоката адвокату адвоката адвокатом адвокате",
                "адвокаты адвокатов адвокатам адвокатов адвокатами адвокатах"),
    "партнер": ("m", "партнер партнера партнеру партнера партнером партнере",
                "партнеры партнеров партнерам партнеров партнерами партнерах"),
}
#: Nouns that are also ordinary words (семья "a family", адвокат "a lawyer", дети
#: "children" in general, as in права детей):
#: they count only after a possessive.
AMBIGUOUS = frozenset({"семья", "коллега", "адвокат", "партнер", "ребенок"})

#: "другой человек" in each case and number (accusative of an animate noun = genitive).
REWRITE = {
    ("nom", "sg"): "другой человек", ("gen", "sg"): "другого человека", ("dat", "sg"): "другому человеку",
    ("acc", "sg"): "другого человека", ("ins", "sg"): "другим человеком", ("pre", "sg"): "другом человеке",
    ("nom", "pl"): "другие люди", ("gen", "pl"): "других людей", ("dat", "pl"): "другим людям",
    ("acc", "pl"): "других людей", ("ins", "pl"): "другими людьми", ("pre", "pl"): "других людях",
}

#: Possessives that go with the noun (его, её and их do not decline; the others do).
_DECLINED = ("мо", "тво", "сво", "наш", "ваш")
_ENDINGS = ("й", "я", "е", "и", "его", "ей", "ему", "им", "ем", "их", "ю", "ими")
POSSESSIVES = frozenset({"его", "ее", "их", "мой", "твой", "свой", "наш", "ваш"}
                        | {stem + e for stem in ("мо", "тво", "сво") for e in _ENDINGS}
                        | {stem + e for stem in ("наш", "ваш")
                           for e in ("а", "е", "и", "его", "ей", "ему", "им", "ем", "их", "у", "ими")})

#: What case each preposition takes (в, на, за, под take two: either may be meant).
PREPOSITIONS: dict[str, frozenset[str]] = {
    **{p: frozenset({"gen"}) for p in ("без", "у", "от", "ото", "до", "из", "изо", "для", "около", "возле",
                                        "после", "кроме", "против", "среди", "вокруг", "из-за", "из-под",
                                        "вместо", "ради", "насчет", "мимо", "напротив")},
    **{p: frozenset({"dat"}) for p in ("к", "ко", "по", "благодаря", "согласно", "вопреки")},
    **{p: frozenset({"acc"}) for p in ("про", "через", "сквозь")},
    **{p: frozenset({"ins"}) for p in ("с", "со", "над", "надо", "перед", "передо", "между")},
    **{p: frozenset({"pre"}) for p in ("о", "об", "обо", "при")},
    **{p: frozenset({"acc", "pre"}) for p in ("в", "во", "на")},
    **{p: frozenset({"acc", "ins"}) for p in ("за", "под", "подо")},
}

#: Prepositions with a form for the word after them: before "друг..." they take the plain form.
_SHORT_PREPOSITION = {"со": "с", "ко": "к", "во": "в", "об": "о", "обо": "о", "изо": "из", "ото": "от",
                      "передо": "перед", "надо": "над", "подо": "под"}

#: form -> every (lemma, gender, case, number) it can be.
FORMS: dict[str, list[tuple[str, str, str, str]]] = {}
for _lemma, (_gender, _sg, _pl) in NOUNS.items():
    for _number, _row in (("sg", _sg), ("pl", _pl)):
        for _case, _form in zip(CASES, _row.split(), strict=False):
            FORMS.setdefault(_form, []).append((_lemma, _gender, _case, _number))

_CYR = "а-яёА-ЯЁ"
_TOKEN = re.compile(rf"[{_CYR}]+(?:-[{_CYR}]+)?")
#: Adjectives that may stand between the possessive and the noun (старшую, двоюродного).
_ADJECTIVE = re.compile(r".+(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ей|ых|их|ыми|ими)$")
_KINSHIP_ADJECTIVES = ("двоюродн", "троюродн", "родн", "старш", "младш", "приемн", "сводн", "единственн",
                       "покойн", "бывш", "гражданск", "будущ", "несовершеннолетн", "малолетн")
_NUMBERS = frozenset({"два", "две", "двух", "двум", "двумя", "три", "трех", "трем", "тремя", "четыре", "четырех",
                      "пять", "пяти", "шесть", "оба", "обе", "обоих", "обеих", "двое", "трое", "четверо",
                      "двоих", "троих", "один", "одна", "одного", "одну", "летний", "летнего", "летнюю",
                      "летняя", "лет", "года", "год"})


def _fold(word: str) -> str:
    return word.casefold().replace("ё", "е")


def find(text: str, names: Names) -> Iterator[Found]:
    """Every Russian relation phrase in ``text``."""
    tokens = [(m.start(), m.end(), _fold(m.group(0))) for m in _TOKEN.finditer(text)]
    for i, (start, end, word) in enumerate(tokens):
        readings = FORMS.get(word)
        if not readings:
            continue
        # Words before the noun that go with it: adjectives, then a possessive.
        first = i
        j = i - 1
        while j >= 0 and i - j <= 2 and _ADJECTIVE.match(tokens[j][2]) and tokens[j][2] not in POSSESSIVES \
                and _adjacent(text, tokens[j], tokens[j + 1]):
            j -= 1
        possessive = j >= 0 and tokens[j][2] in POSSESSIVES and _adjacent(text, tokens[j], tokens[j + 1])
        if possessive:
            first = j
        else:
            # Without a possessive only a kinship adjective (двоюродный, старшая) goes with
            # the noun: any other word there belongs to the sentence.
            while first > 0 and first - 1 > j and tokens[first - 1][2].startswith(_KINSHIP_ADJECTIVES):
                first -= 1
        if readings[0][0] in AMBIGUOUS and not possessive:
            continue
        before = tokens[first - 1][2] if first > 0 and _adjacent(text, tokens[first - 1], tokens[first]) else ""
        phrase_start = tokens[first][0]
        phrase_end = end
        why = ""
        around = {t[2] for t in tokens[max(0, first - 1):first]} | {t[2] for t in tokens[i + 1:i + 3]}
        if around & _NUMBERS or re.search(r"\d", text[max(0, phrase_start - 6):min(len(text), end + 8)]):
            why = Message("a number or an age goes with it").text
        # A capitalised word right after: a name of someone in the case goes with the
        # phrase; another may be a name Amparo does not know.
        k = i + 1
        while k < len(tokens) and tokens[k][2] in names.everyone and _adjacent(text, tokens[k - 1], tokens[k]) \
                and text[tokens[k][0]].isupper():
            phrase_end = tokens[k][1]
            k += 1
        if k == i + 1 and k < len(tokens) and text[tokens[k][0]].isupper() \
                and _adjacent(text, tokens[i], tokens[k]) and tokens[k][2] not in PREPOSITIONS:
            why = why or Message("a name or nickname may follow it").text
        cases = {(c, n) for _, _, c, n in readings}
        governed = PREPOSITIONS.get(before)
        if governed is not None:
            cases = {(c, n) for c, n in cases if c in governed} or cases
        else:
            cases = {(c, n) for c, n in cases if c != "pre"} or cases
        rewrites = {REWRITE[c] for c in cases}
        gender = {g for _, g, _, _ in readings}
        if not why and len(rewrites) > 1:
            why = Message("its grammatical case is unclear").text
        if not why and ("nom", "sg") in cases and gender & {"f", "c"}:
            why = Message("the verbs agree with it in gender").text
        rewrite = None if why else rewrites.pop()
        short = _SHORT_PREPOSITION.get(before)
        if rewrite is not None and short is not None:
            # "со своим сыном" → "с другим человеком", "об отце" → "о другом человеке":
            # the preposition's form depends on the word after it.
            phrase_start = tokens[first - 1][0]
            rewrite = f"{short} {rewrite}"
        yield Found(phrase_start, phrase_end, text[start:end], rewrite, why)


def _adjacent(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Whether only spaces stand between two tokens (no comma, no full stop)."""
    return text[a[1]:b[0]].strip() == ""
