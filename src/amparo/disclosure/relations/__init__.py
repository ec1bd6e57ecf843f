"""Relation words in languages whose morphology a plain word list cannot cover.

English, French and Spanish relation phrases are a determiner and a noun from a list
(``disclosure.passages``). Arabic attaches the possessive to the noun (زوجته "his wife")
and prefixes conjunctions and prepositions (وبابنه "and with his son"); Russian declines
every noun in six cases and two numbers, and the neutral wording must take the same case;
Chinese has no spaces, so kinship terms are found as substrings. Each of those languages
has its own module here; each yields ``Found`` mentions in the original text's offsets.

The tables are explicit rather than a morphological analyser's: kinship is a small closed
set of words, and a table can be read, reviewed and tested form by form (pymorphy3 would
bring a dictionary of several megabytes for Russian alone, and nothing for Arabic or
Chinese). Where a form is unclear (its case, its gender, whose relative it is) the
mention is still found and sent to review: a passage is never let through unseen.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Found:
    """A relation phrase in the original text: ``text[start:end]``.

    ``rewrite`` is the neutral wording to put instead (already in the grammatical form
    the sentence needs), or None with ``why`` when it cannot be rewritten safely.
    """

    start: int
    end: int
    noun: str
    rewrite: str | None
    why: str = ""


@dataclass(frozen=True, slots=True)
class Names:
    """Name parts (casefolded) that may stand next to a relation word.

    ``hidden`` are parts of the names of people the document does not name (already
    replaced by the redactor); ``everyone`` those of all people in the case. A name of
    someone in the case right after a relation word goes with the phrase; another word
    there may be a name Amparo does not know.
    """

    hidden: frozenset[str] = frozenset()
    everyone: frozenset[str] = frozenset()
    full: tuple[str, ...] = field(default=())  # whole names, longest first (for scripts without spaces)


__all__ = ["Found", "Names"]
