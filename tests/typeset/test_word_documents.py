"""Word documents: A4, the document's language, fonts per script, honest properties."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn
from typeset_fixtures import ARABIC_ORG, LATIN_NAME, NAMES, arabic_letter, many_scripts_letter

from amparo.drafting import render
from amparo.typeset.version import amparo_version
from amparo.typeset.word import add_text, new_word_document


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def _default_lang(d) -> dict[str, str]:
    lang = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    return {k.split("}")[1]: v for k, v in lang.attrib.items()}


def _new(language: str, direction: str = "ltr"):
    d = new_word_document(title="t", subject="s", author="a", keywords="", language=language,
                          day=date(2026, 11, 28), direction=direction)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_a4_paper_with_the_letter_margins():
    section = _open(render(many_scripts_letter(), "docx")).sections[0]
    size = section._sectPr.find(qn("w:pgSz"))
    assert (size.get(qn("w:w")), size.get(qn("w:h"))) == ("11906", "16838")  # A4 in twips, as Word writes it
    assert round(section.left_margin.mm) == 25 and round(section.top_margin.mm) == 22


@pytest.mark.parametrize(("language", "val", "east_asia", "bidi"), [
    ("fr", "fr-FR", "zh-CN", "ar-SA"),
    ("es", "es-ES", "zh-CN", "ar-SA"),
    ("ru", "ru-RU", "zh-CN", "ar-SA"),
    ("zh", "zh-CN", "zh-CN", "ar-SA"),
    ("ar", "ar-SA", "zh-CN", "ar-SA"),
    ("en", "en-GB", "zh-CN", "ar-SA"),
    ("he", "he-IL", "zh-CN", "he-IL"),
    ("pt_BR", "pt-BR", "zh-CN", "ar-SA"),
])
def test_the_language_is_set_on_the_defaults_and_the_styles(language, val, east_asia, bidi):
    d = _open(_new(language))
    assert _default_lang(d) == {"val": val, "eastAsia": east_asia, "bidi": bidi}
    normal = d.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert normal.get(qn("w:val")) == val
    assert d.core_properties.language == val


def test_no_thumbnail_and_properties_that_say_amparo():
    data = render(many_scripts_letter(), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        rels = z.read("_rels/.rels").decode()
        app = z.read("docProps/app.xml").decode()
    assert not any("thumbnail" in n for n in names) and "thumbnail" not in rels
    assert f"<Application>Amparo {amparo_version()}</Application>" in app
    assert "Microsoft" not in app
    assert re.search(r"<AppVersion>\d\d\.\d{4}</AppVersion>", app)  # the XX.YYYY form Office reads
    assert "<Company" not in app and "<Template" not in app


def test_each_script_gets_its_font_and_the_text_reads_back_whole():
    d = _open(render(many_scripts_letter(), "docx"))
    text = "\n".join(p.text for p in d.paragraphs)
    for name in (*NAMES.values(), ARABIC_ORG):
        assert name in text
    runs = {r.text: r for p in d.paragraphs for r in p.runs}
    cjk = next(r for t, r in runs.items() if NAMES["zh"] in t)
    assert cjk._r.rPr.rFonts.get(qn("w:eastAsia")) == "WenQuanYi Micro Hei"
    arabic = next(r for t, r in runs.items() if t == NAMES["ar"])
    assert arabic._r.rPr.find(qn("w:rtl")) is not None
    assert arabic._r.rPr.rFonts.get(qn("w:cs")) == "Amiri"
    hindi = next(r for t, r in runs.items() if t == NAMES["hi"])
    assert hindi._r.rPr.rFonts.get(qn("w:cs")) == "Lohit Devanagari"
    hebrew = next(r for t, r in runs.items() if t == NAMES["he"])
    assert hebrew._r.rPr.rFonts.get(qn("w:cs")) == "DejaVu Sans"
    # The comma after an Arabic name is not part of the right-to-left run.
    assert not any(t.startswith(",") and r._r.rPr is not None and r._r.rPr.find(qn("w:rtl")) is not None
                   for t, r in runs.items())
    defaults = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).rFonts
    assert defaults.get(qn("w:eastAsia")) == "WenQuanYi Micro Hei" and defaults.get(qn("w:cs")) == "Amiri"
    assert defaults.get(qn("w:eastAsiaTheme")) is None  # a theme font would win over the named one


def test_an_arabic_letter_has_right_to_left_paragraphs_and_section():
    d = _open(render(arabic_letter(), "docx"))
    body = [p for p in d.paragraphs if p.text]
    assert body and all(p._p.pPr.find(qn("w:bidi")) is not None for p in body)
    assert d.sections[0]._sectPr.find(qn("w:bidi")) is not None
    assert _default_lang(d)["bidi"] == "ar-SA"
    latin = next(r for p in d.paragraphs for r in p.runs if LATIN_NAME in r.text)
    assert latin._r.rPr is None or latin._r.rPr.find(qn("w:rtl")) is None  # a Latin name runs left to right
    # w:bidi sits before w:jc, where the schema puts it (Word rejects the file otherwise).
    tags = [c.tag for c in body[0]._p.pPr]
    if qn("w:jc") in tags:
        assert tags.index(qn("w:bidi")) < tags.index(qn("w:jc"))


def test_bold_reaches_complex_scripts():
    d = docx.Document()
    p = d.add_paragraph()
    add_text(p, f"{NAMES['ar']} and Latin", bold=True)
    arabic, latin = p.runs
    assert arabic._r.rPr.find(qn("w:bCs")) is not None and arabic.bold
    assert latin.bold and latin.text == " and Latin"
