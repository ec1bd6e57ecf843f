"""A letter in each of the six UN languages, in every format, read back as its reader would.

The people are named in Arabic, Chinese and Cyrillic script, so every letter mixes scripts and
directions. pdftotext must give the names and the body's name back in logical order (the
order they are typed in), which is what a search, a copy-paste or a screen reader gets; the
DOCX must say right to left and the complex-script language for Arabic; the e-mail must parse
under the strict policy.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
import zipfile
from datetime import date
from email import policy
from email.parser import BytesParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from amparo.drafting import LETTER_FORMATS, build_document, render
from amparo.knowledge import load
from amparo.language import Language
from amparo.model.case import Case, ConsentRecord, Engagement, Person, Reprisal, Writer
from amparo.model.consent import Consent
from amparo.model.languages import LANGUAGES

KB = load()
NAMES = ("ليلى حداد", "王秀英", "Анна Смирнова")
CAT = {"ar": "لجنة مناهضة التعذيب", "zh": "禁止酷刑委员会", "en": "Committee against Torture",
       "fr": "Comité contre la torture", "ru": "Комитет против пыток", "es": "Comité contra la Tortura"}
# The date of the letter as each language writes it (CLDR, through Babel).
DATES = {"ar": "28 نوفمبر 2026", "zh": "2026年11月28日", "en": "28 November 2026",
         "fr": "28 novembre 2026", "ru": "28 ноября 2026 г.", "es": "28 de noviembre de 2026"}


def _case() -> Case:
    record = ConsentRecord(given_on=date(2026, 6, 1), method="in-person", recorded_by="cw")
    people = tuple(
        Person(ref=f"p{i}", name=name, role=role, gender=gender, location="in-country",
               consent=Consent.up_to("public-named"), consent_record=record)
        for i, (name, role, gender) in enumerate(
            zip(NAMES, ("defender", "lawyer", "journalist"), ("woman", "woman", "woman"), strict=True), start=1))
    return Case(
        id="case-six", title="Six languages", country="BI", people=people, fictional=True,
        engagements=(Engagement(body="tb:CAT", kind="written-submission", date=date(2026, 5, 2),
                                people=("p1", "p2", "p3")),),
        reprisals=(Reprisal(type="arbitrary-detention", date=date(2026, 7, 1), people=("p1", "p2", "p3"),
                            perpetrator="police"),),
        writer=Writer(name="Test Network (fictional)", capacity="NGO", contact="a secure channel"),
    )


def _flat(text: str) -> str:
    # pdftotext marks each run of right-to-left text with invisible embedding controls
    # (U+202A–U+202C); a reader does not see them, and they are not part of the words.
    return re.sub(r"\s+", " ", re.sub("[\u202a-\u202e\u2066-\u2069]", "", text))


def _pdftotext(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "letter.pdf"
        path.write_bytes(data)
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                              capture_output=True).stdout.decode("utf-8")


def _text(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        return _pdftotext(data)
    if fmt == "docx":
        return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    if fmt == "eml":
        message = BytesParser(policy=policy.strict).parsebytes(data)
        return "\n".join(part.get_content() for part in message.walk() if part.get_content_type() == "text/plain")
    return data.decode("utf-8")


@pytest.fixture(scope="module")
def letters(today_module):
    return {lang: build_document(_case(), KB.avenue("tb:CAT"), language=lang, today=today_module)
            for lang in LANGUAGES}


@pytest.fixture(scope="module")
def today_module() -> date:
    return date(2026, 11, 28)


@pytest.mark.parametrize("fmt", LETTER_FORMATS)  # the questionnaire: tests/drafting
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_in_every_format_reads_back_in_logical_order(letters, lang, fmt):
    text = _flat(_text(fmt, render(letters[lang], fmt)))
    # Words and names come back in the order they were typed, in every format.
    assert CAT[lang] in text, (lang, fmt)
    for name in NAMES:
        assert name in text, (lang, fmt, name)
    if fmt == "pdf" and (lang == "ar" or lang == "zh"):
        # Known limit of extraction, not of the page: pdftotext rebuilds the order of digits
        # and punctuation at the edges of a right-to-left run from the glyphs' positions
        # ("28نوفمبر 2026"), and splits a right-to-left name inside a Chinese line. The
        # page itself reads correctly (checked on the rendered image); words stay whole.
        assert all(part in text for part in DATES[lang].split()), (lang, fmt)
        return
    assert DATES[lang] in text, (lang, fmt)
    # The names are listed the way the language lists things (CLDR): 、和 in Chinese, و in Arabic.
    listed = Language(lang).join(list(NAMES))
    assert listed in text, (lang, fmt, listed)


def test_an_arabic_docx_runs_right_to_left_with_arabic_as_complex_script_language(letters):
    data = render(letters["ar"], "docx")
    document = docx.Document(io.BytesIO(data))
    body = [p for p in document.paragraphs if p.text.strip()]
    assert body and all(p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None for p in body)
    assert document.sections[0]._sectPr.find(qn("w:bidi")) is not None
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert 'w:bidi="ar-SA"' in styles and 'w:val="ar-SA"' in styles
    assert document.core_properties.language == "ar-SA"


@pytest.mark.parametrize("lang", ["zh", "ru"])
def test_a_chinese_or_russian_docx_is_left_to_right_and_says_its_language(letters, lang):
    data = render(letters[lang], "docx")
    document = docx.Document(io.BytesIO(data))
    assert document.core_properties.language == {"zh": "zh-CN", "ru": "ru-RU"}[lang]
    assert all(p._p.pPr is None or p._p.pPr.find(qn("w:bidi")) is None for p in document.paragraphs)


def test_an_arabic_pdf_embeds_an_arabic_font_and_reads_right_to_left(letters, tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_bytes(render(letters["ar"], "pdf"))
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True).stdout.decode()
    assert "Amiri" in fonts
    # Each Arabic line comes out in logical order: the subject line starts with its label
    # (the rightmost word on the page), not with the end of the subject.
    lines = [line.strip() for line in _pdftotext(path.read_bytes()).splitlines() if line.strip()]
    assert any(_flat(line).startswith("الموضوع") for line in lines), lines[:20]
