"""Checks on an action or a response before anything is written.

Pure: these functions read values and raise ``InvalidInput`` listing every problem with
its field path; they write nothing. Messages name ids, dates and fields, never quote a
reference or a note that failed (it might hold a name typed in the wrong field).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Sequence
from datetime import date

import pycountry

from amparo.model import vocabularies as vocab
from amparo.model.case import Case
from amparo.model.consent import Circle, Decision, gate
from amparo.model.errors import InvalidInput, Message, Problem
from amparo.model.followup import Action, Response

#: A Special Procedures communication reference: type, ISO alpha-3 country, number/year,
#: e.g. "UA CHN 13/2016", "AL BHR 2/2012", "JUA IRN 5/2021", "OL OTH 3/2020".
#: Types: urgent appeal, allegation letter, other letter, and their joint forms.
SP_COMMUNICATION = re.compile(
    r"^(?P<type>J?(?:UA|AL|OL)) (?P<country>[A-Z]{3}) (?P<number>[1-9]\d{0,3})/(?P<year>(?:19|20)\d{2})$"
)
#: Communications to non-State actors (companies, organisations) carry OTH, not a country.
_NON_STATE = "OTH"
_SP_TYPE_PREFIX = re.compile(r"^J?(?:UA|AL|OL)\b")

#: A UN document symbol: a series (A, E, S, HRI or a treaty body) then slash-separated
#: parts, e.g. "A/HRC/36/31", "CAT/C/BDI/CO/2", "A/HRC/RES/12/2", "A/HRC/24/29/Corr.1".
UN_SYMBOL = re.compile(
    r"^(?:A|E|S|HRI|CAT|SPT|CCPR|CESCR|CERD|CEDAW|CRC|CMW|CRPD|CED)"
    r"(?:/[A-Z0-9][A-Za-z0-9.\-]*)+$"
)
# A reference that starts like a UN series (or "HRC/", the usual slip for "A/HRC/") must be
# a whole symbol; other slash references (a committee's "G/SO 229/31 BDI") are letters'.
# "HRC/" followed by a year ("HRC/2026/123") is a letter's reference number, not a slip:
# a Council symbol carries a session number there (A/HRC/55/12).
_SYMBOL_LIKE = re.compile(r"^(?:A|E|S|HRI|CAT|SPT|CCPR|CESCR|CERD|CEDAW|CRC|CMW|CRPD|CED|HRC(?!/(?:19|20)\d\d/))/")
_OTHER_REFERENCE = re.compile(r"^[\w .,:/()#\-]{1,80}$")

#: Kinds whose reference must be a UN document symbol.
SYMBOL_KINDS = frozenset({"annual-report-inclusion", "concluding-observations"})


def is_sp_communication(reference: str) -> bool:
    """Whether ``reference`` is shaped like a Special Procedures communication reference."""
    m = SP_COMMUNICATION.match(reference)
    if not m:
        return False
    country = m["country"]
    return country == _NON_STATE or pycountry.countries.get(alpha_3=country) is not None


def is_un_symbol(reference: str) -> bool:
    """Whether ``reference`` is shaped like a UN document symbol (and holds a number)."""
    return bool(UN_SYMBOL.match(reference)) and any(c.isdigit() for c in reference)


def reference_problem(reference: str, *, kind: str, avenue: str | None) -> str | None:
    """What is wrong with a response's reference for its kind and avenue, or None."""
    sp_expected = kind == "communication-to-state" and bool(avenue and avenue.startswith("sp:"))
    if _SP_TYPE_PREFIX.match(reference) or sp_expected:
        if not is_sp_communication(reference):
            return ("is not shaped like a Special Procedures communication reference: type "
                    "(UA, AL, OL, JUA, JAL, JOL), ISO alpha-3 country code, number/year, "
                    "e.g. UA CHN 13/2016")
        return None
    if kind in SYMBOL_KINDS or _SYMBOL_LIKE.match(reference):
        if not is_un_symbol(reference):
            return ("is not shaped like a UN document symbol, e.g. A/HRC/36/31 or "
                    "CAT/C/BDI/CO/2 (a paragraph goes in the paragraph field)")
        return None
    if not _OTHER_REFERENCE.match(reference):
        return "must be a short reference (letters, digits, spaces and . , : / ( ) # -)"
    return None


