"""Chinese relation words: kinship terms found as substrings, with their possessive.

Chinese writes no spaces, so a kinship term is found wherever it stands, longest first
(兄弟姐妹 before 兄弟). A possessive before it goes with the phrase (他的妻子, 她女儿,
其丈夫), and so do a few modifiers (大女儿, 小儿子) and the plural 们. The rewrite is
"另一个人" for one person, "其他人" for a collective term (家人, 父母), and nothing else
in the sentence needs to change: Chinese does not inflect for gender or case.

A term after someone else's possessive (某某的女儿) goes to review unless the possessor
is a person of the case, whose name then goes with the phrase: the phrase would otherwise
say whose relative it is. A count before it (两个女儿) goes to review, as in every language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from amparo.disclosure.relations import Found, Names
from amparo.model.errors import Message  # the reasons are messages, said in the user's language

ANOTHER_PERSON = "另一个人"
OTHER_PEOPLE = "其他人"

#: Terms for one person.
SINGULAR = ("妻子", "丈夫", "老婆", "老公", "爱人", "配偶", "伴侣", "未婚妻", "未婚夫", "女朋友", "男朋友",
            "女儿", "儿子", "闺女", "孩子", "小孩", "父亲", "母亲", "爸爸", "妈妈", "爸", "妈", "哥哥", "姐姐",
            "弟弟", "妹妹", "祖父", "祖母", "爷爷", "奶奶", "外公", "外婆", "外祖父", "外祖母", "孙子", "孙女",
            "外孙", "外孙女", "叔叔", "伯伯", "伯父", "伯母", "婶婶", "舅舅", "舅妈", "姑姑", "姑妈", "阿姨",
            "姨妈", "侄子", "侄女", "外甥", "外甥女", "表哥", "表姐", "表弟", "表妹", "堂哥", "堂姐", "堂弟",
            "堂妹", "岳父", "岳母", "公公", "婆婆", "女婿", "儿媳", "媳妇", "嫂子", "弟媳", "姐夫", "妹夫",
            "继父", "继母", "亲戚", "亲人", "同事", "律师", "代理律师")
#: Terms for several people.
COLLECTIVE = ("家人", "家属", "亲属", "家庭成员", "父母", "子女", "儿女", "兄弟姐妹", "兄弟", "姐妹", "孩子们",
              "亲戚们", "同事们", "家里人", "家庭")
#: Terms that are also ordinary words (律师 "a lawyer", 同事 "colleagues" in general, 家庭
#: "a household", 爸/妈 inside other words): they count only after a possessive.
AMBIGUOUS = frozenset({"同事", "同事们", "律师", "代理律师", "家庭", "爸", "妈", "孩子", "小孩", "孩子们", "兄弟",
                       "姐妹"})

#: Possessives that go with the term (其 is the written "his/her/their").
POSSESSIVES = ("他们的", "她们的", "我们的", "你们的", "他的", "她的", "我的", "你的", "其", "他们", "她们",
               "我们", "他", "她", "我")
_MODIFIERS = "大小长幼亲前老二三"
_TERMS = sorted((*SINGULAR, *COLLECTIVE), key=len, reverse=True)
_PATTERN = re.compile(
    rf"(?P<det>{'|'.join(POSSESSIVES)})?(?P<mid>[{_MODIFIERS}]?)(?P<noun>{'|'.join(_TERMS)})(?P<plural>们)?")
_COUNT = re.compile(r"(?:[0-9０-９]+|[一两二三四五六七八九十几多])\s*(?:个|名|位|口)?$")
#: Characters that, right before or after a term, make it part of another word
#: (女儿童 "girls", 孩子气 "childish", 妈祖 a goddess, 父母官 "local official").
_INSIDE_AFTER = ("童", "气", "祖", "官", "节")
#: After a term ending in 人, these make 人 part of the next word: 国家人权 ("national human
#: rights", not 家人 "family"), 热爱人民 ("love the people", not 爱人 "spouse").
_AFTER_REN = frozenset("权民士员类口道格身性")
_BEFORE_QI = frozenset("尤极及与何充")


def find(text: str, names: Names) -> Iterator[Found]:
    """Every Chinese relation phrase in ``text``."""
    for m in _PATTERN.finditer(text):
        noun = m.group("noun")
        start, end = m.start(), m.end()
        det = m.group("det") or ""
        if any(text.startswith(s, end) for s in _INSIDE_AFTER) or (noun.endswith("人") and
                                                                   text[end:end + 1] in _AFTER_REN):
            continue
        if det == "其" and text[start - 1:start] in _BEFORE_QI:
            start += 1  # 尤其 "especially": 其 is not a possessive there
            det = ""
            if noun in AMBIGUOUS:
                continue
        if noun in AMBIGUOUS and not det:
            continue
        why = ""
        before = text[max(0, start - 4):start]
        if m.group("mid") in ("二", "三") or _COUNT.search(before):
            why = Message("a number or an age goes with it").text
        if re.search(r"\d|岁", text[end:end + 4]):
            why = Message("a number or an age goes with it").text
        if not det and before.endswith("的"):
            owner = next((n for n in names.full if text[:start - 1].endswith(n)), None)
            if owner is not None:
                start -= len(owner) + 1
            else:
                why = why or Message("whose relative it is comes before it").text
        name = next((n for n in names.full if text.startswith(n, end)), None)
        if name is not None:
            end += len(name)
        collective = noun in COLLECTIVE or bool(m.group("plural"))
        rewrite = None if why else (OTHER_PEOPLE if collective else ANOTHER_PERSON)
        yield Found(start, end, noun, rewrite, why)
