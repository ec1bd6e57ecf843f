"""Arabic relation words: attached pronouns, the article, prefixed particles, broken plurals.

Arabic writes "his wife" as one word (زوجته) and may put a conjunction and a preposition
in front of it (وبزوجته "and with his wife"). Text is matched after the usual
normalisation (diacritics and tatweel removed; أ إ آ ٱ → ا; ى → ي; ؤ → و; ئ → ي), and
each word is split into prefixes (و ف, then ب ك ل), the article (ال, or ل after ل), and
a noun form from the tables below with an attached pronoun or none.

The neutral wording "شخص آخر" is masculine singular. It replaces a masculine singular
noun (ابنه "his son" → شخص آخر, وبابنه → وبشخص آخر; after إن and its sisters the
accusative شخصاً آخر). A direct object would want the accusative too, which the word
order does not tell; "شخص آخر" is kept there, understood though not formal. A feminine noun (the verbs agree
with it), a plural (the adjective would need a case ending) or a dual (it is a count)
goes to review, as does a noun in construct with a word Amparo cannot place (ابن
المدافعة "the defender's son": whose relative it is follows it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from amparo.disclosure.relations import Found, Names
from amparo.model.errors import Message  # the reasons are messages, said in the user's language

ANOTHER_PERSON = "شخص آخر"
ACCUSATIVE = "شخصاً آخر"
#: Particles whose noun is accusative (normalised spelling).
_INNA = frozenset({"ان", "ليت", "لعل", "لان", "بان"})  # إن أن لأن بأن ليت لعل

#: Attached pronouns: my, our, your (m, f, dual, m pl, f pl), his, her, their (dual, m, f).
SUFFIXES = ("ي", "نا", "ك", "كما", "كم", "كن", "ه", "ها", "هما", "هم", "هن")

#: (isolated form, form before a pronoun (or ""), kind). Kinds: m, f (singular), pl, dual.
#: Spelled normalised. The "five nouns" أب and أخ have their own bound forms below.
_ENTRIES: tuple[tuple[str, str, str], ...] = (
    ("زوج", "زوج", "m"), ("ابن", "ابن", "m"), ("حفيد", "حفيد", "m"), ("والد", "والد", "m"),
    ("شقيق", "شقيق", "m"), ("صهر", "صهر", "m"), ("عم", "عم", "m"), ("خال", "خال", "m"), ("جد", "جد", "m"),
    ("قريب", "قريب", "m"), ("زميل", "زميل", "m"), ("محامي", "محامي", "m"), ("خطيب", "خطيب", "m"),
    ("طفل", "طفل", "m"), ("ولد", "ولد", "m"), ("نسيب", "نسيب", "m"), ("حمو", "", "m"),
    ("زوجة", "زوجت", "f"), ("ابنة", "ابنت", "f"), ("بنت", "بنت", "f"), ("ام", "ام", "f"), ("اخت", "اخت", "f"),
    ("عمة", "عمت", "f"), ("خالة", "خالت", "f"), ("جدة", "جدت", "f"), ("حفيدة", "حفيدت", "f"),
    ("والدة", "والدت", "f"), ("شقيقة", "شقيقت", "f"), ("قريبة", "قريبت", "f"), ("زميلة", "زميلت", "f"),
    ("خطيبة", "خطيبت", "f"), ("حماة", "حمات", "f"), ("كنة", "كنت", "f"), ("طفلة", "طفلت", "f"),
    ("اسرة", "اسرت", "f"), ("عايلة", "عايلت", "f"), ("محامية", "محاميت", "f"),
    ("ابناء", "ابناء", "pl"), ("ابناو", "ابناو", "pl"), ("ابناي", "ابناي", "pl"), ("اولاد", "اولاد", "pl"),
    ("اطفال", "اطفال", "pl"), ("بنات", "بنات", "pl"), ("زوجات", "زوجات", "pl"), ("ازواج", "ازواج", "pl"),
    ("اخوة", "اخوت", "pl"), ("اخوان", "اخوان", "pl"), ("اخوات", "اخوات", "pl"), ("اشقاء", "اشقاء", "pl"),
    ("اشقاو", "اشقاو", "pl"), ("اشقاي", "اشقاي", "pl"), ("اعمام", "اعمام", "pl"), ("اخوال", "اخوال", "pl"),
    ("اجداد", "اجداد", "pl"), ("احفاد", "احفاد", "pl"), ("اقارب", "اقارب", "pl"), ("اقرباء", "اقرباء", "pl"),
    ("اقرباو", "اقرباو", "pl"), ("اقرباي", "اقرباي", "pl"), ("زملاء", "زملاء", "pl"), ("زملاو", "زملاو", "pl"),
    ("زملاي", "زملاي", "pl"), ("اهل", "اهل", "pl"), ("ذوي", "ذوي", "pl"), ("ذوو", "ذوو", "pl"),
    ("والدين", "والدي", "pl"), ("والدان", "والدا", "pl"), ("عايلات", "عايلات", "pl"), ("اسر", "اسر", "pl"),
    ("ابنين", "ابني", "dual"), ("ابنان", "ابنا", "dual"), ("ابنتين", "ابنتي", "dual"), ("ابنتان", "ابنتا", "dual"),
    ("بنتين", "بنتي", "dual"), ("اخوين", "اخوي", "dual"), ("اختين", "اختي", "dual"), ("زوجتين", "زوجتي", "dual"),
    ("طفلين", "طفلي", "dual"), ("ولدين", "ولدي", "dual"),
)
#: Words that are also ordinary words (بنت "a girl", ام "or", جدة the city, عم "about
#: what", خال "empty", قريب "near", ولد "was born", اهل "people of"...): they count only
#: with an attached pronoun or a name after them (a few with the article: ARTICLE_ENOUGH).
AMBIGUOUS = frozenset({"بنت", "بنات", "ام", "عم", "خال", "جد", "جدة", "قريب", "قريبة", "زميل", "زميلة",
                       "زملاء", "زملاو", "زملاي", "محامي", "محامية", "خطيب", "خطيبة", "طفل", "طفلة", "اطفال",
                       "ولد", "اولاد", "اهل", "ذوي", "ذوو", "اخوان", "اسر", "حماة", "كنة", "نسيب", "صهر",
                       "اب", "اخ", "عايلة", "اسرة", "عايلات"})

#: Ambiguous words that the article alone makes a relation (الأم "the mother").
#: (الأسرة stays out: قانون الأسرة is "family law".)
ARTICLE_ENOUGH = frozenset({"ام", "اهل", "اب", "اخ"})

#: form -> (lemma, kind, has a pronoun attached)
FORMS: dict[str, tuple[str, str, bool]] = {}
for _bare, _bound, _kind in _ENTRIES:
    FORMS.setdefault(_bare, (_bare, _kind, False))
    if _bound:
        for _suffix in SUFFIXES:
            if _kind == "dual" and _suffix == "ي":
                continue  # ابنتي is "my daughter", not a dual
            FORMS.setdefault(_bound + _suffix, (_bare, _kind, True))
# The five nouns: أب and أخ lengthen before a pronoun (أبوه أبيه أباه, أخي "my brother").
for _lemma in ("اب", "اخ"):
    FORMS.setdefault(_lemma, (_lemma, "m", False))
    for _long in ("و", "ي", "ا"):
        for _suffix in SUFFIXES[1:]:
            FORMS.setdefault(_lemma + _long + _suffix, (_lemma, "m", True))
    FORMS.setdefault(_lemma + "ي", (_lemma, "m", True))
# ة typed as ه, last: أخوه is "his brother" before it is a misspelt إخوة.
for _bare, _bound, _kind in _ENTRIES:
    if _bare.endswith("ة"):
        FORMS.setdefault(_bare[:-1] + "ه", (_bare, _kind, False))
FORMS["ابو"] = ("اب", "m", False)  # in construct: أبو محمد
FORMS["ابي"] = ("اب", "m", True)
FORMS["اخو"] = ("اخ", "m", False)
# اخت+ي is "my sister", not the dual stem اختي: keep the singular.
FORMS["اختي"] = ("اخت", "f", True)
FORMS["ابنتي"] = ("ابنة", "f", True)
FORMS["زوجتي"] = ("زوجة", "f", True)
FORMS["بنتي"] = ("بنت", "f", True)

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTERS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ؤ": "و", "ئ": "ي"}
_WORD = re.compile("[\u0621-\u063a\u0641-\u064a]+")
_NUMBERS = frozenset({"اثنان", "اثنين", "اثنتان", "اثنتين", "ثلاثة", "ثلاث", "اربعة", "اربع", "خمسة", "خمس",
                      "ستة", "ست", "سبعة", "سبع", "ثمانية", "تسعة", "عشرة", "الثلاثة", "الاربعة", "الخمسة",
                      "الاثنين", "الاثنان", "كلاهما", "كليهما", "كلتاهما", "عمره", "عمرها", "العمر", "عاما",
                      "سنة", "سنوات", "البالغ", "البالغة"})
_PREFIXES = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك", "")


def normalise(text: str) -> tuple[str, list[int]]:
    """``text`` as it is matched, and for each of its characters the original's offset."""
    out: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        if _MARKS.match(c):
            continue
        out.append(_LETTERS.get(c, c))
        where.append(i)
    return "".join(out), where