def _avenue_problem(avenue: str, known: Collection[str]) -> str | None:
    if avenue in known:
        return None
    near = difflib.get_close_matches(avenue, list(known), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    shown = repr(avenue) if re.fullmatch(r"[a-z]{2,3}:[A-Za-z0-9-]{1,60}", avenue) else "it"
    return f"{shown} is not a known avenue{hint}"


def action_decision(action: Action, case: Case) -> Decision:
    """The consent gate's answer for ``action``, with the case's current consents.

    The people an action identifies are those in its ``consent_snapshot``: the consent
    recorded at sending is evidence, the current consent decides.
    """
    consents = case.consents
    identified = {ref: consents[ref] for ref, _ in action.consent_snapshot if ref in consents}
    return gate(action.disclosure, identified)


def validate_action(action: Action, case: Case, known_avenues: Collection[str], *,
                    today: date) -> None:
    """Raise ``InvalidInput`` if ``action`` cannot be recorded on ``case``."""
    problems: list[Problem] = []
    if case.id is not None and action.case_id != case.id:
        problems.append(Problem("case_id", Message("the action is for case {case_id}, not {id}",
                                                   case_id=action.case_id, id=case.id)))
    msg = _avenue_problem(action.avenue, known_avenues)
    if msg:
        problems.append(Problem("avenue", msg))
    if action.channel not in vocab.ACTION_CHANNELS:
        problems.append(Problem("channel", Message("is not one of {choices}",
                                                   choices=', '.join(vocab.ACTION_CHANNELS))))
    if not isinstance(action.disclosure, Circle):
        problems.append(Problem("disclosure", Message("is not a circle of disclosure")))
    if action.sent_on > today:
        problems.append(Problem("sent_on", Message("{value} is in the future",
                                                   value=action.sent_on.isoformat())))
    refs = {p.ref for p in case.people}
    for i, (ref, _) in enumerate(action.consent_snapshot):
        if ref not in refs:
            problems.append(Problem(f"consent_snapshot[{i}]",
                                    Message("{ref!r} is not the ref of a person in this case", ref=ref)))
    if problems:
        raise InvalidInput(problems)


def validate_response(
    response: Response,
    case_id: str,
    actions: Sequence[Action],
    *,
    known_avenues: Collection[str],
    today: date,
) -> None:
    """Raise ``InvalidInput`` if ``response`` cannot be recorded on case ``case_id``.

    ``actions`` may hold other cases' actions too: a response linked to one of those is
    refused, as is one dated before the action it answers.
    """
    problems: list[Problem] = []
    if response.case_id != case_id:
        problems.append(Problem("case_id", Message("the response is for case {case_id}, not {case_id2}",
                                                   case_id=response.case_id, case_id2=case_id)))
    if response.kind not in vocab.RESPONSE_KINDS:
        near = difflib.get_close_matches(response.kind, vocab.RESPONSE_KINDS, n=2, cutoff=0.6)
        hint = Message("; did you mean {near}?", near=", ".join(near)) if near else ""
        problems.append(Problem("kind", Message("is not one of {choices}{hint}",
                                                choices=', '.join(vocab.RESPONSE_KINDS), hint=hint)))
    answered = None
    if response.action_id is not None:
        answered = next((a for a in actions if a.id == response.action_id), None)
        if answered is None:
            problems.append(Problem("action_id", Message("no action {action_id} on this case",
                                                         action_id=response.action_id)))
        elif answered.case_id != case_id:
            problems.append(Problem("action_id", Message("action {id} belongs to another case",
                                                         id=answered.id)))
            answered = None
        elif response.received_on < answered.sent_on:
            problems.append(Problem(
                "received_on", Message("{value} is before action {id} was sent ({value2})",
                                       value=response.received_on.isoformat(), id=answered.id,
                                           value2=answered.sent_on.isoformat())))
    if response.from_avenue is not None:
        msg = _avenue_problem(response.from_avenue, known_avenues)
        if msg:
            problems.append(Problem("from_avenue", msg))
    if response.received_on > today:
        problems.append(Problem("received_on",
                                Message("{value} is in the future",
                                        value=response.received_on.isoformat())))
    if response.reference is not None:
        avenue = response.from_avenue or (answered.avenue if answered else None)
        msg = reference_problem(response.reference, kind=response.kind, avenue=avenue)
        if msg:
            problems.append(Problem("reference", msg))
    if response.paragraph is not None and not re.fullmatch(r"[\w .,()\-]{1,20}",
                                                           response.paragraph):
        problems.append(Problem("paragraph", Message("must be a short paragraph number, e.g. 34")))
    if problems:
        raise InvalidInput(problems)
