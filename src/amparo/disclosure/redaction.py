"""Who a draft may name, how it describes everyone else, and scrubbing of user text.

A person is named only when their consent reaches the draft's circle. Everyone else is
replaced by a description, the same one everywhere (body, the user's own narratives,
attachment file names, metadata), so that the reader can follow the case without
learning who they are. A person who consented to nothing gets a description that says
nothing about them at all: even "a close relative of the lawyer" can identify someone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from amparo.language.grammar import quote
from amparo.language.i18n import Language
from amparo.language.vocabulary import LOCATIONS, person_noun, term
from amparo.model.case import Case, Person, Reprisal
from amparo.model.consent import Circle, gate, widest

# A name part shorter than this ("Al", "Li") would match inside ordinary words.
MIN_PART = 3
_LETTERS = r"[^\W\d_]"
# Latin accents, and Arabic diacritics and tatweel, which may sit on any letter of a name.
_MARKS = "[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u0640]*"
# Letters Arabic typists use for one another at the end of a word: ى/ي, ة/ه.
_ARABIC_SAME = {"ي": "[يى]", "ى": "[يى]", "ه": "[هة]", "ة": "[هة]"}
# Conjunctions and prepositions Arabic writes onto the next word: وليلى is "and Leila".
_ARABIC_PREFIX = "[وفبلك]{0,2}?"
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def _fold(text: str) -> str:
    """``text`` without accents, so that "Mejia" is caught as well as "Mejía".

    Arabic diacritics and tatweel go too, and final ى and ة are read as ي and ه, so that
    a name matches however it was typed.
    """
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return folded.replace("\u0640", "").replace("ى", "ي").replace("ة", "ه")


def _variants(text: str) -> set[str]:
    text = text.strip()
    return {v for v in (text, _fold(text)) if v}


def _core(term_: str) -> str:
    # The text is matched in decomposed form (NFD) and each letter may carry accents, so
    # that "Brzezinski" also catches "Brzeziński".
    words = ["".join(_ARABIC_SAME.get(c, re.escape(c)) + _MARKS for c in w) for w in _fold(term_).split()]
    return r"[\s_\-.]+".join(words)


def _regex(terms: list[str]) -> re.Pattern[str]:
    """One pattern for every term, longest first.

    Boundaries are letters, not word boundaries: "Daniela_Mejia.pdf" must match, and a
    word boundary treats "_" as part of a word. Chinese writes no spaces, so a name in Han characters is matched
    wherever it stands (王秀英被捕); an Arabic name may carry a prefixed particle, which is
    kept (وليلى → و + the description).
    """
    han = [t for t in terms if _HAN.search(t)]
    spaced = [t for t in terms if not _HAN.search(t)]
    parts = []
    if spaced:
        parts.append(rf"(?<!{_LETTERS})(?P<pre>{_ARABIC_PREFIX})(?P<term>{'|'.join(_core(t) for t in spaced)})"
                     rf"(?!{_LETTERS})")
    if han:
        parts.append(rf"(?P<han>{'|'.join(_core(t) for t in han)})")
    return re.compile("|".join(parts), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Redaction:
    """A person replaced by a description throughout a document (ref, never name)."""

    ref: str
    description: str
    reason: str  # the circle their consent does not reach, or "none"


@dataclass(frozen=True, slots=True)
class Redactor:
    """The naming decision for one draft, and the text replacement it implies."""

    named: frozenset[str]
    labels: dict[str, str]  # ref -> name (if named) or description
    redactions: tuple[Redaction, ...]
    _regex: re.Pattern[str] | None
    _replacements: dict[str, str]  # casefolded matched text -> replacement
    #: People the document leaves out entirely: mentioned, if at all, as "another person".
    left_out: frozenset[str] = frozenset()
    #: The user's texts as rewritten by passage (``disclosure.passages``): original -> rewritten.
    rewrites: dict[str, str] = field(default_factory=dict)
    #: Name variants of each person not named (for the passage finder).
    hidden_names: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def with_rewrites(self, rewrites: dict[str, str]) -> Redactor:
        """The same naming decision, with the user's texts rewritten passage by passage."""
        return replace(self, rewrites=dict(rewrites))

    def person(self, ref: str) -> str:
        """How the letter refers to ``ref``: their name, or their description."""
        return self.labels.get(ref, ref)

    def people(self, refs: Iterable[str]) -> list[str]:
        """``person`` for each ref, in order, without repetition."""
        return [self.person(r) for r in dict.fromkeys(refs)]

    def text(self, value: str | None) -> str:
        """User text with every withheld name and organisation replaced."""
        if not value:
            return ""
        value = self.rewrites.get(value, value)
        if self._regex is None:
            return value
        decomposed = unicodedata.normalize("NFD", value)
        return unicodedata.normalize("NFC", self._regex.sub(self._substitute, decomposed))

    def quoted(self, lang: Language, value: str | None) -> str:
        """User text for a letter: in quotation marks when it is shown as it was written,
        without them when the redaction changed it (a withheld name replaced, a passage
        rewritten), so that nobody reads altered words as the writer's own."""
        shown = self.text(value)
        if not shown:
            return ""
        if shown.strip() == unicodedata.normalize("NFC", value or "").strip():
            return quote(lang, shown)
        return shown.strip()

    def _substitute(self, m: re.Match[str]) -> str:
        groups = m.groupdict()
        matched = groups.get("han") or groups.get("term") or ""
        pre = "" if groups.get("han") else (groups.get("pre") or "")
        key = _fold(matched).casefold()
        key = re.sub(r"[\s_\-.]+", " ", key)
        found = self._replacements.get(key)
        return m.group(0) if found is None else pre + found


