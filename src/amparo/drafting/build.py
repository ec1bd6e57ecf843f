"""``build_document``: from a case and a planned avenue to a redacted Document.

The purpose decides everything: the draft is written for one step of the avenue, and
that step's circles are what the letter must be safe for. The plan has already asked the
consent gate, person by person, whom the step names, describes or leaves out; the letter
follows those decisions and never makes its own.

* Default step: the avenue's first action, which for every avenue is the confidential
  notification (``notify-confidentially``): always the first way forward. ``action=``
  picks another.
* People the step names are named; people it describes are described without a name;
  people it leaves out are "another person", and nothing about them (their acts, their
  relation to someone named, a caption) that could point back to them is printed.
* The user's own text is read for passages that mention someone the letter does not
  name (``disclosure.passages``): rewritten where that is safe; otherwise the draft
  stops (``PassagesToReview``) until the user edits the text or keeps the passage by a
  recorded choice (``accept``).
* A step that can say what happened to nobody the reprisals concern is refused
  (``ConsentRefused``), with the steps of the same avenue that consent does allow and
  who would need to agree to what.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time

from amparo.disclosure.passages import Passage, apply_rewrites, case_texts, find_passages
from amparo.disclosure.redaction import Redactor, plan_redaction, told_by
from amparo.drafting.addressee_roles import role_heading, role_salutation
from amparo.drafting.document import (
    Addressee,
    AddressLine,
    Attachment,
    Document,
    Metadata,
    Purpose,
)
from amparo.drafting.history import History
from amparo.drafting.pattern import pattern_body
from amparo.drafting.questionnaire import questionnaire_sections
from amparo.drafting.sections import Context, compose_sections, told
from amparo.guidance.plan import PlannedAction, PlannedAvenue
from amparo.guidance.triage import plan_actions
from amparo.knowledge.addressing import addressing, reprisals_role
from amparo.knowledge.types import Avenue, AvenueAction
from amparo.language.i18n import Language
from amparo.language.vocabulary import CHANNEL_KINDS, CIRCLES, PERSON, REPRISAL_TYPES, term
from amparo.model.case import Case, Evidence
from amparo.model.clock import local
from amparo.model.consent import Circle, widest
from amparo.model.errors import ConsentRefused, InvalidInput, Message, Problem, Term
from amparo.model.profile import WriterProfile

#: A case's writer contact that is a bare email address can be the From of the message.
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


class PassagesToReview(ConsentRefused):
    """The user's own text mentions someone the letter does not name, in a way Amparo
    cannot rewrite safely. ``passages`` lists every such passage (ids, fields, no text)."""

    def __init__(self, passages: Sequence[Passage]):
        self.passages = tuple(passages)
        super().__init__(Message(
            "{count} passage(s) of your own text may identify someone this letter does not name: {passages}. "
            "Edit those fields of the case, or keep a passage as it is with --accept-passages {ids} (your "
            "choice is recorded).", count=len(self.passages),
            passages=tuple(p.description() for p in self.passages), ids=",".join(p.id for p in self.passages)))


@dataclass(frozen=True, slots=True)
class _Choice:
    action: AvenueAction
    step: PlannedAction  # the gate's decisions for it, from the plan
    circle: Circle  # the widest circle the draft reaches (shown to the user)
    anonymised: bool


def _choose(avenue: Avenue, steps: dict[str, PlannedAction], action: str | None, anonymise: bool) -> _Choice:
    if not avenue.actions:
        raise InvalidInput(Problem("avenue", Message("{id} lists no action to draft for", id=avenue.id)))
    if action is not None:
        try:
            chosen = avenue.action(action)
        except KeyError:
            ids = ", ".join(a.id for a in avenue.actions)
            raise InvalidInput(Problem(
                "action", Message("{id} has no action {action!r}; its actions are {ids}",
                                  id=avenue.id, action=action, ids=ids),
            )) from None
    else:
        chosen = avenue.actions[0]
    if anonymise and not chosen.anonymous_form:
        forms = [a for a in avenue.actions if a.anonymous_form]
        if action is not None or not forms:
            where = f"action {chosen.id} of {avenue.id}" if action else avenue.id
            raise InvalidInput(Problem("anonymise", Message("{where} has no anonymised form",
                                                            where=where)))
        chosen = forms[0]
    return _Choice(chosen, steps[chosen.id], widest(chosen.circles), anonymise or (chosen.anonymous_form
                   and Circle.PUBLIC_NAMED not in chosen.circles))


def _circle(circle: Circle) -> Term | str:
    pair = CIRCLES.get(circle.value)
    return Term(*pair) if pair else circle.value


def refusal(case: Case, avenue: Avenue, step: PlannedAction, steps: Sequence[PlannedAction],
            lang: Language) -> ConsentRefused:
    """Why a step cannot be drafted, and the way forward, in plain words (refs and roles, no names).

    A ``Message`` (ids, refs, roles and circles as parameters), so that each face says it
    in its user's language; ``lang`` stays for callers that pass the letter's language.
    """
    roles = {p.ref: p.role for p in case.people}
    who = sorted({n.person for n in step.needs if n.person in case.targeted})
    needs = []
    for ref in who:
        pair = PERSON.get(roles.get(ref, "other")) or PERSON["other"]
        circles = tuple(_circle(n.circle) for n in step.needs if n.person == ref)
        expired = any(n.expired for n in step.needs if n.person == ref)
        params = {"person": Term(*pair), "ref": ref, "circles": circles}
        needs.append(Message("{person} ({ref}) would need to agree to {circles} (their consent is past its "
                             "review date: renew it)", **params) if expired
                     else Message("{person} ({ref}) would need to agree to {circles}", **params))
    possible = [s for s in steps if s.allowed]
    open_steps = [Message("{name} (--action {id})", name=Term("avenue-action", s.name), id=s.id) for s in possible]
    forward = (Message("What you can do now with this avenue: {steps}.", steps=tuple(open_steps))
               if possible else Message("No step of this avenue is open yet: start with the consent "
                                        "conversation (amparo consent sheet)."))
    return ConsentRefused(Message(
        "{step} ({avenue}, --action {action}) would tell {circles} who the people are, and nobody the "
        "reprisals concern has agreed to that. {forward} To take this step: {needs}.",
        step=Term("avenue-action", step.name), avenue=avenue.id, action=step.id,
        circles=tuple(_circle(c) for c in step.circles), forward=forward,
        needs=tuple(needs) or Message("more consent")))


def _rewritten(redactor: Redactor, case: Case, evidence: Sequence[Evidence], accept: Iterable[str],
               untold: frozenset[int]) -> tuple[Redactor, tuple[Passage, ...]]:
    """The redactor with the user's texts rewritten passage by passage, and every passage found."""
    hidden = [p.ref for p in case.people if p.ref not in redactor.named]
    listed = [ev for ev in evidence if not any(r in redactor.left_out for r in ev.names_people)]
    fields = case_texts(case, listed, untold=untold)
    passages = find_passages(case, fields, hidden=hidden, names=redactor.hidden_names)
    accepted = set(accept)
    unknown = sorted(accepted - {p.id for p in passages})
    if unknown:
        raise InvalidInput(Problem("--accept-passages",
            Message("{unknown} is not a passage of this letter; its passages are {value}",
                    unknown=unknown[0], value=", ".join(p.id for p in passages) or Message("none"))))
    unsafe = [p for p in passages if not p.safe and p.id not in accepted]
    if unsafe:
        raise PassagesToReview(unsafe)
    by_field: dict[str, list[Passage]] = {}
    for passage in passages:
        by_field.setdefault(passage.field, []).append(passage)
    rewrites: dict[str, str] = {}
    for path, text in fields:
        found = by_field.get(path)
        if found:
            new = apply_rewrites(text, found, keep=accepted)
            # The same text in two fields: the more careful version wins.
            if rewrites.get(text, text) == text:
                rewrites[text] = new
    return redactor.with_rewrites(rewrites), tuple(replace(p, kept=p.id in accepted) for p in passages)


