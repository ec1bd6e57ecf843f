"""What every section writer of a letter reads, and the small wording helpers they share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from amparo.disclosure.redaction import Redactor, told_by
from amparo.drafting.document import Section
from amparo.knowledge.types import Avenue, AvenueAction
from amparo.language.i18n import Language
from amparo.model.case import Case, Reprisal
from amparo.model.consent import Circle
from amparo.model.profile import WriterProfile


@dataclass(frozen=True, slots=True)
class Context:
    """What every section writer reads."""

    case: Case
    avenue: Avenue
    lang: Language
    redactor: Redactor
    action: AvenueAction
    circle: Circle
    anonymised: bool
    allowed: tuple[AvenueAction, ...]
    today: date
    mandates: tuple[Avenue, ...] = ()
    #: Knowledge-base names of every avenue (slug -> English name), so that no body is
    #: ever printed as its slug.
    names: Mapping[str, str] = field(default_factory=dict)
    #: The writer's profile (organisation, contact person), when one is set.
    profile: WriterProfile | None = None
    #: The case's follow-up records (``drafting.history.History``), when drafted from the vault.
    history: Any = None

    @property
    def tells_of_the_left_out(self) -> bool:
        """Whether the letter may say that people it leaves out exist ("1 other person
        concerned has not agreed…", "1 further act…").

        Only while it stays with the UN in confidence: there it tells the officer not to
        seek them or raise their situation. A letter that may reach the Government (or the
        public) says nothing of them, not even how many: a State that questioned a brother
        reads "1 other person" as him.
        """
        return self.circle == Circle.UN_CONFIDENTIAL

    def users_words(self, value: str | None) -> str:
        """The user's own text as the letter shows it, redacted.

        In a letter kept with the UN in confidence, in quotation marks when it is shown as
        written, without them when the redaction changed it, so that the officer does not
        read altered words as the writer's own. In a letter the State may read, never in
        quotation marks: a passage changed because someone is left out must look like
        every other one."""
        if self.tells_of_the_left_out:
            return self.redactor.quoted(self.lang, value)
        return self.redactor.text(value).strip()


@dataclass(frozen=True, slots=True)
class Body:
    """The title, subject, salutation and sections of a letter."""

    title: str
    subject: str
    salutation: str
    sections: tuple[Section, ...]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _join(lang: Language, items: list[str]) -> str:
    # CLDR's list patterns: "A, B and C", "A、B和C", "A وB وC" (a comma is not Chinese's).
    return lang.join(items)


def cap(text: str) -> str:
    """``text`` with its first letter in upper case."""
    return text[:1].upper() + text[1:] if text else text


def join(lang: Language, items: list[str]) -> str:
    """"a, b and c" in ``lang``."""
    # CLDR's list patterns: "A, B and C", "A、B和C", "A وB وC" (a comma is not Chinese's).
    return lang.join(items)


def told(ctx: Context, rep: Reprisal) -> bool:
    """Whether the letter describes this act (``disclosure.told_by`` with the letter's redactor)."""
    return told_by(ctx.redactor, rep)


def body_names(ctx: Context) -> dict[str, str]:
    """Every avenue's name in the letter's language, for ``vocabulary.body_name``."""
    names = {slug: ctx.lang.pgettext("avenue", name) for slug, name in ctx.names.items()}
    names.update({a.id: ctx.lang.pgettext("avenue", a.name) for a in (ctx.avenue, *ctx.mandates)})
    return names
