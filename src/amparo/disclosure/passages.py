"""What the user's own text reveals about people a document must not identify.

Names are only one way to identify someone. "Her daughter was questioned", next to the
named mother, identifies the daughter as surely as her name would; so does the village
or workplace the user marked as identifying. Before a document is written, every passage
of the user's own text that mentions a person the document does not name (by a name, a
relation word, or a term the user marked as identifying) is listed, with its field and a
short id. A passage Amparo can rewrite safely is rewritten (a relation phrase becomes a
neutral "another person" that does not point back through the named person); one it
cannot rewrite safely stops the document until the user edits the text or keeps the
passage verbatim as a recorded choice.

The relation words are kept per language (the user writes narratives in their own
language, which may not be the letter's) and rewritten in the language they matched in.
English, French and Spanish are a determiner and a noun from the tables below; Arabic,
Russian and Chinese need their morphology and live in ``disclosure.relations``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from amparo.disclosure.relations import Found, Names, arabic, chinese, latin, russian
from amparo.model.case import Case, Evidence
from amparo.model.errors import Message

#: Relation nouns, singular and plural, by language. Compound forms first so that
#: "daughter-in-law" is matched whole. For Arabic, Russian and Chinese the lemmas are
#: listed here; every form they take is in ``disclosure.relations``.
RELATIONS: dict[str, tuple[str, ...]] = {
    "en": ("mother-in-law", "father-in-law", "son-in-law", "daughter-in-law", "brother-in-law",
           "sister-in-law", "mothers-in-law", "fathers-in-law", "sons-in-law", "daughters-in-law",
           "brothers-in-law", "sisters-in-law", "granddaughters", "granddaughter", "grandsons", "grandson",
           "grandchild", "grandchildren", "grandmother", "grandfather", "grandparents", "stepmother",
           "stepfather", "stepson", "stepdaughter", "daughters", "daughter", "sons", "son", "children", "child",
           "wives", "wife", "husbands", "husband", "spouses", "spouse", "partner", "fiancée", "fiancé", "fiancee",
           "fiance", "mother", "father", "mum", "mom", "dad", "parents", "brothers", "brother", "sisters",
           "sister", "siblings", "sibling", "aunts", "aunt", "uncles", "uncle", "nieces", "niece", "nephews",
           "nephew", "cousins", "cousin", "relatives", "relative", "family", "colleagues", "colleague"),
    "fr": ("belles-mères", "belle-mère", "beaux-pères", "beau-père", "belles-filles", "belle-fille",
           "beaux-fils", "beau-fils", "beaux-frères", "beau-frère", "belles-sœurs", "belle-sœur",
           "belle-famille", "petites-filles", "petite-fille", "petit-fils", "petits-enfants", "grand-mères",
           "grands-mères", "grand-mère", "grands-pères", "grand-père", "grands-parents", "demi-frères",
           "demi-frère", "demi-sœurs", "demi-sœur", "filles", "fille", "fils", "enfants", "enfant", "épouses",
           "épouse", "époux", "maris", "mari", "conjointes", "conjointe", "conjoints", "conjoint", "compagnes",
           "compagne", "compagnons", "compagnon", "fiancées", "fiancée", "fiancés", "fiancé", "mères", "mère",
           "pères", "père", "maman", "papa", "parents", "parent", "frères", "frère", "sœurs", "sœur", "tantes",
           "tante", "oncles", "oncle", "nièces", "nièce", "neveux", "neveu", "cousines", "cousine", "cousins",
           "cousin", "gendre", "bru", "proches", "proche", "famille", "femmes", "femme", "collègues",
           "collègue"),
    "es": ("suegras", "suegra", "suegros", "suegro", "nueras", "nuera", "yernos", "yerno", "cuñadas", "cuñada",
           "cuñados", "cuñado", "bisnietas", "bisnieta", "bisnietos", "bisnieto", "nietas", "nieta", "nietos",
           "nieto", "bisabuela", "bisabuelo", "abuelas", "abuela", "abuelos", "abuelo", "hijastras", "hijastra",
           "hijastros", "hijastro", "hijas", "hija", "hijos", "hijo", "esposas", "esposa", "esposos", "esposo",
           "maridos", "marido", "mujeres", "mujer", "parejas", "pareja", "novias", "novia", "novios", "novio",
           "prometida", "prometido", "madrastra", "padrastro", "madres", "madre", "padres", "padre", "mamá",
           "papá", "hermanastras", "hermanastra", "hermanastros", "hermanastro", "hermanas", "hermana",
           "hermanos", "hermano", "tías", "tía", "tíos", "tío", "sobrinas", "sobrina", "sobrinos", "sobrino",
           "primas", "prima", "primos", "primo", "parientes", "pariente", "familiares", "familiar", "familia",
           "compañeras", "compañera", "compañeros", "compañero", "colegas", "colega"),
    "ar": tuple(dict.fromkeys(lemma for lemma, _, _ in arabic.FORMS.values())),
    "ru": tuple(russian.NOUNS),
    "zh": (*chinese.SINGULAR, *chinese.COLLECTIVE),
}
#: Words that may stand before a relation noun and go with it when it is rewritten.
#: (Russian possessives and Chinese ones are in ``disclosure.relations``; Arabic attaches
#: them to the noun.)
DETERMINERS: dict[str, tuple[str, ...]] = {
    "en": ("her", "his", "their", "its", "my", "our", "your", "the", "a", "an", "whose"),
    "fr": ("sa", "son", "ses", "leur", "leurs", "la", "le", "les", "une", "un", "des", "mon", "ma",
           "mes", "notre", "nos", "ton", "ta", "tes", "votre", "vos"),
    "es": ("su", "sus", "la", "el", "los", "las", "una", "un", "unas", "unos", "mi", "mis", "nuestra",
           "nuestro", "nuestras", "nuestros", "tu", "tus", "vuestra", "vuestro", "vuestras", "vuestros"),
    "ru": tuple(sorted(russian.POSSESSIVES)),
    "zh": chinese.POSSESSIVES,
}
#: Relation nouns that are also ordinary words: they count only after a possessive.
AMBIGUOUS = {"fr": {"femme", "femmes", "fils", "parents", "parent", "proche", "collègue", "collègues", "famille"},
             "es": {"mujer", "mujeres", "familiar", "familia", "compañera", "compañero", "compañeras", "compañeros",
                    "colega", "colegas"},
             "en": {"partner", "family", "colleague", "colleagues"},
             "ar": set(arabic.AMBIGUOUS), "ru": set(russian.AMBIGUOUS), "zh": set(chinese.AMBIGUOUS)}
POSSESSIVES = {"en": {"her", "his", "their", "my", "our", "your", "whose"},
               "fr": {"sa", "son", "ses", "leur", "leurs", "mon", "ma", "mes", "notre", "nos", "ton", "ta", "tes",
                      "votre", "vos"},
               "es": {"su", "sus", "mi", "mis", "nuestra", "nuestro", "nuestras", "nuestros", "tu", "tus",
                      "vuestra", "vuestro", "vuestras", "vuestros"},
               "ru": set(russian.POSSESSIVES), "zh": set(chinese.POSSESSIVES)}
#: The neutral phrase a relation phrase becomes, in the language it matched in. (Russian
#: declines it to the case of the noun it replaces: ``relations.russian.REWRITE``.)
ANOTHER_PERSON = {"en": "another person", "fr": "une autre personne", "es": "otra persona",
                  "ar": arabic.ANOTHER_PERSON, "ru": russian.REWRITE[("nom", "sg")], "zh": chinese.ANOTHER_PERSON}
WITHHELD_TERM = {"en": "[withheld]", "fr": "[retenu]", "es": "[omitido]", "ar": "[محجوب]", "ru": "[скрыто]",
                 "zh": "[已隐去]"}
#: Relation nouns that are another language's function word: they count only after a determiner.
_NEEDS_DETERMINER = {"en": {"son", "sons"}}
#: Languages whose relation words need their own morphology (``disclosure.relations``).
_MORPHOLOGY = {"ar": arabic.find, "ru": russian.find, "zh": chinese.find}
_LATIN = ("en", "fr", "es")

_WORD = r"[^\W\d_][^\W\d_'’-]*"
#: A count or an age right before or inside a relation phrase ("two daughters", "her
#: 16-year-old son", "sus tres hijos"): the rewrite would lose or garble it.
_NUMBER = re.compile(r"\d|\b(?:two|three|four|five|six|both|deux|trois|quatre|cinq|six|dos|tres|cuatro|cinco|seis|"
                     r"ambos|ambas)\b", re.I)
#: "the daughter of X", "la fille de X", "la hija de X": the words after say whose relative it is.
_OF = re.compile(r"\s+(?:of|de|del|du|d['’])\s*(?P<whose>[^\W\d_]+)")
#: Words that tell a Latin-script text's language (for the wording of a withheld term).
_FUNCTION_WORDS = {"en": {"the", "and", "was", "were", "of", "her", "his", "to", "by", "with", "that", "is", "in",
                          "on", "for", "would", "they", "she", "he", "had", "from", "at", "told", "said"},
                   "fr": {"le", "la", "les", "et", "est", "des", "été", "une", "du", "au", "par", "sa", "ont", "à",
                          "pour", "ses", "dans", "il", "elle", "ils", "qui", "pas", "ne", "sur", "avec", "après",
                          "aux", "leur", "dit"},
                   "es": {"el", "los", "las", "y", "fue", "del", "que", "una", "por", "con", "su", "para", "sus",
                          "ella", "ellos", "desde", "fueron", "es", "en", "al", "se", "pero", "como", "más"}}


@dataclass(frozen=True, slots=True)
class Passage:
    """One mention of a person the document does not name, in the user's own text.

    ``field`` is where it is (``reprisals[1].description``); ``kind`` is ``relation``,
    ``identifying-term`` or ``name``; ``matched`` is the words matched (a relation word
    may be shown; a name or a marked term never leaves the user's own screen);
    ``rewrite`` is what Amparo puts instead, or None when it cannot rewrite it safely.
    """

    id: str
    field: str
    start: int
    end: int
    kind: str
    matched: str
    rewrite: str | None
    people: tuple[str, ...] = ()
    why: str = ""
    #: Kept verbatim by the user's recorded choice instead of rewritten.
    kept: bool = False
    #: The language the passage matched in (its neutral wording is in that language).
    lang: str = "en"

    @property
    def safe(self) -> bool:
        """Whether Amparo can rewrite the passage itself."""
        return self.rewrite is not None

    def describe(self) -> str:
        """One line for the user's screen: where, what kind, what Amparo does (no name, no narrative)."""
        what = {"relation": f"relation word {self.matched!r}",
                "identifying-term": "a term you marked as identifying",
                "name": "a name"}.get(self.kind, self.kind)
        done = ("kept as you wrote it, by your choice" if self.kept
                else f"rewritten as {self.rewrite!r}" if self.rewrite is not None
                else f"cannot be rewritten safely ({self.why})")
        return f"{self.id}  {self.field}: {what}; {done}"

    def description(self) -> Message:
        """``describe`` as a message, for the face to say in its user's language."""
        what = {"relation": Message("relation word {word!r}", word=self.matched),
                "identifying-term": Message("a term you marked as identifying"),
                "name": Message("a name")}.get(self.kind, self.kind)
        done = (Message("kept as you wrote it, by your choice") if self.kept
                else Message("rewritten as {text!r}", text=self.rewrite) if self.rewrite is not None
                else Message("cannot be rewritten safely ({why})", why=Message(self.why)))
        return Message("{id}  {field}: {what}; {done}", id=self.id, field=self.field, what=what, done=done)


def passage_id(field: str, start: int, matched: str) -> str:
    """A short, stable id for a passage (no content can be read back from it)."""
    digest = hashlib.sha256(f"{field}\x00{start}\x00{matched}".encode("utf-8", "surrogatepass")).hexdigest()
    return "P-" + digest[:6]


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def _relation_pattern(lang: str) -> re.Pattern[str]:
    nouns = "|".join(re.escape(n) for n in sorted(RELATIONS[lang], key=len, reverse=True))
    dets = "|".join(re.escape(d) for d in DETERMINERS[lang])
    # [determiner | Name's] (up to two words) noun [a following capitalised word]
    # Words between a determiner and the noun ("her eldest daughter") go with the phrase;
    # without a determiner nothing before the noun does ("about her mother" keeps "about").
    return re.compile(
        rf"(?<![^\W\d_])(?:(?P<det>(?:{dets})\s+|l['’]|{_WORD}['’]s\s+)(?P<mid>(?:{_WORD}\s+){{0,2}}?))?"
        rf"(?P<noun>{nouns})(?![^\W\d_])(?P<after>\s+[A-ZÀ-ÖØ-Þ][^\W\d_]+)?",
        re.IGNORECASE)


_PATTERNS = {lang: _relation_pattern(lang) for lang in _LATIN}


def _relatives(case: Case, hidden: set[str]) -> list[str]:
    """The hidden people a relation word may point at: relatives of someone in the case."""
    return [p.ref for p in case.people if p.ref in hidden and (p.relation_to or p.role == "family-member")]


def case_texts(case: Case, evidence: Sequence[Evidence] = (), *,
               untold: frozenset[int] = frozenset()) -> list[tuple[str, str]]:
    """Every piece of the user's own text a letter may quote, with its field path.

    ``untold`` are the indexes of reprisals the letter does not describe: their text is
    never printed, so it is not read for passages.
    """
    fields: list[tuple[str, str]] = []

    def add(path: str, value: str | None) -> None:
        if value:
            fields.append((path, value))

    for i, e in enumerate(case.engagements):
        add(f"engagements[{i}].session", e.session)
        add(f"engagements[{i}].description", e.description)
    for i, r in enumerate(case.reprisals):
        if i in untold:
            continue
        add(f"reprisals[{i}].description", r.description)
        add(f"reprisals[{i}].place", r.place)
        add(f"reprisals[{i}].link", r.link)
    for i, step in enumerate(case.steps_taken):
        add(f"steps_taken[{i}]", step)
    for i, u in enumerate(case.un_references):
        add(f"un_references[{i}].note", u.note)
    for i, p in enumerate(case.people):
        add(f"people[{i}].organisation", p.organisation)
        if p.consent_record:
            add(f"people[{i}].consent_record.note", p.consent_record.note)
    if case.writer:
        add("writer.name", case.writer.name)
        add("writer.capacity", case.writer.capacity)
        add("writer.contact", case.writer.contact)
    for ev in evidence:
        add(f"evidence[{ev.id}].description", ev.description)
        add(f"evidence[{ev.id}].filename", ev.filename)
    return fields


def find_passages(case: Case, fields: Iterable[tuple[str, str]], *, hidden: Sequence[str],
                  names: Mapping[str, Sequence[str]] = {}) -> list[Passage]:
    """Every passage of ``fields`` ((path, text) pairs) that mentions a hidden person.

    ``hidden`` are the people (refs) the document does not name (described or left out).
    ``names`` maps each hidden ref to the name variants already replaced by the
    redactor: a relation phrase followed by one of them is rewritten as one phrase.
    """
    hidden_set = set(hidden)
    relatives = _relatives(case, hidden_set)
    terms = [(ref, t) for p in case.people if p.ref in hidden_set
             for ref, t in ((p.ref, t) for t in p.identifying_terms) if t.strip()]
    known_names = {_fold(part) for ref in hidden for n in names.get(ref, ()) for part in n.split()}
    everyone = {_fold(part) for p in case.people for part in p.name.split()}
    context = Names(hidden=frozenset(known_names), everyone=frozenset(everyone | known_names),
                    full=tuple(sorted({v for p in case.people for v in (p.name, p.name.replace(" ", ""))
                                       if len(v) >= 2}, key=len, reverse=True)))
    found: list[Passage] = []
    for path, text in fields:
        if not text:
            continue
        taken: list[tuple[int, int]] = []
        written_in = language_of(text)
        withheld = WITHHELD_TERM.get(written_in or "", "{withheld}")
        for ref, term in sorted(terms, key=lambda x: -len(x[1])):
            for m in _term_pattern(term).finditer(text):
                start, end = m.start("t"), m.end("t")
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                found.append(Passage(passage_id(path, start, m.group("t")), path, start, end,
                                     "identifying-term", m.group("t"), withheld, (ref,)))
        if not relatives:
            continue
        # The text's own language first: "ses parents" is French, not English, and the
        # French "son passeport" holds no English "son".
        latin = sorted(_LATIN, key=lambda lang: lang != written_in)
        mentions = [(lang, f) for lang in latin for f in _latin(lang, text, known_names, everyone)
                    if lang == written_in or written_in not in _LATIN
                    or f.noun.casefold() not in DETERMINERS[written_in]]
        mentions += [(lang, f) for lang, finder in _MORPHOLOGY.items() for f in finder(text, context)]
        # Where two languages' words overlap, the text's language wins, then the longer phrase.
        for lang, f in sorted(mentions, key=lambda m: (m[0] != written_in, m[1].start - m[1].end, m[1].start)):
            if any(s < f.end and f.start < e for s, e in taken):
                continue
            taken.append((f.start, f.end))
            found.append(Passage(passage_id(path, f.start, text[f.start:f.end]), path, f.start, f.end, "relation",
                                 f.noun, f.rewrite, tuple(relatives), f.why, lang=lang))
    return sorted(found, key=lambda p: (p.field, p.start))


def _term_pattern(term: str) -> re.Pattern[str]:
    """A term the user marked as identifying, wherever it stands as a word.

    Chinese has no spaces, so a term in Han characters is matched as a substring; an
    Arabic term may carry a prefixed particle (وبالزمالك "and in Zamalek"), which stays.
    """
    escaped = re.escape(term.strip())
    if re.search("[\u3400-\u9fff]", term):
        return re.compile(rf"(?P<t>{escaped})")
    return re.compile(rf"(?<![^\W\d_])(?:[وفبلك]{{0,2}}?)(?P<t>{escaped})(?![^\W\d_])", re.IGNORECASE)


def _latin(lang: str, text: str, known_names: set[str], everyone: set[str]) -> list[Found]:
    """The English, French or Spanish relation phrases in ``text``."""
    out: list[Found] = []
    for m in _PATTERNS[lang].finditer(text):
        start = m.start()
        det = (m.group("det") or "").strip().casefold()
        noun = m.group("noun").casefold()
        if noun in AMBIGUOUS.get(lang, set()) and det not in POSSESSIVES[lang] and not det.endswith("s"):
            continue
        if noun in _NEEDS_DETERMINER.get(lang, set()) and (
                not det or (m.group("mid") and det not in POSSESSIVES[lang])):
            continue  # the French "son" (his, her; "a perdu son financement") is not the English "son"
        after = m.group("after")
        if after and not after.strip()[:1].isupper():
            after = None  # the pattern ignores case; only a capitalised word may be a name
        why = ""
        before = text[max(0, start - 16):start].split()
        if _NUMBER.search(m.group(0)) or (before and _NUMBER.search(before[-1])):
            why = Message("a number or an age goes with it").text
        if after and _fold(after.strip()) not in known_names:
            # "her daughter Amira": a word that may be a name the vault does not know.
            end = m.end("noun")
            why = why or Message("a name or nickname may follow it").text
        elif after:
            end = m.end("after")
        else:
            end = m.end("noun")
        whose = _OF.match(text, end)
        if whose and whose.group("whose")[:1].isupper():
            # "la fille de Mariam": the rewrite must not say whose relative it was.
            if _fold(whose.group("whose")) in everyone:
                end = whose.end()
                while (nxt := re.match(rf"\s+({_WORD})", text[end:])) and _fold(nxt.group(1)) in everyone:
                    end += nxt.end()
            else:
                why = why or Message("whose relative it is follows it").text
        rewrite = latin.neutral(lang, noun, det)
        before_word = re.search(rf"({_WORD})\s+$", text[:start]) if not det else None
        held = latin.CONTRACTIONS.get(lang, {}).get(before_word.group(1).casefold()) if before_word else None
        if held is not None:
            # "del hijo" → "de alguien más": the article goes, its preposition stays.
            start, rewrite = before_word.start(1), f"{held} {rewrite}"
        elif rewrite.startswith("d'") and re.search(r"(?<![^\W\d_])d[e’']\s*$", text[:start], re.I):
            start = re.search(r"(?<![^\W\d_])d[e’']\s*$", text[:start], re.I).start()  # de + d'autres
        elision = re.search(r"(?<![^\W\d_])(que|de|ne|se|le|la|lorsque|puisque|jusque)\s+$", text[:start], re.I)
        if lang == "fr" and elision and rewrite[:1] in "aeiouhéè":
            # "que une autre personne" → "qu'une autre personne"
            start, rewrite = elision.start(), f"{elision.group(1)[:-1].casefold()}'{rewrite}"
        out.append(Found(start, end, m.group("noun"), None if why else rewrite, why))
    return out


def language_of(text: str) -> str | None:
    """The language ``text`` is most likely written in, of the six, or None when unclear.

    By script for Arabic, Russian and Chinese; by a handful of function words for
    English, French and Spanish. Used only to word a withheld term the way the
    sentence around it is written.
    """
    counts = {"ar": len(re.findall("[\u0600-\u06ff]", text)), "ru": len(re.findall("[\u0400-\u04ff]", text)),
              "zh": len(re.findall("[\u4e00-\u9fff]", text))}
    script = max(counts, key=lambda k: counts[k])
    if counts[script]:
        return script
    words = re.findall(r"[^\W\d_]+", text.casefold())
    scores = {lang: sum(w in fw for w in words) for lang, fw in _FUNCTION_WORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] and list(scores.values()).count(scores[best]) == 1 else None


def apply_rewrites(text: str, passages: Sequence[Passage], *, keep: Iterable[str] = (),
                   withheld: str = WITHHELD_TERM["en"]) -> str:
    """``text`` with its passages rewritten, except those in ``keep`` (kept verbatim by choice).

    A passage that cannot be rewritten safely and is not kept must have stopped the
    document before this is called; it is then removed rather than printed.
    """
    kept = set(keep)
    out = text
    for p in sorted(passages, key=lambda x: -x.start):
        if p.id in kept:
            continue
        replacement = p.rewrite if p.rewrite is not None else ANOTHER_PERSON.get(p.lang, ANOTHER_PERSON["en"])
        replacement = withheld if replacement == "{withheld}" else replacement
        original = out[p.start:p.end]
        if original[:1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        out = out[:p.start] + replacement + out[p.end:]
    return out


def rewrite_all(case: Case, fields: Sequence[tuple[str, str]], *, hidden: Sequence[str],
                names: Mapping[str, Sequence[str]] = {}) -> dict[str, str]:
    """Every text rewritten, unsafe passages included (original -> rewritten).

    For data handed to an audience (an export, a share) rather than a letter the user
    reads first: there is nobody to ask, so what cannot be rewritten safely is replaced
    too, by the neutral phrase, and the export errs on the side of saying less.
    """
    found = find_passages(case, fields, hidden=hidden, names=names)
    by_field: dict[str, list[Passage]] = {}
    for passage in found:
        by_field.setdefault(passage.field, []).append(passage)
    out: dict[str, str] = {}
    for path, text in fields:
        if path in by_field:
            out[text] = apply_rewrites(text, by_field[path])
    return out