def _addressee(avenue: Avenue, action_id: str, lang: Language) -> tuple[Addressee, list[str], list[str]]:
    """The addressee block, notes on its channels for the person sending, and warnings.

    The block prints only what a recipient can use: the addresses the knowledge base
    gives (the ``To`` first) and the copy. A channel without an address is a note for
    the person sending, never a sentence in the letter.
    """
    addr = addressing(avenue, action_id)
    lines, notes, warnings = [], [], []
    shown: set[str] = set()
    for ch in sorted((c for c in avenue.channels if c.serves(action_id) and not c.copy and c.address),
                     key=lambda c: c.address != addr.to):
        if ch.address in shown:
            continue
        shown.add(ch.address)
        label = term(lang, CHANNEL_KINDS, ch.kind)
        text = lang._("{label}: {value}").format(label=label, value=ch.address)
        lines.append(AddressLine(ch.kind, label, ch.address, None, ch.note, text))
        if not ch.verified:
            notes.append(f"{label}: {ch.address}: " + lang._("Not confirmed: check before sending."))
    if addr.cc:
        label = lang._("Copy")
        value = ", ".join(addr.cc)
        lines.append(AddressLine("cc", label, value, None, None,
                                 lang._("{label}: {value}").format(label=label, value=value)))
    for ch in addr.unknown:
        if ch.note:
            notes.append(f"{term(lang, CHANNEL_KINDS, ch.kind)}: {ch.note}")
    if addr.to is None:
        warnings.append(lang._("No email address is known for {body}: the message has no To. Find the "
                               "address on the body's own page and add it before sending.").format(
                                   body=lang.pgettext("avenue", avenue.name)))
    elif addr.unknown and any(c.kind == "email" for c in addr.unknown):
        warnings.append(lang._("The body's own address is not in the knowledge base: this draft goes to "
                               "{to}. Check that it is the right address before sending.").format(to=addr.to))
    name = lang.pgettext("avenue", avenue.name)
    addressee = Addressee(avenue.id, name, tuple(lines), to=addr.to, cc=addr.cc,
                          role=role_heading(lang, reprisals_role(avenue), name))
    return addressee, notes, warnings


