"""The contribution to the Secretary-General's report is set as the letters are."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn
from typeset_fixtures import ARABIC_ORG, NAMES, pdf_fonts, pdf_text

from amparo.model.errors import InvalidInput
from amparo.reporting import render_contribution
from amparo.reporting.contribution import Contribution, CountrySection, DescribedCase, FollowUp


def _contribution(acts: str = f"{NAMES['zh']} was detained; {ARABIC_ORG} was closed.") -> Contribution:
    case = DescribedCase(heading=f"Case of {NAMES['zh']}", country="CN", cooperation=("Spoke at the HRC.",),
                       acts=(acts,), link=("Questions about Geneva.",), steps=("A complaint.",),
                       un_documents="None known.")
    follow = FollowUp(heading=f"Case of {NAMES['ru']}", country="RU", earlier="Reported in 2025.",
                      changes=(f"{NAMES['hi']} was released.",))
    return Contribution(title="Contribution of Test Network", start=date(2025, 5, 1), end=date(2026, 4, 30),
                        prepared_on=date(2026, 5, 10), intro=("We submit these cases.",),
                        countries=(CountrySection("CN", "China", (case,)),), follow_ups=(follow,),
                        figures=("1 case",))


def test_the_pdf_shows_every_script_in_embedded_fonts_with_their_own_tags():
    data = render_contribution(_contribution(), "pdf")
    text = " ".join(pdf_text(data).split())
    for name in (NAMES["zh"], NAMES["ru"], NAMES["hi"], ARABIC_ORG):
        assert name in text
    fonts = pdf_fonts(data)
    tags = [f["name"].split("+")[0] for f in fonts]
    assert all(f["emb"] == "yes" for f in fonts) and len(set(tags)) == len(tags)


def test_an_uncovered_character_is_refused_with_its_path():
    with pytest.raises(InvalidInput) as exc:
        render_contribution(_contribution(acts="Detained at \ue000 airport."), "pdf")
    assert exc.value.problems[0].path == "countries[0].cases[0].acts[0]"
    assert "airport" not in str(exc.value)


def test_the_docx_is_a4_in_british_english_without_thumbnail():
    c = _contribution()
    data = render_contribution(c, "docx")
    d = docx.Document(io.BytesIO(data))
    size = d.sections[0]._sectPr.find(qn("w:pgSz"))
    assert (size.get(qn("w:w")), size.get(qn("w:h"))) == ("11906", "16838")
    lang = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not any("thumbnail" in n for n in z.namelist())
        assert "Amparo" in z.read("docProps/app.xml").decode()
    text = "\n".join(p.text for p in d.paragraphs)
    assert NAMES["zh"] in text and ARABIC_ORG in text
    assert d.core_properties.title == c.title


def test_the_docx_of_a_contribution_without_cases_still_opens():
    c = replace(_contribution(), countries=(), follow_ups=())
    d = docx.Document(io.BytesIO(render_contribution(c, "docx")))
    assert any("No case described in this period." in p.text for p in d.paragraphs)
