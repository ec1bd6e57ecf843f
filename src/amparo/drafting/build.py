"""``build_document``: from a case, an avenue and a language to a redacted Document.

The purpose decides everything: the draft is written for one action of the avenue, and
that action's widest circle is the circle the letter must be safe for.

* Default action: the avenue's primary action, the first one its knowledge-base entry
  lists. The entries list first what a defender usually asks that body for, so the
  default matches what the user most likely means; ``action=`` picks another.
* People whose consent reaches the circle are named; everyone else is described
  (``redaction.py``). A letter that could name nobody who suffered the reprisals gives
  the body no one to act for: it is refused (``ConsentRefused``) and the message says who
  would need to consent to what, and whether the avenue has an anonymised form.
* ``anonymise=True`` drafts the avenue's anonymised form (an action marked
  ``anonymous_form``): only people who agreed to be named publicly are named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from amparo.disclosure.redaction import Redactor, cleared_for, plan_redaction
from amparo.drafting.document import (
    Addressee,
    AddressLine,
    Attachment,
    Document,
    Metadata,
    Purpose,
)
from amparo.drafting.sections import Context, compose_sections
from amparo.guidance.plan import PlannedAction, PlannedAvenue
from amparo.guidance.triage import plan_actions
from amparo.knowledge.types import Avenue, AvenueAction
from amparo.language.i18n import Language
from amparo.language.vocabulary import CHANNEL_KINDS, REPRISAL_TYPES, term
from amparo.model.case import Case, Evidence
from amparo.model.consent import Circle
from amparo.model.errors import ConsentRefused, InvalidInput, Problem


@dataclass(frozen=True, slots=True)
class _Choice:
    action: AvenueAction
    planned: PlannedAction  # the gate's decisions for it, from the plan
    circle: Circle  # the widest circle the draft reaches (shown to the user)
    anonymised: bool
    #: Every circle a person must have consented to, to be named.
    circles: tuple[Circle, ...] = ()


def _choose(avenue: Avenue, planned: dict[str, PlannedAction], action: str | None, anonymise: bool) -> _Choice:
    if not avenue.actions:
        raise InvalidInput(Problem("avenue", f"{avenue.id} lists no action to draft for"))
    if action is not None:
        try:
            chosen = avenue.action(action)
        except KeyError:
            ids = ", ".join(a.id for a in avenue.actions)
            raise InvalidInput(Problem(
                "action", f"{avenue.id} has no action {action!r}; its actions are {ids}",
            )) from None
    else:
        chosen = avenue.actions[0]
    if not anonymise:
        return _Choice(chosen, planned[chosen.id], chosen.widest, False, chosen.circles)
    if not chosen.anonymous_form:
        forms = [a for a in avenue.actions if a.anonymous_form]
        if action is not None or not forms:
            where = f"action {chosen.id} of {avenue.id}" if action else avenue.id
            raise InvalidInput(Problem("anonymise", f"{where} has no anonymised form"))
        chosen = forms[0]
    # An anonymised text is public: only people who agreed to be named in public are.
    return _Choice(chosen, planned[chosen.id], Circle.PUBLIC_NAMED, True, (*chosen.circles, Circle.PUBLIC_NAMED))


def _victims(case: Case) -> list[str]:
    victims = list(dict.fromkeys(r for rep in case.reprisals for r in rep.people))
    return victims or [p.ref for p in case.people]


def _refuse_if_nobody_named(case: Case, avenue: Avenue, choice: _Choice, planned: Sequence[PlannedAction],
                            redactor: Redactor) -> None:
    victims = _victims(case)
    step = choice.planned
    # The anonymised form names nobody without public consent, but still tells the public
    # about the case: at least one person it is about must accept an anonymous mention,
    # which the plan records as "described" (anonymised) rather than blocked.
    target = Circle.PUBLIC_ANONYMOUS if choice.anonymised else choice.circle
    described = set(step.anonymised) - step.blocked if choice.anonymised else set()
    if any(ref in redactor.named or ref in described for ref in victims):
        return
    roles = {p.ref: p.role for p in case.people}
    needs = [f"{ref} ({roles.get(ref, 'unknown role')}) would need to consent to '{target.value}'"
             for ref in victims]
    message = (
        f"{avenue.id} / {choice.action.id} reaches the circle '{target.value}', "
        f"and nobody who suffered the reprisals has consented to it: "
        + "; ".join(needs) + "."
    )
    if not choice.anonymised and any(a.anonymous_form for a in avenue.actions):
        message += " This avenue accepts an anonymised form: draft it with --anonymise."
    possible = [a.id for a in planned if any(v not in a.blocked for v in victims if v in a.identifies)]
    if possible:
        message += f" Actions of {avenue.id} that the consent given allows: {', '.join(possible)}."
    raise ConsentRefused(message)


def _addressee(avenue: Avenue, lang: Language) -> tuple[Addressee, list[str]]:
    """The addressee block, and notes on its channels for the person sending."""
    lines, notes = [], []
    for ch in avenue.channels:
        label = term(lang, CHANNEL_KINDS, ch.kind)
        # Never invent an address: say plainly that the sources give none.
        missing = None if ch.address else lang._("The sources give no address for this channel.")
        text = lang._("{label}: {value}").format(label=label, value=ch.address or missing)
        lines.append(AddressLine(ch.kind, label, ch.address, missing, ch.note, text))
        if ch.address and not ch.verified:
            notes.append(f"{label}: {ch.address}: " + lang._("Not confirmed: check before sending."))
        if ch.note:
            notes.append(f"{label}: {ch.note}")
    return Addressee(avenue.id, lang.pgettext("avenue", avenue.name), tuple(lines)), notes


def _attachments(evidence: Sequence[Evidence], redactor: Redactor,
                 lang: Language) -> tuple[Attachment, ...]:
    out = []
    for ev in evidence:
        withheld = [r for r in ev.names_people if r not in redactor.named]
        warning = None
        if withheld:
            who = ", ".join(redactor.people(withheld))
            warning = lang._(
                "Not attached: this file names or shows {who}, whose consent does not "
                "allow this letter to identify them."
            ).format(who=who)
        out.append(Attachment(
            evidence_id=ev.id,
            filename=redactor.text(ev.filename),
            media_type=ev.media_type,
            description=redactor.text(ev.description) or None,
            attach=not withheld,
            warning=warning,
        ))
    return tuple(out)


def build_document(
    case: Case,
    avenue: Avenue,
    *,
    language: str = "en",
    action: str | None = None,
    anonymise: bool = False,
    today: date,
    evidence: Sequence[Evidence] = (),
    mandates: Sequence[Avenue] = (),
    planned: PlannedAvenue | None = None,
) -> Document:
    """Build the letter to ``avenue`` about ``case`` in ``language``, redacted by consent.

    ``action`` is the avenue action drafted for (default: the avenue's first, primary
    action); ``anonymise`` asks for its anonymised form. ``evidence`` lists the files the
    user may attach; files naming a withheld person are listed with a warning and not
    attached. ``mandates`` are other Special Procedures avenues the submission also
    addresses (their names are printed; ``guidance.fit.co_addressed`` picks them).
    ``planned`` is the avenue as the case's plan has it: the gate's decisions for each
    action are taken from it, not made again. Without it (an avenue outside any plan)
    the avenue's actions are gated here, the same way triage does.

    Raises ``InvalidInput`` (unknown language or action, no anonymised form, an avenue
    that does not cover the case's country) and ``ConsentRefused``.
    """
    lang = Language(language)
    if not avenue.covers(case.country):
        raise InvalidInput(Problem(
            "avenue", f"{avenue.id} does not cover the country {case.country}; it covers "
            f"{', '.join(avenue.countries)}",
        ))
    steps = planned.actions if planned is not None else plan_actions(case, avenue, today=today)
    by_id = {a.id: a for a in steps}
    choice = _choose(avenue, by_id, action, anonymise)
    named = frozenset(choice.planned.named)
    if choice.anonymised:
        # The anonymised text is public: it names only those who agreed to be named in public.
        named &= cleared_for(case, choice.circles, avenue=avenue.id, today=today)
    redactor = plan_redaction(case, choice.circles, lang, named=named)
    _refuse_if_nobody_named(case, avenue, choice, steps, redactor)

    # The other steps the letter may ask for: those that may name everyone it names.
    allowed = tuple(a for a in avenue.actions
                    if named <= set(by_id[a.id].named) or (choice.anonymised and a.id == choice.action.id))
    ctx = Context(case=case, avenue=avenue, lang=lang, redactor=redactor,
                  action=choice.action, circle=choice.circle, anonymised=choice.anonymised,
                  allowed=allowed, today=today, mandates=tuple(mandates))
    body = compose_sections(ctx)

    _ = lang._
    country = lang.country(case.country)
    addressee, channel_notes = _addressee(avenue, lang)
    subject = body.subject
    writer = case.writer
    sender = tuple(x for x in (
        redactor.text(writer.name) if writer else "",
        redactor.text(writer.capacity) if writer else "",
    ) if x) or (_("The writer"),)
    notices = []
    if case.fictional:
        notices.append(_("FICTIONAL CASE: a demonstration or training case. "
                         "None of the people or events in this letter are real."))
    sending_notes = list(channel_notes)
    if addressee.email is None:
        sending_notes.append(_("The knowledge base gives no email address for this body: "
                               "send the letter through one of the channels listed."))
    kinds = [term(lang, REPRISAL_TYPES, t) for t in case.reprisal_types]
    metadata = Metadata(
        title=body.title,
        subject=subject,
        author=sender[0],
        keywords=tuple(dict.fromkeys([_("reprisals"), country, *kinds])),
    )
    return Document(
        title=body.title,
        date=today,
        date_text=lang.date(today),
        language=lang.code,
        direction=lang.direction,
        sender=sender,
        addressee=addressee,
        subject=subject,
        salutation=body.salutation,
        sections=body.sections,
        closing=_("Yours faithfully,"),
        signature=sender,
        attachments=_attachments(evidence, redactor, lang),
        metadata=metadata,
        purpose=Purpose(avenue.id, choice.action.id, lang.pgettext("avenue-action",
                        choice.action.name), choice.circle, choice.anonymised),
        redactions=redactor.redactions,
        notices=tuple(notices),
        sending_notes=tuple(sending_notes),
        case_id=case.id,
        labels={
            "subject": _("Subject:"),
            "date": _("Date:"),
            "to": _("To:"),
            "page": _("Page"),
            "case": _("Case"),
            "attachments": _("Attachments"),
            "not_attached": _("listed, not attached"),
            "sending": _("Before sending"),
        },
    )
