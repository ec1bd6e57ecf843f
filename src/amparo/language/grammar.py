"""Small grammar for letters in French and Spanish: articles, contractions, agreement, quotes.

Sentences are built from translated templates and translated words; where a word meets
a template the two must agree. Three rules cover what letters need:

* **Articles with body names.** A knowledge-base title ("Rapporteur spécial sur…",
  "Relator Especial sobre…") has no article; ``definite`` adds the one its head noun
  takes (``le``/``la``/``l'``, ``el``/``la``), from the gender of the head noun.
* **Contractions** where a preposition of the template meets the article of a name:
  French ``de le`` → ``du``, ``à le`` → ``au``, ``de les`` → ``des``, ``à les`` →
  ``aux``, ``de un`` → ``d'un``; Spanish ``de el`` → ``del``, ``a el`` → ``al``.
  ``contract`` applies them only before a name (a capital letter or a noun phrase the
  vocabulary made), never before a verb: « avant de le nommer » stays as it is.
* **Agreement** with the gender of the person described: words whose form depends on it
  are written out per gender in the vocabulary (``vocabulary.LOCATION_WOMAN`` …), and
  ``gendered`` picks the form; an undisclosed gender takes a form that needs no agreement.

The user's own narrative is never rewritten: ``quote`` marks it as quoted, in the
quotation marks of the letter's language.
"""

from __future__ import annotations

import re

from amparo.language.i18n import Language

# Head nouns of body names by gender (the first word decides in these titles).
_FEMININE = {
    "fr": {"rapporteuse", "experte", "commission", "cour", "équipe", "mission", "présidente", "haute",
           "sous-commission", "instance", "conférence", "organisation", "procédure", "assemblée"},
    "es": {"relatora", "experta", "comisión", "corte", "oficina", "misión", "presidenta", "alta",
           "subcomisión", "instancia", "conferencia", "organización", "asamblea"},
}
_ARTICLES = {
    "fr": ("le ", "la ", "l'", "les ", "un ", "une ", "des "),
    "es": ("el ", "la ", "los ", "las ", "un ", "una "),
    "en": ("the ", "a ", "an "),
}
_VOWEL = re.compile(r"^[aeiouyàâéèêëîïôûùh]", re.IGNORECASE)

# Contractions, each only before a capitalised name or an article the vocabulary put there.
_CONTRACTIONS = {
    "fr": [(re.compile(r"\b([Dd])e le (?=[A-ZÀ-Ý])"), r"\1u "),
           (re.compile(r"\b([Àà]) le (?=[A-ZÀ-Ý])"), lambda m: ("A" if m.group(1) == "À" else "a") + "u "),
           (re.compile(r"\b([Dd])e les (?=[A-ZÀ-Ý])"), r"\1es "),
           (re.compile(r"\b([Àà]) les (?=[A-ZÀ-Ý])"), lambda m: ("A" if m.group(1) == "À" else "a") + "ux "),
           (re.compile(r"\b([Dd])e (un|une) (?=\w)"), r"\1'\2 ")],
    "es": [(re.compile(r"\b([Dd])e el (?=[A-ZÁÉÍÓÚÑ])"), r"\1el "),
           (re.compile(r"\b([Aa]) el (?=[A-ZÁÉÍÓÚÑ])"), r"\1l ")],
}
_QUOTES = {"fr": ("« ", " »"), "es": ("«", "»"), "en": ("“", "”"), "ru": ("«", "»"), "ar": ("«", "»"),
           "zh": ("“", "”")}


def gender_of_name(lang: Language, name: str) -> str:
    """"f" or "m": the grammatical gender of a body's title, from its head noun."""
    head = name.split(" ", 1)[0].casefold()
    return "f" if head in _FEMININE.get(lang.code, set()) else "m"


def definite(lang: Language, name: str) -> str:
    """``name`` with the definite article its head noun takes in ``lang`` (unchanged if it has one)."""
    lowered = name.casefold()
    if any(lowered.startswith(a) for a in _ARTICLES.get(lang.code, ())):
        return name
    if lang.code == "fr":
        if _VOWEL.match(name):
            return "l'" + name
        return ("la " if gender_of_name(lang, name) == "f" else "le ") + name
    if lang.code == "es":
        return ("la " if gender_of_name(lang, name) == "f" else "el ") + name
    if lang.code == "en":
        return "the " + name
    return name


def contract(lang: Language, text: str) -> str:
    """``text`` with the contractions ``lang`` requires where a preposition meets an article."""
    for pattern, replacement in _CONTRACTIONS.get(lang.code, ()):
        text = pattern.sub(replacement, text)
    return text


def quote(lang: Language, text: str) -> str:
    """The user's own words, marked as quoted and left as written."""
    if not text:
        return text
    opening, closing = _QUOTES.get(lang.code, ("“", "”"))
    return f"{opening}{text.strip()}{closing}"


def gendered(lang: Language, forms: dict[str, dict[str, tuple[str, str]]], key: str, gender: str) -> str:
    """The form of ``key`` for ``gender`` ("woman", "man"; anything else: the neutral form).

    ``forms`` maps "woman", "man" and "neutral" to label tables (``i18n.label`` pairs).
    """
    table = forms.get(gender) or forms["neutral"]
    pair = table.get(key) or forms["neutral"].get(key)
    return lang.label(pair) if pair else key


def semicolon(lang: Language) -> str:
    """The separator between clauses: French sets a space before "; " as before ":";
    Chinese writes the full-width "；", Arabic its own "؛"."""
    return {"fr": " ; ", "zh": "；", "ar": "؛ "}.get(lang.code, "; ")


def colon(lang: Language) -> str:
    """The colon after a label, with the space French puts before it (Chinese: "：")."""
    return {"fr": " : ", "zh": "："}.get(lang.code, ": ")


def comma(lang: Language) -> str:
    """The comma between the parts of a description: "，" in Chinese, "، " in Arabic."""
    return {"zh": "，", "ar": "، "}.get(lang.code, ", ")


def stop(lang: Language) -> str:
    """The full stop that ends a sentence ("。" in Chinese)."""
    return "。" if lang.code == "zh" else "."


def sentences(lang: Language, parts: list[str]) -> str:
    """Sentences one after the other: Chinese sets no space after "。"."""
    return ("" if lang.code == "zh" else " ").join(p for p in parts if p)


def parenthesised(lang: Language, text: str) -> str:
    """`` (text)`` to follow a word: Chinese takes full-width brackets and no space."""
    return f"（{text}）" if lang.code == "zh" else f" ({text})"


def ended(lang: Language, text: str) -> str:
    """``text`` ended by a full stop, once: a Russian date ends in "г." already, and a
    Chinese sentence in "。" or "）"."""
    text = text.rstrip()
    if lang.code == "zh":
        text = text.rstrip(".")
        return text if text.endswith(("。", "！", "？")) else text + "。"
    return text if text.endswith((".", "!", "?")) else text + "."


def tidy(lang: Language, text: str) -> str:
    """A template's output with the stop doubled by a date that ends in one ("2026 г..")."""
    if lang.code == "ru":
        text = re.sub(r"\bг\.\.(?!\.)", "г.", text)
    if lang.code == "zh":
        text = re.sub(r"(?<=[：；，。）])[ ]+|[ ]+(?=[（：；，。])", "", text)
    return text
