"""A character no installed font has stops the PDF, naming where it is and which it is."""

from __future__ import annotations

import pytest
from fpdf.enums import XPos, YPos
from typeset_fixtures import NAMES, letter

from amparo.drafting import render
from amparo.drafting.document import Section
from amparo.model.errors import InvalidInput
from amparo.typeset import LETTER_PAGE, TypesetPDF, character_label, check_covered, uncovered


def test_names_in_every_script_are_covered():
    assert uncovered(" ".join(NAMES.values())) == []


def test_uncovered_lists_each_missing_character_once_in_order():
    text = "a\ue000b\U0010fffd\ue000 \u0378"
    assert uncovered(text) == ["\ue000", "\U0010fffd", "\u0378"]


def test_joiners_direction_marks_and_line_breaks_need_no_glyph():
    assert uncovered("प्\u200dर \u200f\u200e\n\t\u00ad\ufe0f") == []


@pytest.mark.parametrize(("char", "label"), [
    ("\ue000", "U+E000 <private-use-E000>"),
    ("\u0378", "U+0378 <unassigned-0378>"),
    ("\U0010ffff", "U+10FFFF <noncharacter-10FFFF>"),
    ("温", "U+6E29 CJK UNIFIED IDEOGRAPH-6E29"),
    ("\x07", "U+0007 <control-0007>"),
])
def test_character_labels(char, label):
    assert character_label(char) == label


def test_the_pdf_is_refused_with_the_field_path_and_the_character():
    doc = letter(sections=(
        Section("Purpose", ("Nothing unusual here.",)),
        Section("People", items=("Zofia K\ue000walczyk, a lawyer",)),
    ))
    with pytest.raises(InvalidInput) as exc:
        render(doc, "pdf")
    paths = [p.path for p in exc.value.problems]
    assert "sections[1].items[0]" in paths
    message = str(exc.value)
    assert "U+E000 <private-use-E000>" in message
    assert "Zofia" not in message and "walczyk" not in message  # never the text around it


def test_every_field_with_an_uncovered_character_is_reported():
    with pytest.raises(InvalidInput) as exc:
        check_covered([("people[0].name", "A\ue001"), ("people[1].name", "fine"),
                       ("reprisals[0].place", "\u0378")])
    paths = {p.path for p in exc.value.problems}
    assert {"people[0].name", "reprisals[0].place"} <= paths and "people[1].name" not in paths


def test_text_that_skipped_the_check_still_stops_at_the_line():
    pdf = TypesetPDF(page=LETTER_PAGE, language="en", direction="ltr", texts=["abc"])
    pdf.add_page()
    pdf.use_font("serif", "", 10)
    with pytest.raises(InvalidInput, match="U\\+E000"):
        pdf.multi_cell(0, 5, "x\ue000y", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
