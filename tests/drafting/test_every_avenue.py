"""For every avenue in the knowledge base and every format: no withheld name anywhere.

Every avenue in every format, PDF included (about half a second each: the PDF text is
read back with pdftotext and its streams inflated, because names there are glyph codes).
"""

from __future__ import annotations

import dataclasses

import pytest
from drafting_files import searchable
from drafting_fixtures import PUBLIC, WITHHELD_ORG, evidence, named_at, three_people_case

from amparo.drafting import build_document, render
from amparo.knowledge import load

KB = load()
ALL = sorted(a.id for a in KB.avenues)


def _case_for(avenue):
    case = three_people_case()
    if avenue.countries:
        case = dataclasses.replace(case, country=avenue.countries[0])
    return case


def _draft(avenue_id: str, today):
    avenue = KB.avenue(avenue_id)
    doc = build_document(_case_for(avenue), avenue, today=today, evidence=evidence())
    return avenue, doc


def _check(fmt: str, data: bytes, circle) -> None:
    text = searchable(fmt, data)
    shown, hidden = named_at(circle)
    for name in hidden:
        for part in [name, *name.split()]:
            assert part.casefold() not in text.casefold(), f"{fmt}: withheld name part leaked"
    assert WITHHELD_ORG.casefold() not in text.casefold()
    for name in shown:
        assert name in text, f"{fmt}: consenting person {name!r} is not named"


def test_the_knowledge_base_has_avenues_of_every_family():
    assert len(ALL) > 20
    assert {"sg", "sp", "tb", "hrc"} <= {a.family for a in KB.avenues}


@pytest.mark.parametrize("avenue_id", ALL)
def test_text_formats_name_only_who_consented(avenue_id, today):
    avenue, doc = _draft(avenue_id, today)
    assert doc.purpose.action_id == avenue.actions[0].id  # the primary action by default
    for fmt in ("txt", "md", "eml", "docx"):
        _check(fmt, render(doc, fmt), doc.purpose.circle)
    # The file naming the person the letter leaves out is neither attached nor listed (its
    # caption would describe them); the sender is told, not the recipient.
    listed = {a.evidence_id: a for a in doc.attachments}
    assert "ev2" not in listed
    assert any("neither listed nor attached" in note for note in doc.sending_notes)


@pytest.mark.parametrize("avenue_id", ALL)
def test_pdf_names_only_who_consented(avenue_id, today):
    _, doc = _draft(avenue_id, today)
    _check("pdf", render(doc, "pdf"), doc.purpose.circle)


def test_the_public_named_person_is_named_in_a_public_purpose(today):
    avenue = KB.avenue("sg:report")
    doc = build_document(three_people_case(), avenue, action="named-case-annex", today=today)
    text = render(doc, "txt").decode()
    assert PUBLIC in text
    assert doc.purpose.circle.value == "public-named"
    assert {r.ref for r in doc.redactions} == {"p1", "p2"}
