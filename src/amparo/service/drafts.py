"""Drafts (``ws.drafts``): a letter made from a planned avenue and its gate decisions.

A draft is made from the case's plan: the avenue must be one the plan lists
(``guidance.fit``), and the consent decisions of each of its steps are the plan's, not
made again. The consent gate's naming and the redaction happen inside
``build_document`` before anything is rendered; a draft made from the vault is recorded
on the case with its SHA-256.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from amparo.model import Case, Evidence, InvalidInput, NotFound, Problem, WriterProfile
from amparo.model.errors import Message
from amparo.model.text_fields import IDENTIFIER, check_text_fields

if TYPE_CHECKING:
    from amparo.drafting import Document
    from amparo.guidance import Plan
    from amparo.service.context import Context
    from amparo.service.evidence import EvidenceService
    from amparo.service.plans import PlanService
    from amparo.service.profile import ProfileService
    from amparo.store.repository import Store


def draft_formats() -> tuple[str, ...]:
    """The formats a draft can be rendered in (for the faces to offer)."""
    from amparo.drafting import FORMATS

    return FORMATS


def draft_languages() -> list[str]:
    """The languages a draft can be written in: those with a drafting catalog."""
    from amparo.language.i18n import available_languages

    return available_languages()


@dataclass(frozen=True, slots=True)
class LetterLanguage:
    """The language a letter to an avenue is written in when none is asked for.

    ``code`` is the writer's language of correspondence (their profile) when the avenue
    works in it, else the first language the avenue accepts that Amparo writes, else
    English. ``refused`` is the profile's language when the avenue does not take it
    (the faces say so, and offer ``accepted``).
    """

    code: str
    #: The avenue's working languages that Amparo can write, in the knowledge base's order.
    accepted: tuple[str, ...]
    refused: str | None = None


def letter_language(avenue_languages: Sequence[str], preferred: str | None,
                    fallback: str | None = None) -> LetterLanguage:
    """The default letter language for an avenue working in ``avenue_languages``.

    ``preferred`` is the profile's language of correspondence; ``fallback`` the one to
    use without it (the page's language), when the avenue takes it; then English.
    """
    writable = draft_languages()
    accepted = tuple(code for code in avenue_languages if code in writable) or tuple(writable)
    if preferred and preferred in writable and preferred in accepted:
        return LetterLanguage(preferred, accepted)
    refused = preferred if preferred and preferred in writable else None
    if not refused and fallback in accepted:
        return LetterLanguage(fallback, accepted)  # type: ignore[arg-type]
    return LetterLanguage("en" if "en" in accepted else accepted[0], accepted, refused)


@dataclass(frozen=True, slots=True)
class Draft:
    """A rendered draft: the bytes, a safe file name, and the document it came from."""

    data: bytes
    filename: str
    document: Document
    sha256: str
    draft_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        """What the faces report about a draft (no content, no names)."""
        doc = self.document
        return {
            "id": self.draft_id, "filename": self.filename, "sha256": self.sha256,
            "avenue": doc.purpose.avenue_id, "action": doc.purpose.action_id,
            "circle": doc.purpose.circle.value, "anonymised": doc.purpose.anonymised,
            "language": doc.language,
            "redacted": [{"person": r.ref, "reason": r.reason} for r in doc.redactions],
            "passages": [{"id": p.id, "field": p.field, "kind": p.kind, "kept": p.kept,
                          "rewritten": not p.kept} for p in doc.passages],
            "attachments": [{"evidence": a.evidence_id, "attached": a.attach, "warning": a.warning}
                            for a in doc.attachments],
            "sending_notes": list(doc.sending_notes),
            "warnings": list(doc.warnings),
            "to": doc.addressee.to, "cc": list(doc.addressee.cc),
        }


def make_draft(ctx: Context, case: Case, plan: Plan, *, avenue: str, language: str, fmt: str,
               action: str | None = None, anonymise: bool = False, evidence: Sequence[Evidence] = (),
               attachments: Sequence[tuple[str, str, bytes]] = (), accept_passages: Sequence[str] = (),
               profile: WriterProfile | None = None, history: Any = None) -> Draft:
    """Build and render a draft for ``case`` to ``avenue``, from ``plan`` (no vault needed).

    ``profile`` is the writer's profile (From, letterhead, signature, time zone); without
    one the Document's ``warnings`` say so, for the face to show before writing the file.
    ``history`` is the case's follow-up records (``drafting.History``), for a stored case.
    """
    from amparo.drafting import FORMATS, build_document, render, suggested_filename
    from amparo.guidance.fit import co_addressed, fitting_avenue

    if fmt not in FORMATS:
        raise InvalidInput(Problem("format", Message("{fmt!r} is not one of {choices}",
                                                     fmt=fmt, choices=', '.join(FORMATS))))
    target = ctx.kb.avenue(avenue)  # NotFound with the nearest ids
    planned = fitting_avenue(plan, target.id)
    mandates = tuple(ctx.kb.avenue(a) for a in co_addressed(plan, planned))
    document = build_document(case, target, language=language, action=action, anonymise=anonymise,
                              today=ctx.today(), evidence=evidence, mandates=mandates, planned=planned,
                              accept_passages=accept_passages, profile=profile, now=ctx.now(),
                              names={a.id: a.name for a in ctx.kb.avenues}, history=history)
    data = render(document, fmt, attachments=attachments)  # type: ignore[arg-type]
    return Draft(data=data, filename=suggested_filename(document, fmt),  # type: ignore[arg-type]
                 document=document, sha256=hashlib.sha256(data).hexdigest())



def _check_draft_texts(avenue: Any, language: Any, fmt: Any, action: Any, ids: tuple[Any, ...]) -> None:
    check_text_fields(("avenue", avenue, IDENTIFIER), ("language", language, IDENTIFIER),
                      ("format", fmt, IDENTIFIER), ("action", action, IDENTIFIER), ("ids", ids, IDENTIFIER))

class DraftService:
    """Drafts of stored cases, recorded on the case."""

    def __init__(self, ctx: Context, store: Store, plans: PlanService, evidence: EvidenceService,
                 profile: ProfileService | None = None):
        self.ctx = ctx
        self.store = store
        self._plans = plans
        self._evidence = evidence
        from amparo.service.policy import Guard

        self.guard = Guard(ctx.actor, store)
        self._profile = profile

    def _history(self, case_id: str) -> Any:
        from amparo.drafting import History

        followup = self.store.followup
        return History.of(followup.list_actions(case_id), followup.list_responses(case_id))

    def _writer(self) -> WriterProfile | None:
        return self._profile.get() if self._profile is not None else None

    def default_language(self, avenue: str, fallback: str | None = None) -> LetterLanguage:
        """The language a letter to ``avenue`` is written in unless another is asked for:
        the profile's language of correspondence when the avenue works in it (see
        ``letter_language``; ``fallback`` is used when the profile has none)."""
        found = self.ctx.kb.get(avenue)
        writer = self._writer()
        return letter_language(found.languages if found is not None else (),
                               writer.language if writer else None, fallback)

    def draft(self, case_id: str, *, avenue: str, language: str = "en", fmt: str = "txt",
              action: str | None = None, anonymise: bool = False, attach: Sequence[str] = (),
              accept_passages: Sequence[str] = ()) -> Draft:
        """Draft a notification from a stored case, and record it on the case.

        ``attach`` lists evidence ids to attach (eml); a file that names a person whose
        consent does not reach the draft's circle is listed with a warning, not attached.
        ``accept_passages`` keeps those passages of the user's own text verbatim (see
        ``disclosure.passages``); each such choice is written to the audit log (ids only).
        """
        _check_draft_texts(avenue, language, fmt, action, (case_id, *attach, *accept_passages))
        self.guard.case("case.write", case_id)
        case, plan = self._plans.case_and_plan(case_id)
        stored = {s.evidence.id: s for s in self._evidence.list(case_id)}
        unknown = [e for e in attach if e not in stored]
        if unknown:
            raise InvalidInput(Problem("attach", Message("{unknown} is not evidence of case {case_id}",
                                                         unknown=unknown[0], case_id=case_id)))
        chosen = [stored[e].evidence for e in attach]
        options = dict(avenue=avenue, language=language, action=action, anonymise=anonymise, evidence=chosen,
                       accept_passages=tuple(accept_passages), profile=self._writer(),
                       history=self._history(case_id))
        files = []
        if fmt == "eml" and chosen:
            # Built once without bytes to learn which files may go, then only those are read.
            probe = make_draft(self.ctx, case, plan, fmt="txt", **options)  # type: ignore[arg-type]
            files = [(a.filename, a.media_type, self._evidence.read(a.evidence_id))
                     for a in probe.document.attachments if a.attach]
        result = make_draft(self.ctx, case, plan, fmt=fmt, attachments=files, **options)  # type: ignore[arg-type]
        doc = result.document
        with self.store.transaction():
            for passage in doc.passages:
                if passage.kept:
                    self.store.audit.record("draft.passage-kept", "passage", f"{case_id}/{passage.id}")
            stored_draft = self._record(case_id, result, fmt)
        return Draft(result.data, result.filename, doc, result.sha256, stored_draft.id)

    def _record(self, case_id: str, result: Draft, fmt: str) -> Any:
        doc = result.document
        return self.store.drafts.add(
            case_id, avenue=doc.purpose.avenue_id, language=doc.language, format=fmt,
            circle=doc.purpose.circle.value, text="\n".join(doc.text_parts()),
            filename=result.filename, sha256=result.sha256, now=self.ctx.now())

    def for_facts(self, facts: Any, *, source: str | None = None, avenue: str, language: str = "en",
                  fmt: str = "txt", action: str | None = None, anonymise: bool = False,
                  accept_passages: Sequence[str] = ()) -> Draft:
        """A draft for case facts that are not saved (the wizard, the API): recorded nowhere."""
        _check_draft_texts(avenue, language, fmt, action, tuple(accept_passages))
        case, plan = self._plans.for_facts(facts, source=source)
        return make_draft(self.ctx, case, plan, avenue=avenue, language=language, fmt=fmt, action=action,
                          anonymise=anonymise, accept_passages=accept_passages, profile=self._writer())

    def list(self, case_id: str) -> list[Any]:
        """The drafts recorded on a case, oldest first."""
        self.guard.case("case.read", case_id)
        return self.store.drafts.list(case_id)

    def people_named(self, case_id: str, draft_id: str) -> frozenset[str]:
        """The people (refs) whose consent reaches a recorded draft's circle (the gate decides)."""
        from amparo.disclosure import cleared_for

        stored = next((d for d in self.list(case_id) if d.id == draft_id), None)
        if stored is None:
            raise NotFound(Message("draft {draft_id} not found", draft_id=draft_id))
        case = self.store.cases.get(case_id).case
        return cleared_for(case, stored.circle, avenue=stored.avenue, today=self.ctx.today())
