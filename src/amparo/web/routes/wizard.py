"""The triage wizard: six plain questions, then the plan. Nothing saved unless asked."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from babel.lists import format_list
from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response

from amparo.model import vocabularies as vocab
from amparo.model.errors import ConsentRefused, InvalidInput, NotFound
from amparo.service import draft_formats, draft_languages
from amparo.web import wording
from amparo.web.deps import Unlocked, UnlockedForm, Visit
from amparo.web.forms import CONSENT_CHOICES, FORM_LEVEL, Errors, refusal
from amparo.web.i18n import UiLanguage, language_name, ui_languages
from amparo.web.routes.cases import body_choices, countries
from amparo.web.views import render
from amparo.web.wizard_steps import (
    ALL_FIELDS,
    MULTI,
    PEOPLE,
    REPRISALS,
    STEPS,
    answers_from,
    check_step,
    facts_from,
    field_for,
    people_given,
    step_of,
)

router = APIRouter(include_in_schema=False)
MEDIA = {"pdf": "application/pdf", "txt": "text/plain; charset=utf-8", "md": "text/markdown; charset=utf-8",
         "eml": "message/rfc822",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _step_page(visit: Visit, number: int, answers: dict[str, Any], errors: Errors, status: int = 200) -> Response:
    step = STEPS[number - 1]
    hidden = [(f, v) for f in ALL_FIELDS if f not in step.fields
              for v in ((answers.get(f) or []) if f in MULTI else [answers.get(f) or ""]) if v]
    return render(visit, "wizard.html", http_status=status, step=step, steps=STEPS, answers=answers, errors=errors,
                  hidden=hidden, people_slots=range(1, PEOPLE + 1), reprisal_slots=range(1, REPRISALS + 1),
                  given=people_given(answers), bodies=body_choices(visit), kinds=vocab.ENGAGEMENT_KINDS,
                  roles=vocab.ROLES, genders=vocab.GENDERS, locations=vocab.LOCATIONS,
                  rtypes=vocab.REPRISAL_TYPES, perpetrators=vocab.PERPETRATORS, countries=countries(visit),
                  consent_choices=CONSENT_CHOICES, methods=vocab.CONSENT_METHODS)


def _remember(visit: Visit, answers: dict[str, Any], step: int) -> None:
    # The answers so far, in this session's server memory only: a language switch, an
    # error page or a refused draft brings them back; locking forgets them.
    visit.session.wizard = {"answers": answers, "step": step}


@router.get("/triage")
def wizard_start(visit: Unlocked) -> Response:
    """The step the user was on, with the answers given so far (the first question at first)."""
    kept = visit.session.wizard
    return _step_page(visit, int(kept.get("step") or 1), dict(kept.get("answers") or {}), {})


@router.post("/triage/reset")
def wizard_reset(visit: UnlockedForm) -> Response:
    """Forget the wizard's answers and start again."""
    visit.session.wizard = {}
    return RedirectResponse("/triage", status_code=303)


def plan_page(visit: Visit, facts: dict[str, Any], *, case_id: str | None = None, status: int = 200,
              errors: Errors | None = None, typed: dict[str, Any] | None = None) -> Response:
    """The plan for a case (saved, or only described by the wizard's answers)."""
    ws = visit.ws
    if case_id:
        case, plan = ws.cases.get(case_id), ws.plans.for_case(case_id)
    else:
        case, plan = ws.plans.for_facts(facts, source="wizard")
    who = {p.ref: p.name for p in case.people}
    _ = visit._
    return render(visit, "plan.html", http_status=status, plan=plan, case=case, case_id=case_id, who=who,
                  facts_json=json.dumps(facts, ensure_ascii=False) if not case_id else "",
                  labels=visit.labels, names=lambda refs: wording.names(refs, who, _, visit.lang.join),
                  named=lambda text: wording.refs_to_names(text, who),
                  circle=lambda value: wording.circle_words(value, _),
                  formats=draft_formats(), letter_languages=draft_languages(),
                  letter_languages_named=[(code, language_name(code)) for code in draft_languages()],
                  # Preselected per avenue: the profile's language of correspondence when
                  # the avenue works in it (else the page's language, then English).
                  letter_default=lambda avenue_id: ws.drafts.default_language(avenue_id, visit.lang.code),
                  language_name=language_name, profile_missing=ws.profile.get().empty,
                  language_list=lambda codes: format_list([language_name(c) for c in codes],
                                                          locale=visit.lang.code),
                  errors=errors or {}, typed=typed or {})


