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
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from amparo.model.case import Case, Evidence
from amparo.model.errors import Message

#: Relation nouns, singular and plural, by language. Compound forms first so that
#: "daughter-in-law" is matched whole.
RELATIONS: dict[str, tuple[str, ...]] = {
    "en": ("mother-in-law", "father-in-law", "son-in-law", "daughter-in-law", "brother-in-law",
           "sister-in-law", "granddaughter", "grandson", "grandchild", "grandchildren", "grandmother",
           "grandfather", "grandparents", "daughters", "daughter", "sons", "son", "children", "child",
           "wife", "husband", "spouse", "partner", "fiancée", "fiancé", "mother", "father", "parents",
           "brothers", "brother", "sisters", "sister", "siblings", "sibling", "aunt", "uncle", "niece",
           "nephew", "cousins", "cousin", "relatives", "relative", "family"),
    "fr": ("belle-mère", "beau-père", "belle-fille", "beau-fils", "beau-frère", "belle-sœur",
           "petite-fille", "petit-fils", "petits-enfants", "grand-mère", "grand-père", "grands-parents",
           "filles", "fille", "fils", "enfants", "enfant", "épouse", "époux", "mari", "conjointe",
           "conjoint", "compagne", "compagnon", "fiancée", "fiancé", "mère", "père", "parents", "frères",
           "frère", "sœurs", "sœur", "tante", "oncle", "nièce", "neveu", "cousines", "cousine", "cousins",
           "cousin", "proches", "famille", "femme"),
    "es": ("suegra", "suegro", "nuera", "yerno", "cuñada", "cuñado", "nieta", "nieto", "nietos", "abuela",
           "abuelo", "abuelos", "hijas", "hija", "hijos", "hijo", "esposa", "esposo", "marido", "mujer",
           "pareja", "novia", "novio", "madre", "padre", "padres", "hermanas", "hermana", "hermanos",
           "hermano", "tía", "tío", "sobrina", "sobrino", "primas", "prima", "primos", "primo", "familiares",
           "familiar", "familia"),
}
#: Words that may stand before a relation noun and go with it when it is rewritten.
DETERMINERS: dict[str, tuple[str, ...]] = {
    "en": ("her", "his", "their", "its", "my", "our", "your", "the", "a", "an", "whose"),
    "fr": ("sa", "son", "ses", "leur", "leurs", "la", "le", "les", "l'", "une", "un", "des", "mon", "ma",
           "mes", "notre", "nos"),
    "es": ("su", "sus", "la", "el", "los", "las", "una", "un", "mi", "mis", "nuestra", "nuestro"),
}
#: Relation nouns that are also ordinary words: they count only after a possessive.
AMBIGUOUS = {"fr": {"femme", "fils", "parents"}, "es": {"mujer", "familiar"}, "en": {"partner", "family"}}
POSSESSIVES = {"en": {"her", "his", "their", "my", "our", "your", "whose"},
               "fr": {"sa", "son", "ses", "leur", "leurs", "mon", "ma", "mes", "notre", "nos"},
               "es": {"su", "sus", "mi", "mis", "nuestra", "nuestro"}}
#: The neutral phrase a relation phrase becomes, in the language it matched in.
ANOTHER_PERSON = {"en": "another person", "fr": "une autre personne", "es": "otra persona"}
WITHHELD_TERM = {"en": "[withheld]", "fr": "[retenu]", "es": "[omitido]"}

_WORD = r"[^\W\d_][^\W\d_'’-]*"
#: A count or an age right before or inside a relation phrase ("two daughters", "her
#: 16-year-old son", "sus tres hijos"): the rewrite would lose or garble it.
_NUMBER = re.compile(r"\d|\b(?:two|three|four|five|six|deux|trois|quatre|cinq|six|dos|tres|cuatro|cinco|seis)\b",
                     re.I)


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
    nouns = "|".join(re.escape(n) for n in RELATIONS[lang])
    dets = "|".join(re.escape(d) for d in DETERMINERS[lang])
    # [determiner | Name's] (up to two words) noun [a following capitalised word]
    # Words between a determiner and the noun ("her eldest daughter") go with the phrase;
    # without a determiner nothing before the noun does ("about her mother" keeps "about").
    return re.compile(
        rf"(?<![^\W\d_])(?:(?P<det>(?:{dets})\s+|{_WORD}['’]s\s+)(?P<mid>(?:{_WORD}\s+){{0,2}}?))?"
        rf"(?P<noun>{nouns})(?![^\W\d_])(?P<after>\s+[A-ZÀ-ÖØ-Þ][^\W\d_]+)?",
        re.IGNORECASE)


_PATTERNS = {lang: _relation_pattern(lang) for lang in RELATIONS}


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
    found: list[Passage] = []
    for path, text in fields:
        if not text:
            continue
        taken: list[tuple[int, int]] = []
        for ref, term in sorted(terms, key=lambda x: -len(x[1])):
            for m in re.finditer(rf"(?<![^\W\d_]){re.escape(term.strip())}(?![^\W\d_])", text, re.IGNORECASE):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                found.append(Passage(passage_id(path, m.start(), m.group(0)), path, m.start(), m.end(),
                                     "identifying-term", m.group(0), "{withheld}", (ref,)))
        if not relatives:
            continue
        for lang, pattern in _PATTERNS.items():
            for m in pattern.finditer(text):
                start, end = m.start(), m.end()
                if any(s < end and start < e for s, e in taken):
                    continue
                det = (m.group("det") or "").strip().casefold()
                noun = m.group("noun").casefold()
                if noun in AMBIGUOUS.get(lang, set()) and det not in POSSESSIVES[lang] and not det.endswith("s"):
                    continue
                after = m.group("after")
                if after and not after.strip()[:1].isupper():
                    after = None  # the pattern ignores case; only a capitalised word may be a name
                why = ""
                before = text[max(0, start - 16):start].split()
                if _NUMBER.search(m.group(0)) or (before and _NUMBER.search(before[-1])):
                    why = Message("a number or an age goes with it").text  # marked for translation
                if after and _fold(after.strip()) not in known_names:
                    # "her daughter Amira": a word that may be a name the vault does not know.
                    end = m.end("noun")
                    why = why or Message("a name or nickname may follow it").text
                elif after:
                    end = m.end("after")
                else:
                    end = m.end("noun")
                taken.append((start, end))
                matched = text[start:end]
                found.append(Passage(passage_id(path, start, matched), path, start, end, "relation",
                                     m.group("noun"), None if why else ANOTHER_PERSON[lang],
                                     tuple(relatives), why))
    return sorted(found, key=lambda p: (p.field, p.start))


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
        replacement = p.rewrite if p.rewrite is not None else ANOTHER_PERSON["en"]
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
