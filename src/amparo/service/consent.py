"""Consent from the faces: checking a consent before it is recorded, and the consent conversation sheet.

``check_consent`` is what a face calls before it asks for a passphrase or records
anything: the value's form (a level, circles, scopes per avenue, a review date), the
avenues its scopes name, and a review date that lies ahead. The sheet
(``ws.consent_sheets``) is the document a caseworker goes through with the person before
anything is sent; it is made from the case's plan, like a draft, and taking one out of
the vault is written to the audit log (ids only).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from amparo.model import Case, InvalidInput, Problem
from amparo.model.consent import Consent, ConsentValueError
from amparo.model.errors import Message
from amparo.model.text_fields import IDENTIFIER, check_text_fields, structure_problems

if TYPE_CHECKING:
    from amparo.drafting.consent_sheet_document import ConsentSheet
    from amparo.guidance import Plan
    from amparo.service.context import Context
    from amparo.store.repository import Store

#: The formats a consent sheet is rendered in (for the faces to offer).
SHEET_FORMATS: tuple[str, ...] = ("pdf", "docx", "md")


def check_consent(ctx: Context, value: Any, *, case: Case | None = None) -> Consent:
    """Parse ``value`` as a consent and check it; ``InvalidInput`` lists every fault, by path.

    Paths are ``consent`` (the circles), ``consent.per_avenue.<avenue>`` (a scope naming
    no known avenue or family, or circles that are not circles) and ``consent.review_on``
    (not a date, or not ahead of today). ``case`` is the case the consent is for, when
    there is one (its people's positions name where a fault is).
    """
    from amparo.guidance import check_consent_scopes

    if problems := structure_problems("consent", value):
        raise InvalidInput(problems)
    try:
        consent = Consent.parse(value)
    except ConsentValueError as exc:
        raise InvalidInput(Problem("consent" + (f".{exc.path}" if exc.path else ""), exc.text)) from None
    problems = []
    if consent.review_on is not None and consent.review_on < ctx.today():
        problems.append(Problem("consent.review_on",
            Message("{review_on} is in the past: a consent to be reviewed needs a review "
                                                             "date ahead",
                                                             review_on=consent.review_on)))
    try:
        # The check reads a case only to say whose consent is at fault; a consent about to
        # be recorded is checked on its own ("consent").
        check_consent_scopes(case or Case(title="", country="ZZ", people=()), ctx.kb, only={"": consent})
    except InvalidInput as exc:
        problems += exc.problems
    if problems:
        raise InvalidInput(problems)
    return consent


def sheet_review_days() -> int:
    """Days before a review date at which Amparo reminds the caseworker (the rules' ``consent-review``)."""
    from amparo.tracking.rules import load_rules

    return load_rules().consent_review_days


@dataclass(frozen=True, slots=True)
class ConsentSheetFile:
    """A rendered consent sheet: the bytes, a file name of ids only, and the sheet it came from."""

    data: bytes
    filename: str
    sheet: ConsentSheet
    fmt: str
    person: str | None = None

    @property
    def media_type(self) -> str:
        """The media type to serve the file with."""
        return {"pdf": "application/pdf", "md": "text/markdown; charset=utf-8",
                "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}[self.fmt]

    @property
    def sha256(self) -> str:
        """The SHA-256 of the bytes (to tell two printouts apart)."""
        return hashlib.sha256(self.data).hexdigest()

    def to_json(self) -> dict[str, Any]:
        """What the faces report about a sheet (ids only: no names, no content)."""
        return {"filename": self.filename, "format": self.fmt, "language": self.sheet.language,
                "case": self.sheet.case_id, "people": [s.ref for s in self.sheet.people], "sha256": self.sha256}


def make_consent_sheet(ctx: Context, case: Case, plan: Plan, *, person: str | None = None, language: str = "en",
                       fmt: str = "pdf") -> ConsentSheetFile:
    """Build and render the consent sheet for ``case`` from ``plan`` (no vault needed)."""
    from amparo.drafting.consent_sheet import build_consent_sheet
    from amparo.drafting.consent_sheet_files import render_consent_sheet, suggested_filename

    check_text_fields(("person", person, IDENTIFIER), ("language", language, IDENTIFIER),
                      ("format", fmt, IDENTIFIER))
    if fmt not in SHEET_FORMATS:
        raise InvalidInput(Problem("format", Message("{fmt!r} is not one of {choices}",
                                                     fmt=fmt, choices=', '.join(SHEET_FORMATS))))
    sheet = build_consent_sheet(case, plan, language=language, today=ctx.today(), person=person,
                                review_days=sheet_review_days(),
                                avenue_names={a.id: a.name for a in ctx.kb.avenues})
    data = render_consent_sheet(sheet, fmt)
    return ConsentSheetFile(data, suggested_filename(sheet, fmt, person), sheet, fmt, person)


class Plans(Protocol):
    """What the sheet needs of ``ws.plans`` (``PlanService``), named here without importing it:
    ``ws.cases`` checks consents with this module, and the plans module reads cases."""

    def case_and_plan(self, case_id: str) -> tuple[Case, Plan]: ...

    def for_facts(self, facts: Any, *, source: str | None = None) -> tuple[Case, Plan]: ...


class ConsentSheetService:
    """Consent conversation sheets for stored cases and for facts not yet saved (``ws.consent_sheets``)."""

    def __init__(self, ctx: Context, store: Store, plans: Plans):
        self.ctx = ctx
        self.store = store
        self._plans = plans
        from amparo.service.policy import Guard

        self.guard = Guard(ctx.actor, store)

    def sheet(self, case_id: str, *, person: str | None = None, language: str = "en",
              fmt: str = "pdf") -> ConsentSheetFile:
        """The sheet for a stored case (every person, or ``person`` alone), audited by ids.

        The sheet carries the person's name out of the vault on paper, so making one is
        recorded (``consent.sheet``, the case id and the person's ref), like an export.
        """
        self.guard.case("case.read", case_id)
        case, plan = self._plans.case_and_plan(case_id)
        result = make_consent_sheet(self.ctx, case, plan, person=person, language=language, fmt=fmt)
        self.store.audit.record("consent.sheet", "case", f"{case_id}/{person}" if person else case_id)
        return result

    def for_facts(self, facts: Any, *, source: str | None = None, person: str | None = None,
                  language: str = "en", fmt: str = "pdf") -> ConsentSheetFile:
        """The sheet for case facts that are not saved (the wizard, ``--facts``): recorded nowhere."""
        case, plan = self._plans.for_facts(facts, source=source)
        return make_consent_sheet(self.ctx, case, plan, person=person, language=language, fmt=fmt)
