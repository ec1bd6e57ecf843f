"""A draft in each language and every format gives its text back in the order it was written.

What a reader copies, a search engine indexes and a screen reader speaks is the extracted
text, not the picture of the page. In a right-to-left letter the glyphs are stored where
they are drawn, and pdftotext rebuilds the reading order: the digits of a date or a case
reference next to Arabic words are where that goes wrong. Each printed field is compared
with what pdftotext returns as its letters and digits in order (spaces are left out: where
pdftotext puts a space at the edge of an Arabic run is its own guess: amparo.typeset.extraction
explains its rule); the date, the case reference and each name are also compared
word by word.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn
from drafting_files import pdf_text
from drafting_fixtures import AVENUES, CONFIDENTIAL, PUBLIC, evidence, three_people_case
from fpdf.bidi import BidiParagraph
from fpdf.enums import TextDirection

from amparo.drafting import build_document, render
from amparo.drafting.render_pdf import printed_fields
from amparo.typeset.extraction import RLM, mark_runs

LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru")
TODAY = date(2026, 11, 28)
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+")
#: A word: a run of one script's letters, or of digits (pdftotext may glue an Arabic word
#: to the number beside it when it misplaces the space between them).
WORD = re.compile(r"\d+|[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+|[^\W\d_\u0600-\u06ff]+")


def _letter(lang: str, avenue: str = "tb:CAT"):
    return build_document(three_people_case(), AVENUES[avenue], language=lang, today=TODAY, evidence=evidence())


def skeleton(text: str) -> str:
    """The letters and digits of ``text`` in order, case folded (a plain-text heading is in
    capitals), without spaces, punctuation, marks or vowel signs."""
    return "".join(c for c in unicodedata.normalize("NFC", text).casefold() if unicodedata.category(c)[0] in "LN")


def words(text: str) -> list[str]:
    """The words of ``text`` in order, without vowel signs (pdftotext moves a shadda about)."""
    bare = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in text.translate(BIDI_CONTROLS)
                   if unicodedata.category(c) != "Mn")
    return WORD.findall(bare)


def _in_order(needle: list[str], hay: list[str]) -> bool:
    return any(hay[i:i + len(needle)] == needle for i in range(len(hay) - len(needle) + 1))


def _fields(doc) -> list[tuple[str, str]]:
    return [(path, text) for path, text in printed_fields(doc)
            if skeleton(text) and not path.startswith("labels.") and path != "case_id"]


@pytest.mark.parametrize("avenue", ["tb:CAT", "sg:senior-official", "sp:human-rights-defenders"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdftotext_gives_every_field_back_in_logical_order(lang, avenue):
    doc = _letter(lang, avenue)
    extracted = skeleton(pdf_text(render(doc, "pdf")))
    out_of_order = [(path, text[:60]) for path, text in _fields(doc) if skeleton(text) not in extracted]
    assert out_of_order == []


def test_an_arabic_letter_gives_back_its_date_case_reference_and_names_word_by_word():
    doc = _letter("ar", "sg:senior-official")  # confidential: it names both people who consent
    assert doc.direction == "rtl"
    extracted = words(pdf_text(render(doc, "pdf")))
    assert _in_order(words(doc.date_text), extracted), doc.date_text
    assert _in_order(words(doc.date_text), ["28", "نوفمبر", "2026"])
    assert _in_order(words(f"{doc.labels['case']} {doc.case_id}"), extracted)
    for name in (PUBLIC, CONFIDENTIAL):
        assert _in_order(words(name), extracted), name
    # A numbered item: its number, then the date it starts with ("1. 20 مايو 2026", not "20 .1").
    numbered = next(s for s in doc.sections if s.numbered and s.items)
    assert _in_order(["1", *words(numbered.items[0])[:3]], extracted)


def test_an_arabic_letter_uses_the_digits_of_un_arabic_documents():
    # United Nations documents in Arabic write numbers in European digits (0-9), as CLDR's
    # "latn" numbering for Arabic does; Arabic-Indic digits would make the dates and the
    # document symbols of the letter differ from those of the UN documents it cites.
    doc = _letter("ar")
    text = "\n".join(t for _, t in printed_fields(doc))
    assert "2026" in doc.date_text
    assert not re.search("[\u0660-\u0669\u06f0-\u06f9]", text)


@pytest.mark.parametrize("text", [
    "1 يوليو 2026، the capital: احتجاز تعسفي",
    "(مرجعنا: case-7)",
    "20 مايو 2026: تهديدات. المستهدَفان: شخص آخر وTomasz Brzezinski",
    "مجلس حقوق الإنسان (Human Rights Council, 62nd session). المشارك: Halina Wróblewska",
    "بعد 18 يومًا من تقديم كتابي في 2 مايو 2026، 3، 4.",
    "نسبة 50% من 1,000 في 2026/11/28",
])
def test_the_marks_that_keep_extraction_in_order_leave_the_line_as_it_was_drawn(text):
    marked = mark_runs(text)
    assert marked.replace(RLM, "") == text

    def drawn(s: str) -> str:
        return BidiParagraph(s, TextDirection.RTL).get_reordered_string().replace(RLM, "")

    assert drawn(marked) == drawn(text)


def test_marks_go_between_a_number_and_the_next_run_only():
    assert mark_runs("1 يوليو 2026، the capital") == f"1 يوليو 2026{RLM}، the capital"
    assert mark_runs("(Human Rights Council, 62nd session)") == "(Human Rights Council, 62nd session)"
    assert mark_runs("28 نوفمبر 2026") == "28 نوفمبر 2026"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_docx_reads_back_in_logical_order_with_right_to_left_paragraphs_in_arabic(lang):
    doc = _letter(lang)
    d = docx.Document(io.BytesIO(render(doc, "docx")))
    paragraphs = [p.text for p in d.paragraphs]
    missing = [(path, text[:60]) for path, text in _fields(doc)
               if path != "subject" and not any(text in p for p in paragraphs)]
    assert missing == []
    assert any(doc.subject in p for p in paragraphs)
    body = [p for p in d.paragraphs if p.text.strip()]
    rtl_paragraphs = [p for p in body if p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None]
    runs = [r for p in body for r in p.runs if r.text.strip()]
    rtl_runs = [r for r in runs if r._r.rPr is not None and r._r.rPr.find(qn("w:rtl")) is not None]
    if lang == "ar":
        assert len(rtl_paragraphs) == len(body)
        # Arabic words are in right-to-left runs, Latin names are not.
        assert all(ARABIC.search(r.text) for r in rtl_runs)
        assert all(r in rtl_runs for r in runs if ARABIC.search(r.text))
        assert any(PUBLIC in r.text for r in runs if r not in rtl_runs)
    else:
        assert rtl_paragraphs == [] and rtl_runs == []


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed: "
                    "make system-deps WITH_LIBREOFFICE=1 converts the DOCX too")
def test_docx_converted_by_libreoffice_gives_the_arabic_text_back_in_order(tmp_path):
    doc = _letter("ar")
    (tmp_path / "letter.docx").write_bytes(render(doc, "docx"))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "letter.docx")], check=True, capture_output=True, timeout=180)
    extracted = words(pdf_text((tmp_path / "letter.pdf").read_bytes()))
    assert _in_order(words(doc.date_text), extracted)
    for name in (PUBLIC, CONFIDENTIAL):
        assert _in_order(words(name), extracted), name


@pytest.mark.parametrize("fmt", ["txt", "md", "eml", "sp-questionnaire"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_formats_keep_every_field_in_logical_order(lang, fmt):
    from email import policy
    from email.parser import BytesParser

    doc = _letter(lang, "sp:human-rights-defenders")
    data = render(doc, fmt)
    if fmt == "eml":
        msg = BytesParser(policy=policy.default).parsebytes(data)
        body = next(p for p in msg.walk() if p.get_content_type() == "text/plain")
        text = body.get_content()
    else:
        text = data.decode("utf-8")
    extracted = skeleton(text)
    if fmt == "sp-questionnaire":
        fields = [(f"questionnaire[{i}]", t) for i, s in enumerate(doc.questionnaire)
                  for t in (s.heading, *s.paragraphs, *s.items)]
    else:
        fields = _fields(doc)
    assert fields
    assert [(path, t[:60]) for path, t in fields if skeleton(t) not in extracted] == []
    assert skeleton(PUBLIC) in extracted


WORD_FINAL_FATHA = "بجوابكَ الحالي، قد يُذكر اسمكَ فيه. يذكّر Amparo الشخصَ المتابع للقضية قبل 30 يومًا."


def _arabic_pdf(text: str) -> bytes:
    from amparo.typeset import LETTER_PAGE, TypesetPDF

    pdf = TypesetPDF(page=LETTER_PAGE, language="ar", direction="rtl", texts=[text])
    pdf.add_page()
    pdf.use_font("serif", "", 10.5)
    pdf.multi_cell(0, 6, text, align="R", new_x="LMARGIN", new_y="NEXT")
    return pdf.render()


def test_vowel_signs_do_not_break_the_extracted_line():
    # A fatha on a word's last letter once made pdftotext read "ك فيه. / ك الحالي، قد يذكر اسم َ / بجواب َ".
    assert words(pdf_text(_arabic_pdf(WORD_FINAL_FATHA))) == words(WORD_FINAL_FATHA)


def test_the_page_with_vowel_signs_is_drawn_as_before(tmp_path, monkeypatch):
    import amparo.typeset.pdf as typeset_pdf

    def png(data: bytes, name: str) -> bytes:
        (tmp_path / f"{name}.pdf").write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(tmp_path / f"{name}.pdf"),
                        str(tmp_path / name)], check=True)
        return (tmp_path / f"{name}.png").read_bytes()

    now = png(_arabic_pdf(WORD_FINAL_FATHA), "now")
    monkeypatch.setattr(typeset_pdf, "has_arabic_marks", lambda text: False)  # fpdf2's own drawing
    assert png(_arabic_pdf(WORD_FINAL_FATHA), "plain") == now


def test_the_arabic_consent_sheet_gives_every_line_back_in_order():
    from amparo.drafting.consent_sheet import build_consent_sheet
    from amparo.drafting.consent_sheet_files import render_consent_sheet
    from amparo.guidance import triage
    from amparo.knowledge import load

    case = three_people_case()
    sheet = build_consent_sheet(case, triage(case, load(), today=TODAY), today=TODAY, review_days=30,
                                language="ar")
    extracted = skeleton(pdf_text(render_consent_sheet(sheet, "pdf")))
    assert [t[:60] for t in sheet.text_parts() if skeleton(t) not in extracted] == []
