"""Drafting through the Workspace (and without a vault, from a case-facts file).

An avenue "fits" a case when triage lists it for that case: a draft to a treaty body the
person never engaged with, or to a country mandate of another country, is refused with
the avenues that do fit. The consent gate and redaction happen inside ``build_document``
before anything is rendered; here the draft is recorded on the case with its SHA-256.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from amparo.model import Case, Evidence, InvalidInput, Problem

if TYPE_CHECKING:
    from amparo.drafting import Document
    from amparo.knowledge.loader import KnowledgeBase
    from amparo.service.workspace import Workspace


def draft_formats() -> tuple[str, ...]:
    """The formats a draft can be rendered in (for the faces to offer)."""
    from amparo.drafting import FORMATS

    return FORMATS


def draft_languages() -> list[str]:
    """The languages a draft can be written in: those with a drafting catalog."""
    from amparo.drafting.i18n import available_languages

    return available_languages()


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
            "attachments": [{"evidence": a.evidence_id, "attached": a.attach, "warning": a.warning}
                            for a in doc.attachments],
            "sending_notes": list(doc.sending_notes),
        }


def make_draft(case: Case, kb: KnowledgeBase, *, avenue: str, language: str, fmt: str,
               today: date, action: str | None = None, anonymise: bool = False,
               evidence: Sequence[Evidence] = (),
               attachments: Sequence[tuple[str, str, bytes]] = ()) -> Draft:
    """Build and render a draft for ``case`` to ``avenue`` (pure: no vault needed)."""
    from amparo.drafting import FORMATS, build_document, render, suggested_filename
    from amparo.guidance import triage

    if fmt not in FORMATS:
        raise InvalidInput(Problem("format", f"{fmt!r} is not one of {', '.join(FORMATS)}"))
    target = kb.avenue(avenue)  # NotFound with the nearest ids
    plan = triage(case, kb, today=today)
    fitting = [a.id for a in plan.avenues]
    if target.id not in fitting:
        raise InvalidInput(Problem(
            "avenue", f"{target.id} does not fit this case (its engagements, country and reprisals); "
            f"avenues that fit: {', '.join(fitting[:12])}{' …' if len(fitting) > 12 else ''}"))
    mandates = ()
    if target.family == "sp":
        mandates = tuple(kb.avenue(a) for a in fitting
                         if a.startswith("sp:") and a != target.id and a != "sp:coordination-committee")
    document = build_document(case, target, language=language, action=action, anonymise=anonymise,
                              today=today, evidence=evidence, mandates=mandates)
    data = render(document, fmt, attachments=attachments)  # type: ignore[arg-type]
    return Draft(data=data, filename=suggested_filename(document, fmt),  # type: ignore[arg-type]
                 document=document, sha256=hashlib.sha256(data).hexdigest())


class DraftOps:
    """Mixed into Workspace."""

    def draft(self: Workspace, case_id: str, *, avenue: str, language: str = "en", fmt: str = "txt",
              action: str | None = None, anonymise: bool = False,
              attach: Sequence[str] = ()) -> Draft:
        """Draft a notification from a stored case, and record it on the case.

        ``attach`` lists evidence ids to attach (eml); a file that names a person whose
        consent does not reach the draft's circle is listed with a warning, not attached.
        """
        case = self.case(case_id)
        stored = {s.evidence.id: s for s in self.store.evidence.list(case_id)}
        unknown = [e for e in attach if e not in stored]
        if unknown:
            raise InvalidInput(Problem("attach", f"{unknown[0]} is not evidence of case {case_id}"))
        chosen = [stored[e].evidence for e in attach]
        # Build once without bytes to learn which files may go, then read only those.
        probe = make_draft(case, self.kb, avenue=avenue, language=language, fmt="txt",
                           today=self.today(), action=action, anonymise=anonymise, evidence=chosen)
        files = []
        if fmt == "eml":
            for a in probe.document.attachments:
                if a.attach:
                    files.append((a.filename, a.media_type, self.read_evidence(a.evidence_id)))
        result = make_draft(case, self.kb, avenue=avenue, language=language, fmt=fmt,
                            today=self.today(), action=action, anonymise=anonymise,
                            evidence=chosen, attachments=files)
        doc = result.document
        stored_draft = self.store.drafts.add(
            case_id, avenue=doc.purpose.avenue_id, language=doc.language, format=fmt,
            circle=doc.purpose.circle.value, text="\n".join(doc.text_parts()),
            filename=result.filename, sha256=result.sha256, now=self.now())
        return Draft(result.data, result.filename, doc, result.sha256, stored_draft.id)

    def drafts(self: Workspace, case_id: str) -> list[Any]:
        """The drafts recorded on a case, oldest first."""
        return self.store.drafts.list(case_id)