def _describe(person: Person, lang: Language) -> str:
    if not person.consent.circles:
        return lang._("a person whose identity is withheld")
    if person.description:
        return person.description
    who = person_noun(lang, person.role, person.gender)
    where = term(lang, LOCATIONS, person.location)
    return lang._("{who}, {where}").format(who=who, where=where)


def cleared_for(case: Case, circles: Circle | tuple[Circle, ...], *, avenue: str | None = None,
                today: date | None = None) -> frozenset[str]:
    """The people whose consent holds every one of ``circles`` (the gate decides)."""
    return frozenset(gate(circles, case.consents, avenue=avenue, today=today).cleared)


def plan_redaction(case: Case, circle: Circle | tuple[Circle, ...], lang: Language, *,
                   named: frozenset[str] | None = None, described: frozenset[str] | None = None,
                   avenue: str | None = None, today: date | None = None) -> Redactor:
    """Decide who is named and build the replacement for everyone else.

    ``circle`` is every circle the document's purpose reaches (now and later). ``named``
    is the gate's decision when the caller already has it (a plan's step); otherwise the
    gate is asked here: a person is named only when their consent holds all of the
    circles (consent is a set, not a ladder), for ``avenue`` and on ``today``.
    ``described`` (a plan's step) are the people described without their name; everyone
    else not named is then left out, called only "another person", with no description
    that could point back to them. Without it, everyone not named is described.
    """
    circles = circle if isinstance(circle, tuple) else (circle,)
    widest_circle = widest(circles)
    if named is None:
        named = cleared_for(case, circles, avenue=avenue, today=today)
    withheld = [p for p in case.people if p.ref not in named]
    left_out = frozenset(p.ref for p in withheld if described is not None and p.ref not in described)

    descriptions = {p.ref: lang._("another person") if p.ref in left_out else _describe(p, lang)
                    for p in withheld}
    counts: dict[str, int] = {}
    for d in descriptions.values():
        counts[d.casefold()] = counts.get(d.casefold(), 0) + 1
    seen: dict[str, int] = {}
    for p in withheld:
        d = descriptions[p.ref]
        if counts[d.casefold()] > 1:
            n = seen.get(d.casefold(), 0)
            seen[d.casefold()] = n + 1
            descriptions[p.ref] = f"{d} ({chr(ord('A') + n)})"

    labels = {p.ref: p.name for p in case.people if p.ref in named}
    labels.update(descriptions)
    redactions = tuple(
        Redaction(ref=p.ref, description=descriptions[p.ref],
                  reason="none" if not p.consent.circles else widest_circle.value)
        for p in withheld
    )

    # Longest terms first, so that a full name wins over its parts; a named person's full
    # name maps to itself, so that a surname shared with a withheld relative survives.
    replacements: dict[str, str] = {}
    named_orgs = {p.organisation.casefold() for p in case.people
                  if p.ref in named and p.organisation}
    org_text = lang._("[organisation withheld]")
    for p in withheld:
        desc = descriptions[p.ref]
        for v in _variants(p.name):
            replacements.setdefault(_key(v), desc)
        for part in p.name.split():
            part = part.strip(".,")
            if len(part) >= MIN_PART:
                for v in _variants(part):
                    replacements.setdefault(_key(v), desc)
        if p.organisation and p.organisation.casefold() not in named_orgs:
            for v in _variants(p.organisation):
                replacements.setdefault(_key(v), org_text)
    hidden_names = {p.ref: tuple(_variants(p.name)) for p in withheld}
    if not replacements:
        return Redactor(named, labels, redactions, None, {}, left_out, {}, hidden_names)
    withheld_names = [_key(v) for p in withheld for v in _variants(p.name)]
    for p in case.people:
        if p.ref in named:
            for v in _variants(p.name):
                replacements[_key(v)] = p.name
            # A named person's organisation may carry a withheld relative's surname
            # ("Salvesen Legal Aid Bureau"): as a whole it maps to itself, unless it holds a
            # withheld person's full name, which its parts then replace as before.
            if p.organisation and not any(n in _key(p.organisation) for n in withheld_names):
                for v in _variants(p.organisation):
                    replacements[_key(v)] = p.organisation
    terms = sorted({_fold(t) for t in replacements}, key=len, reverse=True)
    regex = _regex(terms)
    # The regex runs on the original text; accents are folded when looking the match up.
    folded = {_fold(k).casefold(): v for k, v in replacements.items()}
    return Redactor(named, labels, redactions, regex, folded, left_out, {}, hidden_names)


def _key(text: str) -> str:
    return re.sub(r"[\s_\-.]+", " ", text).casefold()


#: Forms of reprisal whose very name says how the target is related to someone else in
#: the case: told only when nobody it concerns is left out.
RELATIONAL_TYPES = frozenset({"family-targeted"})


def told_by(redactor: Redactor, rep: Reprisal) -> bool:
    """Whether a document describes this act: not when it would point at a left-out person.

    An act that concerns only left-out people is counted, never described (its date,
    place and form could identify them); an act whose very form names a relation
    ("targeting of family members") is described only when nobody it concerns is left out.
    """
    out = redactor.left_out
    if rep.people and all(ref in out for ref in rep.people):
        return False
    return not (rep.type in RELATIONAL_TYPES and any(ref in out for ref in rep.people))