def _attachments(evidence: Sequence[Evidence], redactor: Redactor,
                 lang: Language) -> tuple[tuple[Attachment, ...], int]:
    """The files the letter lists, and how many it leaves out entirely.

    A file that names or shows someone the letter leaves out is not even listed: its
    caption would describe them. One that shows someone the letter only describes is
    listed, not attached.
    """
    out = []
    unlisted = 0
    for ev in evidence:
        if any(r in redactor.left_out for r in ev.names_people):
            unlisted += 1
            continue
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
            sha256=ev.sha256 or None,
        ))
    return tuple(out), unlisted


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
    accept_passages: Iterable[str] = (),
    profile: WriterProfile | None = None,
    now: datetime | None = None,
    names: Mapping[str, str] | None = None,
    history: History | None = None,
) -> Document:
    """Build the letter to ``avenue`` about ``case`` in ``language``, redacted by consent.

    ``action`` is the avenue action drafted for (default: the avenue's first, the
    confidential notification); ``anonymise`` asks for its anonymised form.
    ``evidence`` lists the files the user may attach. ``mandates`` are other Special
    Procedures avenues the submission also addresses (``guidance.fit.co_addressed``).
    ``planned`` is the avenue as the case's plan has it: the gate's decisions for each
    step are taken from it, not made again. Without it (an avenue outside any plan) the
    avenue's steps are gated here, the same way triage does. ``accept_passages`` are the
    ids of passages of the user's text to keep verbatim (the caller records the choice).
    ``profile`` is the writer's profile (From, letterhead, signature; its time zone dates
    the letter); ``now`` the clock's aware now (default: the start of ``today`` in UTC,
    never after now); ``names`` the knowledge base's avenue names by slug, so that no
    body is printed as its slug; ``history`` the case's follow-up records (actions sent,
    answers received) for the letter's account of UN action so far.

    Raises ``InvalidInput`` (unknown language or action, no anonymised form, an avenue
    that does not cover the case's country, an unknown passage id), ``ConsentRefused``
    and ``PassagesToReview``.
    """
    lang = Language(language)
    if not avenue.covers(case.country):
        raise InvalidInput(Problem(
            "avenue", Message("{id} does not cover the country {country}; it covers {choices}",
                              id=avenue.id, country=case.country, choices=', '.join(avenue.countries)),
        ))
    steps = planned.actions if planned is not None else plan_actions(case, avenue, today=today)
    by_id = {a.id: a for a in steps}
    choice = _choose(avenue, by_id, action, anonymise)
    step = choice.step
    if not step.allowed:
        raise refusal(case, avenue, step, steps, lang)
    redactor = plan_redaction(case, tuple(choice.action.circles), lang, named=frozenset(step.identifies),
                              described=frozenset(step.described))
    untold = frozenset(i for i, r in enumerate(case.reprisals) if not told_by(redactor, r))
    pattern = step.identifies_nobody
    if pattern:
        # General information on a pattern uses none of the user's own text, so there is
        # no passage to review; a passage id given for it is still an error.
        if accept_passages:
            raise InvalidInput(Problem("--accept-passages", Message(
                "this letter quotes none of your own text: it has no passage to keep")))
        passages: tuple[Passage, ...] = ()
    else:
        redactor, passages = _rewritten(redactor, case, evidence, accept_passages, untold)

    # The other steps the letter may ask for: those that may name everyone it names.
    named = set(step.identifies)
    allowed = tuple(a for a in avenue.actions
                    if (by_id[a.id].allowed and named <= set(by_id[a.id].identifies)) or a.id == choice.action.id)
    ctx = Context(case=case, avenue=avenue, lang=lang, redactor=redactor,
                  action=choice.action, circle=choice.circle, anonymised=choice.anonymised,
                  allowed=allowed, today=today, mandates=tuple(mandates), names=dict(names or {}),
                  profile=profile, history=history)
    if pattern:
        # No evidence either: a file's caption or even its existence belongs to one case.
        body, questionnaire, attachments, unlisted = pattern_body(
            lang, case, role_salutation(lang, reprisals_role(avenue))), (), (), len(evidence)
    else:
        body = compose_sections(ctx)
        questionnaire = questionnaire_sections(ctx) if avenue.family == "sp" else ()
        attachments, unlisted = _attachments(evidence, redactor, lang)

    _ = lang._
    country = lang.country(case.country)
    addressee, channel_notes, warnings = _addressee(avenue, choice.action.id, lang)
    subject = body.subject
    sender, signature, sender_email = _writer(case, profile, redactor)
    if profile is None or profile.empty:
        warnings.append(_("No writer's profile: the letter has no letterhead, signature or sender "
                          "address beyond what the case says. Set one with amparo profile set "
                          "(organisation, contact person, email, signature)."))
    moment = local(now or datetime.combine(today, time(0, 0), tzinfo=UTC),
                   profile.time_zone if profile else None)
    notices = []
    if case.fictional:
        notices.append(_("FICTIONAL CASE: a demonstration or training case. "
                         "None of the people or events in this letter are real."))
    sending_notes = list(channel_notes)
    if unlisted:
        sending_notes.append(lang.ngettext(
            "{n} evidence file concerns a person this letter leaves out: it is neither listed nor attached.",
            "{n} evidence files concern people this letter leaves out: they are neither listed nor attached.",
            unlisted).format(n=unlisted))
    sending_notes += [lang._("Passage kept as you wrote it, by your choice: {id}.").format(id=p.id)
                      for p in passages if p.kept]
    kinds = [term(lang, REPRISAL_TYPES, t) for t in dict.fromkeys(r.type for r in case.reprisals if told(ctx, r))]
    metadata = Metadata(
        title=body.title,
        subject=subject,
        author=sender[0] if sender else "",
        keywords=tuple(dict.fromkeys([_("reprisals"), country, *kinds])),
    )
    return Document(
        title=body.title,
        date=moment.date(),
        date_text=lang.date(moment.date()),
        language=lang.code,
        direction=lang.direction,
        sender=sender,
        addressee=addressee,
        subject=subject,
        salutation=body.salutation,
        sections=body.sections,
        closing=_("Yours faithfully,"),
        signature=signature,
        attachments=attachments,
        metadata=metadata,
        purpose=Purpose(avenue.id, choice.action.id, lang.pgettext("avenue-action",
                        choice.action.name), choice.circle, choice.anonymised),
        redactions=redactor.redactions,
        passages=passages,
        notices=tuple(notices),
        sending_notes=tuple(sending_notes),
        # A pattern letter carries no case reference: it would tie it to a later letter on the case.
        case_id=None if pattern else case.id,
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
        sender_email=sender_email,
        sent_at=moment,
        warnings=tuple(warnings),
        questionnaire=questionnaire,
    )


def _writer(case: Case, profile: WriterProfile | None,
            redactor: Redactor) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """The letterhead, the signature and the From address: the profile's, else the case's writer.

    Nothing stands in for a missing writer: an empty letterhead is a warning to the
    person sending, never "The writer" printed to the recipient.
    """
    writer = case.writer
    if profile is not None and not profile.empty:
        head = tuple(x for x in (profile.organisation, profile.contact, profile.email) if x)
        return head, profile.signature_lines(), profile.email
    lines = tuple(x for x in (redactor.text(writer.name) if writer else "",
                              redactor.text(writer.capacity) if writer else "") if x)
    email = writer.contact.strip() if writer and writer.contact and _EMAIL.match(writer.contact.strip()) else None
    return lines, lines[:1], email
