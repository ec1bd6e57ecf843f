"""Every avenue's .eml is addressed as the knowledge base says, dated now, and clean of notes.

For every avenue in the knowledge base: From is the writer's profile, To and Cc are the
knowledge base's addresses for the drafted action (reprisals@ohchr.org copied wherever
OHCHR asks), the Date is the writer's local time and never after the clock's now, the
message parses with no defect under ``email.policy.strict``; the letter prints no slug and
no sentence meant for the caseworker.
"""

from __future__ import annotations

import dataclasses
import email
import re
from datetime import UTC, datetime, timedelta
from email import policy
from email.utils import parsedate_to_datetime

import pytest
from drafting_fixtures import evidence, three_people_case

from amparo.drafting import build_document, render
from amparo.knowledge import load
from amparo.knowledge.addressing import addressing
from amparo.model.profile import WriterProfile

KB = load()
ALL = sorted(a.id for a in KB.avenues)
NAMES = {a.id: a.name for a in KB.avenues}
NOW = datetime(2026, 12, 1, 7, 30, tzinfo=UTC)
PROFILE = WriterProfile(organisation="Red Andina de Defensoras", contact="Ana Quispe",
                        email="ana@red-andina.example", signature="Ana Quispe\nCoordinadora",
                        time_zone="America/Bogota")
#: A slug as the knowledge base writes it, wherever it appears in the letter.
SLUG = re.compile(r"\b(sp|tb|hrc|sg|rg):[A-Za-z]")
PLACEHOLDERS = ("The sources give no address", "The writer", "no address for this channel")


def _case_for(avenue):
    case = three_people_case()
    if avenue.countries:
        case = dataclasses.replace(case, country=avenue.countries[0])
    # The case names a body by slug (an engagement with a mandate): the letter must name it.
    return case


def _doc(avenue_id, lang="en", profile=PROFILE):
    avenue = KB.avenue(avenue_id)
    return avenue, build_document(_case_for(avenue), avenue, language=lang, today=NOW.date(),
                                  evidence=evidence(), profile=profile, now=NOW, names=NAMES)


def _addresses(header) -> list[str]:
    return [a.addr_spec for a in header.addresses] if header is not None else []


@pytest.mark.parametrize("avenue_id", ALL)
def test_every_avenue_eml_is_addressed_as_the_knowledge_base_says(avenue_id):
    avenue, doc = _doc(avenue_id)
    msg = email.message_from_bytes(render(doc, "eml"), policy=policy.strict)
    assert not msg.defects and all(not part.defects for part in msg.walk())
    expected = addressing(avenue, doc.purpose.action_id)
    assert _addresses(msg["From"]) == [PROFILE.email]
    assert _addresses(msg["To"]) == ([expected.to] if expected.to else [])
    assert _addresses(msg["Cc"]) == list(expected.cc)
    if avenue.family in ("sp", "tb", "hrc", "sg"):
        assert "reprisals@ohchr.org" in _addresses(msg["To"]) + _addresses(msg["Cc"])
    if expected.to is None:
        assert any(expected.to is None and "No email address" in w for w in doc.warnings)
    sent = parsedate_to_datetime(msg["Date"])
    assert sent <= NOW and NOW - sent < timedelta(minutes=1)
    assert sent.utcoffset() == timedelta(hours=-5)  # Bogotá: the writer's time, not UTC
    assert msg["X-Amparo-Note"] is None


@pytest.mark.parametrize("avenue_id", ALL)
@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_no_letter_prints_a_slug_or_a_note_for_the_caseworker(avenue_id, lang):
    _avenue, doc = _doc(avenue_id, lang)
    body = render(doc, "txt").decode("utf-8")
    assert not SLUG.search(body), SLUG.search(body)
    for phrase in PLACEHOLDERS:
        assert phrase not in body
    assert doc.signature[0] == "Ana Quispe"


def test_a_body_the_knowledge_base_does_not_know_is_named_generically_not_by_slug():
    case = three_people_case()
    engagement = dataclasses.replace(case.engagements[0], body="sp:a-mandate-created-next-year")
    case = dataclasses.replace(case, engagements=(engagement, *case.engagements[1:]))
    avenue = KB.avenue("sg:report")
    doc = build_document(case, avenue, today=NOW.date(), profile=PROFILE, now=NOW, names=NAMES)
    text = render(doc, "txt").decode()
    assert "sp:a-mandate" not in text and "a Special Procedures mandate" in text


def test_the_special_rapporteur_on_defenders_is_written_to_at_its_own_address():
    _avenue, doc = _doc("sp:human-rights-defenders")
    assert doc.addressee.to == "hrc-sr-defenders@un.org"
    assert doc.addressee.cc == ("reprisals@ohchr.org",)
    # Its own address is known: no warning that it is missing.
    assert not any("own address" in w for w in doc.warnings)


def test_a_treaty_body_reprisal_notification_does_not_go_to_the_petitions_team():
    _avenue, doc = _doc("tb:CAT")
    assert doc.addressee.to is None and "petitions@ohchr.org" not in render(doc, "eml").decode()
    complaint = addressing(KB.avenue("tb:CAT"), "individual-complaint")
    assert complaint.to == "petitions@ohchr.org" and complaint.cc == ("reprisals@ohchr.org",)


def test_the_letter_to_the_senior_official_is_not_a_submission_for_the_report():
    _avenue, doc = _doc("sg:senior-official")
    assert "Secretary-General's report" not in doc.subject
    assert "senior official" in doc.subject and doc.salutation == "Dear Assistant Secretary-General,"


def test_without_a_profile_the_user_is_told_and_the_recipient_reads_no_stand_in():
    _avenue, doc = _doc("sg:report", profile=None)
    case = three_people_case()
    assert any("amparo profile set" in w for w in doc.warnings)
    body = render(doc, "txt").decode()
    assert "The writer" not in body and "amparo profile" not in body
    if case.writer is not None and case.writer.name:
        assert doc.signature == (case.writer.name,)