@router.post("/triage")
def wizard_step(visit: UnlockedForm) -> Response:
    """Move between steps; after the last one, show the plan (nothing is stored)."""
    _ = visit._
    answers = answers_from(visit.field, visit.fields)
    try:
        current = int(visit.field("step") or 1)
        going = int(visit.field("go") or current + 1)
    except ValueError:
        current, going = 1, 1
    current = min(max(current, 1), len(STEPS))
    if going <= current:  # back, or staying (a language switch): no checks, keep what was typed
        going = max(going, 1)
        _remember(visit, answers, going)
        return _step_page(visit, going, answers, {})
    errors = check_step(current, answers, _)
    if errors:
        _remember(visit, answers, current)
        return _step_page(visit, current, answers, errors, status=422)
    if going <= len(STEPS):
        _remember(visit, answers, going)
        return _step_page(visit, going, answers, {})
    for number in range(1, len(STEPS) + 1):  # the end: every step once more
        errors = check_step(number, answers, _)
        if errors:
            _remember(visit, answers, number)
            return _step_page(visit, number, answers, errors, status=422)
    _remember(visit, answers, len(STEPS))
    ws = visit.ws
    facts = facts_from(answers, today=ws.ctx.today(), default_title=_default_title(_))
    try:
        return plan_page(visit, facts)
    except InvalidInput as exc:
        errors = {}
        first = len(STEPS)
        for p in exc.problems:
            target = field_for(p.path, answers)
            key = target or FORM_LEVEL
            said = visit.say(p, path=False)
            errors[key] = f"{errors[key]} {said}" if key in errors else (said if target else visit.say(p))
            if target:
                first = min(first, step_of(target))
        _remember(visit, answers, first)
        return _step_page(visit, first, answers, errors, status=422)


def _default_title(_: Callable[[str], str]) -> str:
    """The title of a wizard case whose title question was left blank, in a language."""
    return _("Case recorded with the triage wizard")


def _titled(facts: dict[str, Any], visit: Visit) -> dict[str, Any]:
    """The facts with the default title in the language of the page that saves them: the
    plan may have been made in one language and saved after switching to another."""
    defaults = {_default_title(UiLanguage(code).gettext) for code in ui_languages()}
    if facts.get("title") in defaults:
        return {**facts, "title": _default_title(visit._)}
    return facts


def _facts(visit: Visit) -> dict[str, Any]:
    try:
        facts = json.loads(visit.field("facts") or "null")
    except json.JSONDecodeError:
        facts = None
    if not isinstance(facts, dict):
        raise InvalidInput(visit._("The answers to the questions were lost. Start the questions again."))
    return facts


@router.post("/triage/save")
def wizard_save(visit: UnlockedForm) -> Response:
    """Save the wizard's case in the vault (validated like an import)."""
    case_id = visit.ws.cases.add(_titled(_facts(visit), visit), source="wizard")
    visit.session.wizard = {}  # saved: the next triage starts afresh
    return RedirectResponse(f"/cases/{case_id}/plan", status_code=303)


@router.post("/triage/draft")
def wizard_draft(visit: UnlockedForm) -> Response:
    """A draft for the wizard's case, downloaded at once and not recorded anywhere."""
    facts = _facts(visit)
    fmt = visit.field("fmt") or "pdf"
    try:
        draft = visit.ws.drafts.for_facts(facts, source="wizard", avenue=visit.field("avenue"),
                                          language=visit.field("language") or "en", fmt=fmt,
                                          action=visit.field("action") or None,
                                          anonymise=visit.field("anonymise") == "yes")
    except (InvalidInput, NotFound, ConsentRefused) as exc:
        # The plan again, the refusal beside the avenue's button; the answers stay in memory.
        avenue = visit.field("avenue")
        key = f"draft.{avenue}" if avenue in {a.id for a in visit.ws.ctx.kb.avenues} else FORM_LEVEL
        return plan_page(visit, facts, status=422, errors={key: refusal(exc, visit._, visit.lang.code)},
                         typed={f"{key}.language": visit.field("language"), f"{key}.fmt": fmt,
                                f"{key}.anonymise": visit.field("anonymise")})
    return Response(draft.data, media_type=MEDIA.get(fmt, "application/octet-stream"),
                    headers={"content-disposition": f'attachment; filename="{draft.filename}"'})
