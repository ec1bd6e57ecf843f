"""The pattern letter goes to the channel that takes general information, never to the
urgent-action desk: information that identifies nobody is not an urgent appeal.

Before the channels said which letters they take, the Special Procedures' shared
urgent-action address (and the online form for communications) served every action, so
the pattern letter listed urgent-action@ohchr.org in its address block, and became its
``To`` for any mandate whose own address is not known.
"""

from __future__ import annotations

import dataclasses
import email
from datetime import date
from email import policy

import pytest
from test_pattern_letter import NOBODY_CONSENTS

from amparo.drafting import build_document, render
from amparo.knowledge import load
from amparo.knowledge.addressing import addressing
from amparo.service import Context, read_facts

KB = load()
CASE_LETTERS = {"https://spsubmission.ohchr.org/", "urgent-action@ohchr.org"}
PATTERN_STEPS = [(a.id, act.id) for a in KB.avenues for act in a.actions if act.identifies_nobody]


def _case():
    return read_facts(Context.for_folder(None), NOBODY_CONSENTS)


def test_the_knowledge_base_offers_the_pattern_letter_somewhere():
    assert {"sp:human-rights-defenders", "sg:report"} <= {a for a, _ in PATTERN_STEPS}


@pytest.mark.parametrize(("avenue_id", "action_id"), PATTERN_STEPS)
def test_every_pattern_letter_goes_to_a_channel_that_takes_general_information(avenue_id, action_id):
    avenue = KB.avenue(avenue_id)
    addr = addressing(avenue, action_id)
    assert addr.to is not None and addr.to not in CASE_LETTERS
    assert "urgent" not in (addr.channel.purpose or "")
    assert addr.channel.sources  # the address comes from a source
    doc = build_document(_case(), avenue, language="en", action=action_id, today=date(2026, 11, 28))
    msg = email.message_from_bytes(render(doc, "eml"), policy=policy.strict)
    assert msg["To"].addresses[0].addr_spec == addr.to
    assert "reprisals@ohchr.org" in {a.addr_spec for a in msg["To"].addresses + (msg["Cc"].addresses if msg["Cc"]
                                                                                  else ())}
    text = render(doc, "txt").decode()
    for address in CASE_LETTERS:
        assert address not in text and address not in str(msg["Cc"] or "")


def test_a_mandate_whose_own_address_is_unknown_gets_no_urgent_desk_for_a_pattern_letter():
    sr = KB.avenue("sp:human-rights-defenders")
    unknown = dataclasses.replace(sr, channels=tuple(c for c in sr.channels if c.address != "hrc-sr-defenders@un.org"))
    addr = addressing(unknown, "pattern-information")
    assert addr.to is None and addr.cc == ("reprisals@ohchr.org",)
    doc = build_document(_case(), unknown, language="en", action="pattern-information", today=date(2026, 11, 28))
    assert any("No email address is known" in w for w in doc.warnings)
    # The letters about people still reach the desk.
    assert addressing(unknown, "urgent-appeal").to == "urgent-action@ohchr.org"
