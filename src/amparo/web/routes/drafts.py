"""The plan of a saved case, drafts from it, and the follow-up: sent, answered."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response

from amparo.model import vocabularies as vocab
from amparo.model.errors import ConsentRefused, InvalidInput, NotFound
from amparo.web.deps import Unlocked, UnlockedForm, Visit, reads_together
from amparo.web.forms import FORM_LEVEL, Errors, form_date, kept, place_problems, refusal, refused
from amparo.web.i18n import language_name
from amparo.web.routes.wizard import MEDIA, plan_page
from amparo.web.views import render
from amparo.web.wording import case_words

router = APIRouter(include_in_schema=False)


@router.get("/cases/{case_id}/plan")
@reads_together
def case_plan(visit: Unlocked, case_id: str) -> Response:
    """The ranked avenues for a saved case, each step gated by consent (and a refused draft's
    reason beside its button, after the redirect)."""
    return plan_page(visit, {}, case_id=case_id, **kept(visit.session, f"/cases/{case_id}/plan"))


@router.post("/cases/{case_id}/drafts")
def make(visit: UnlockedForm, case_id: str) -> Response:
    """Draft to one avenue, record it on the case, and show it ready for download."""
    avenue = visit.field("avenue")
    try:
        draft = visit.ws.drafts.draft(case_id, avenue=avenue, language=visit.field("language") or "en",
                               fmt=visit.field("fmt") or "pdf", action=visit.field("action") or None,
                               anonymise=visit.field("anonymise") == "yes")
    except (InvalidInput, NotFound, ConsentRefused) as exc:
        if isinstance(exc, NotFound) and "case" in str(exc):
            raise
        fits = avenue in visit.ws.plans.for_case(case_id).ids
        key = f"draft.{avenue}" if fits else FORM_LEVEL
        typed = {f"{key}.language": visit.field("language"), f"{key}.fmt": visit.field("fmt"),
                 f"{key}.anonymise": visit.field("anonymise")}
        return refused(visit.session, f"/cases/{case_id}/plan", {key: refusal(exc, visit._, visit.lang.code)}, typed,
                       anchor="main")
    visit.session.keep_draft(draft.draft_id or "", draft)
    return RedirectResponse(f"/cases/{case_id}/drafts/{draft.draft_id}", status_code=303)


def _draft_page(visit: Visit, case_id: str, draft_id: str, *, status: int = 200,
                errors: Errors | None = None, typed: dict[str, str] | None = None) -> Response:
    ws = visit.ws
    stored = next((d for d in ws.drafts.list(case_id) if d.id == draft_id), None)
    if stored is None:
        raise NotFound(visit._("This draft is not in the vault.") + " " + visit._("Make it again from the plan."))
    rendered = visit.session.drafts.get(draft_id)
    avenue = ws.ctx.kb.get(stored.avenue)
    case = ws.cases.get(case_id)
    labels = visit.labels
    return render(visit, "draft.html", http_status=status, case_id=case_id, stored=stored, draft=rendered,
                  **{k: v for k, v in case_words(labels, case.people, visit._).items() if k not in ("avenue", "named")},
                  avenue_name=labels.avenue, language_name=language_name,
                  action_choices=[(a.id, labels.action(stored.avenue, a.id))
                                  for a in (avenue.actions if avenue else ())],
                  stored_action=getattr(stored, "action", None) or "",
                  info=rendered.to_json() if rendered else None, avenue=avenue,
                  case=case, channels=vocab.ACTION_CHANNELS, today=ws.ctx.today(),
                  # Pre-ticked: the people whose consent reaches the draft's circle (the draft
                  # names only them; the others were left out or described without a name).
                  named=ws.drafts.people_named(case_id, draft_id),
                  profile_missing=ws.profile.get().empty, errors=errors or {}, typed=typed or {})


@router.get("/cases/{case_id}/drafts/{draft_id}")
@reads_together
def draft_page(visit: Unlocked, case_id: str, draft_id: str) -> Response:
    """A draft: what was redacted, how to send it, download, and 'record as sent'."""
    return _draft_page(visit, case_id, draft_id, **kept(visit.session, f"/cases/{case_id}/drafts/{draft_id}"))


@router.get("/drafts/{draft_id}/download")
def download(visit: Unlocked, draft_id: str) -> Response:
    """The rendered draft (kept in server memory only until the vault is locked)."""
    draft = visit.session.drafts.get(draft_id)
    if draft is None:
        # Said in the page's language (web catalog); the error page shows it as it is.
        raise NotFound(visit._("This draft is no longer in memory (it is forgotten when the vault is locked).")
                       + " " + visit._("Make it again from the plan."))
    fmt = draft.filename.rsplit(".", 1)[-1]
    return Response(draft.data, media_type=MEDIA.get(fmt, "application/octet-stream"),
                    headers={"content-disposition": f'attachment; filename="{draft.filename}"'})


@router.post("/cases/{case_id}/actions")
def record_sent(visit: UnlockedForm, case_id: str) -> Response:
    """Record that something was sent to an avenue (refused beyond anyone's consent)."""
    _ = visit._
    errors: Errors = {}
    sent_on = form_date(visit.field("sent_on"), "action.sent_on", errors, _)
    channel = visit.field("channel")
    if channel not in vocab.ACTION_CHANNELS:
        errors["action.channel"] = _("Pick how it was sent.")
    draft_id = visit.field("draft_id") or None
    typed = {"action.note": visit.field("note"), "action.sent_on": visit.field("sent_on"),
             "action.avenue": visit.field("avenue")}
    if not errors:
        try:
            visit.ws.followup.record_action(case_id, avenue=visit.field("avenue"), sent_on=sent_on,  # type: ignore[arg-type]
                                   channel=channel, action=visit.field("action") or None,
                                   disclosure=None if visit.field("action") else (visit.field("disclosure") or None),
                                   draft_id=draft_id, note=visit.field("note") or None,
                                   people=tuple(visit.fields("people")))
        except ConsentRefused as exc:
            errors[FORM_LEVEL] = refusal(exc, _, visit.lang.code)
        except InvalidInput as exc:
            place_problems(exc, ("avenue", "sent_on", "channel", "note", "action", "disclosure"), errors,
                           prefix="action.", lang=visit.lang.code)
    if errors:
        typed.update({"action.channel": channel, "action.disclosure": visit.field("disclosure"),
                      "action.action": visit.field("action"),
                      "action.people": visit.fields("people")})
        if draft_id and any(d.id == draft_id for d in visit.ws.drafts.list(case_id)):
            return refused(visit.session, f"/cases/{case_id}/drafts/{draft_id}", errors, typed, anchor="main")
        return refused(visit.session, f"/cases/{case_id}", errors, typed, anchor="followup")
    return RedirectResponse(f"/cases/{case_id}#followup", status_code=303)



@router.post("/cases/{case_id}/responses")
def record_response(visit: UnlockedForm, case_id: str) -> Response:
    """Record what came back from an avenue."""
    _ = visit._
    errors: Errors = {}
    received_on = form_date(visit.field("received_on"), "response.received_on", errors, _)
    kind = visit.field("kind")
    if kind not in vocab.RESPONSE_KINDS:
        errors["response.kind"] = _("Pick what came back.")
    if not errors:
        try:
            visit.ws.followup.record_response(case_id, kind=kind, received_on=received_on,  # type: ignore[arg-type]
                                     action_id=visit.field("action_id") or None,
                                     reference=visit.field("reference") or None,
                                     note=visit.field("note") or None)
        except InvalidInput as exc:
            place_problems(exc, ("kind", "received_on", "reference", "note", "action_id"), errors, prefix="response.",
                           lang=visit.lang.code)
    if errors:
        return refused(visit.session, f"/cases/{case_id}", errors,
                       {"response.reference": visit.field("reference"), "response.note": visit.field("note"),
                        "response.received_on": visit.field("received_on"), "response.kind": kind,
                        "response.action_id": visit.field("action_id")}, anchor="followup")
    return RedirectResponse(f"/cases/{case_id}#followup", status_code=303)
