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

from amparo.drafting.document import (
    Addressee,
    AddressLine,
    Attachment,
    Document,
    Metadata,
    Purpose,
)
from amparo.drafting.i18n import Language
from amparo.drafting.redaction import Redactor, plan_redaction
from amparo.drafting.sections import Context, compose_sections
from amparo.drafting.vocabulary import CHANNEL_KINDS, REPRISAL_TYPES, term
from amparo.knowledge.types import Avenue, AvenueAction
from amparo.model.case import Case, Evidence
from amparo.model.consent import Circle, gate
from amparo.model.errors import ConsentRefused, InvalidInput, Problem


@dataclass(frozen=True, slots=True)
class _Choice:
    action: AvenueAction
    circle: Circle  # the widest circle the draft reaches (shown to the user)
    anonymised: bool
    #: Every circle a person must have consented to, to be named.
    circles: tuple[Circle, ...] = ()


def _choose(avenue: Avenue, action: str | None, anonymise: bool) -> _Choice:
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
        return _Choice(chosen, chosen.widest, False, chosen.circles)
    if not chosen.anonymous_form:
        forms = [a for a in avenue.actions if a.anonymous_form]
        if action is not None or not forms:
            where = f"action {chosen.id} of {avenue.id}" if action else avenue.id
            raise InvalidInput(Problem("anonymise", f"{where} has no anonymised form"))
        chosen = forms[0]
    # An anonymised text is public: only people who agreed to be named in public are.
    return _Choice(chosen, Circle.PUBLIC_NAMED, True, (*chosen.circles, Circle.PUBLIC_NAMED))


def _refuse_if_nobody_named(case: Case, avenue: Avenue, choice: _Choice,
                            redactor: Redactor, lang: Language) -> None:
    victims = list(dict.fromkeys(r for rep in case.reprisals for r in rep.people))
    victims = victims or [p.ref for p in case.people]
    # The anonymised form names nobody without public consent, but still tells the public
    # about the case: at least one person it is about must accept an anonymous mention.
    target = Circle.PUBLIC_ANONYMOUS if choice.anonymised else choice.circle
    if any(ref in redactor.named or (choice.anonymised and _allows(case, ref, target))
           for ref in victims):
        return
    needs = []
    for ref in victims:
        try:
            role = case.person(ref).role
        except KeyError:
            role = "unknown role"
        needs.append(f"{ref} ({role}) would need to consent to '{target.value}'")
    message = (
        f"{avenue.id} / {choice.action.id} reaches the circle '{target.value}', "
        f"and nobody who suffered the reprisals has consented to it: "
        + "; ".join(needs) + "."
    )
    if not choice.anonymised and any(a.anonymous_form for a in avenue.actions):
        message += " This avenue accepts an anonymised form: draft it with --anonymise."
    consents = [case.person(r).consent for r in victims if r in {p.ref for p in case.people}]
    possible = [a.id for a in avenue.actions
                if any(all(c.allows(x) for x in a.circles) for c in consents)]
    if possible:
        message += f" Actions of {avenue.id} that the consent given allows: {', '.join(possible)}."
    raise ConsentRefused(message)


def _allows(case: Case, ref: str, target: Circle) -> bool:
    try:
        return case.person(ref).allows(target)
    except KeyError:
        return False


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
) -> Document:
    """Build the letter to ``avenue`` about ``case`` in ``language``, redacted by consent.

    ``action`` is the avenue action drafted for (default: the avenue's first, primary
    action); ``anonymise`` asks for its anonymised form. ``evidence`` lists the files the
    user may attach; files naming a withheld person are listed with a warning and not
    attached. ``mandates`` are other Special Procedures avenues the submission also
    addresses (their names are printed; the service picks them from the knowledge base).

    Raises ``InvalidInput`` (unknown language or action, no anonymised form, an avenue
    that does not cover the case's country) and ``ConsentRefused``.
    """
    lang = Language(language)
    if not avenue.covers(case.country):
        raise InvalidInput(Problem(
            "avenue", f"{avenue.id} does not cover the country {case.country}; it covers "
            f"{', '.join(avenue.countries)}",
        ))
    choice = _choose(avenue, action, anonymise)
    redactor = plan_redaction(case, choice.circles, lang)
    _refuse_if_nobody_named(case, avenue, choice, redactor, lang)

    named_consents = {p.ref: p.consent for p in case.people if p.ref in redactor.named}
    allowed = tuple(a for a in avenue.actions
                    if gate(a.circles, named_consents).allowed
                    or (choice.anonymised and a.id == choice.action.id))
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
