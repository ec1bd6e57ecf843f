"""The neutral wording for an English, French or Spanish relation phrase, in its number and gender.

"Her sons were questioned" must not become "another person were questioned", nor "su
hijo fue detenido" "otra persona fue detenido": the verbs and participles agree with the
noun. The wording takes the noun's number, and in French and Spanish its grammatical
gender, with a neutral word that takes the same agreement:

========  ==================  =================  ==================  ==============
language  one, feminine       one, masculine     several, feminine   several, masc.
========  ==================  =================  ==================  ==============
en        another person      another person     other people        other people
fr        une autre personne  quelqu'un d'autre  d'autres personnes  d'autres
es        otra persona        alguien más        otras personas      otros
========  ==================  =================  ==================  ==============

A noun of either gender (enfant, colega) takes the masculine, the languages' default
for an unknown gender; its number may come from the determiner (ses fils). A contracted
article before the noun (du, au, del, al) goes with the phrase: "del hijo" → "de
alguien más".
"""

from __future__ import annotations

_FEMININE = {
    "fr": {"belle-mère", "belle-fille", "belle-sœur", "belle-famille", "petite-fille", "grand-mère",
           "demi-sœur", "fille", "épouse", "conjointe", "compagne", "fiancée", "mère", "maman", "sœur", "tante",
           "nièce", "cousine", "bru", "famille", "femme", "belles-mères", "belles-filles", "belles-sœurs",
           "petites-filles", "grand-mères", "grands-mères", "demi-sœurs", "filles", "épouses", "conjointes",
           "compagnes", "fiancées", "mères", "sœurs", "tantes", "nièces", "cousines", "femmes"},
    "es": {"suegra", "nuera", "cuñada", "bisnieta", "nieta", "bisabuela", "abuela", "hijastra", "hija", "esposa",
           "mujer", "pareja", "novia", "prometida", "madrastra", "madre", "mamá", "hermanastra", "hermana", "tía",
           "sobrina", "prima", "familia", "compañera", "suegras", "nueras", "cuñadas", "bisnietas", "nietas",
           "abuelas", "hijastras", "hijas", "esposas", "mujeres", "parejas", "novias", "madres", "hermanastras",
           "hermanas", "tías", "sobrinas", "primas", "compañeras"},
}
#: Nouns of either gender, or whose number the word alone does not tell.
_EITHER = {"fr": {"enfant", "enfants", "collègue", "collègues", "proche", "proches", "parent", "fils", "époux",
                  "petits-enfants"},
           "es": {"colega", "colegas", "familiar", "familiares", "pariente", "parientes"}}
_PLURAL_EN = {"children", "grandchildren"}

WORDING = {
    "en": {("sg", "f"): "another person", ("sg", "m"): "another person", ("pl", "f"): "other people",
           ("pl", "m"): "other people"},
    "fr": {("sg", "f"): "une autre personne", ("sg", "m"): "quelqu'un d'autre", ("pl", "f"): "d'autres personnes",
           ("pl", "m"): "d'autres"},
    "es": {("sg", "f"): "otra persona", ("sg", "m"): "alguien más", ("pl", "f"): "otras personas",
           ("pl", "m"): "otros"},
}
#: A contracted article before the noun: the preposition it holds stays.
CONTRACTIONS = {"fr": {"du": "de", "au": "à", "aux": "à"}, "es": {"del": "de", "al": "a"}}


_PLURAL_DETERMINERS = {"fr": {"ses", "les", "des", "leurs", "mes", "nos", "tes", "vos", "aux"},
                       "es": {"sus", "los", "las", "unos", "unas", "mis", "nuestros", "nuestras", "tus", "vuestros",
                              "vuestras"}}


def number(lang: str, noun: str, det: str = "") -> str:
    """``sg`` or ``pl`` for a relation noun (lowercase), helped by its determiner."""
    if lang == "en":
        return "pl" if noun.endswith("s") or noun in _PLURAL_EN else "sg"
    if det in _PLURAL_DETERMINERS.get(lang, set()):
        return "pl"
    if noun in {"fils", "époux"} or (noun in _EITHER.get(lang, set()) and not noun.endswith("s")):
        return "sg"
    return "pl" if noun.endswith(("s", "x")) else "sg"


def neutral(lang: str, noun: str, det: str = "") -> str:
    """The neutral wording that takes the same agreement as ``noun`` (after ``det``)."""
    noun, det = noun.casefold(), det.casefold()
    n = number(lang, noun, det)
    if lang == "en":
        return WORDING["en"][(n, "f")]
    # A noun of either gender takes the masculine, French's and Spanish's default.
    gender = "f" if noun in _FEMININE.get(lang, set()) else "m"
    return WORDING[lang][(n, gender)]