def analyse(word: str) -> tuple[str, str, tuple[str, str, bool]] | None:
    """(prefixes, article, reading) of a normalised word that is a relation noun, or None."""
    for prefix in _PREFIXES:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix):]
        articles = ["ال", ""]
        if prefix.endswith("ل"):
            articles.insert(0, "ل")  # ل + ال is written لل
        for article in articles:
            if not rest.startswith(article):
                continue
            noun = rest[len(article):]
            reading = FORMS.get(noun)
            if reading is None or (article and reading[2]):
                continue  # the article never goes with an attached pronoun
            if len(noun) < 3 and not reading[2] and not article:
                continue  # a bare two-letter word (ام, عم, جد) is too often something else
            return prefix, article, reading
    return None


def find(text: str, names: Names) -> Iterator[Found]:
    """Every Arabic relation phrase in ``text``."""
    norm, where = normalise(text)
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(norm)]

    def span(a: int, b: int) -> tuple[int, int]:
        end = where[b - 1] + 1
        while end < len(text) and _MARKS.match(text[end]):
            end += 1  # keep the last letter's diacritics with it
        return where[a], end

    for i, (start, end, word) in enumerate(words):
        found = analyse(word)
        if found is None:
            continue
        prefix, article, (lemma, kind, pronoun) = found
        following = [w for _, _, w in words[i + 1:i + 3]]
        nxt = words[i + 1] if i + 1 < len(words) and norm[end:words[i + 1][0]].strip() == "" else None
        name_after = nxt is not None and nxt[2] in names.everyone
        if lemma in AMBIGUOUS and not (pronoun or name_after or (article and lemma in ARTICLE_ENOUGH)):
            continue  # القريب is "the near one" as often as "the relative"
        if lemma == "اخوان" and following[:1] and following[0].startswith(("المسلم", "مسلم")):
            continue  # الإخوان المسلمون, the Muslim Brotherhood
        phrase_end = end
        why = ""
        previous = words[i - 1][2] if i > 0 else ""
        if kind == "dual" or previous in _NUMBERS or any(w in _NUMBERS for w in following) \
                or re.search(r"\d", norm[max(0, start - 6):min(len(norm), end + 12)]):
            why = Message("a number or an age goes with it").text
        if name_after:
            k = i + 1
            while k < len(words) and words[k][2] in names.everyone and norm[words[k - 1][1]:words[k][0]].strip() == "":
                phrase_end = words[k][1]
                k += 1
        elif not pronoun and not article and nxt is not None:
            if lemma == "ابن" and not nxt[2].startswith("ال"):
                continue  # ابن خلدون: part of a name, not a relation
            why = why or Message("whose relative it is follows it").text
        if not why and kind == "f":
            why = Message("the verbs agree with it in gender").text
        if not why and kind == "pl":
            why = Message("the wording for several people would need a case ending").text
        a, b = span(start + len(prefix), phrase_end)
        original = text[span(start, end)[0]:span(start, end)[1]]
        rewrite = None if why else ANOTHER_PERSON
        if rewrite is not None and not prefix and previous in _INNA:
            rewrite = ACCUSATIVE  # إن وأخواتها take their noun in the accusative: إن شخصاً آخر
        yield Found(a, b, original, rewrite, why)
