"""The contribution in each of the six UN languages, in each format (issue 18): the same
consent gate and the same suppression of small counts, its words, dates, numbers and
lists in the document's language (Babel, CLDR), Arabic right to left in DOCX and PDF."""

from __future__ import annotations

import re
import subprocess

import pytest
from reporting_fixtures import DESCRIBED, END, PUBLIC_NAMES, SECRETS, START
from reporting_readers import docx_text

from amparo.language import Language

LANGUAGES = ("fr", "es", "ar", "zh", "ru")
FORMATS = ("pdf", "docx", "md")


@pytest.fixture(scope="module")
def documents(workspace):
    ws, _ = workspace
    return {lang: ws.reports.contribution_document(START, END, charts=False, language=lang)
            for lang in ("en", *LANGUAGES)}


@pytest.fixture(scope="module")
def rendered(workspace):
    ws, _ = workspace
    return {(lang, fmt): ws.reports.contribution(START, END, fmt=fmt, language=lang)
            for lang in LANGUAGES for fmt in FORMATS}


def _visible(fmt: str, data: bytes, tmp_path) -> str:
    if fmt == "pdf":
        path = tmp_path / "c.pdf"
        path.write_bytes(data)
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    if fmt == "docx":
        return " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", docx_text(data)))
    return data.decode("utf-8")


def _english_sentences(english) -> set[str]:
    """The document's own English words (not the user's text): headings, labels, figures."""
    words = english.words
    return {words.figures, words.countries, words.follow_ups, words.cooperation, words.acts, words.steps,
            words.un_documents, *english.intro, *(f.split(":")[0] for f in english.figures)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_same_cases_are_described_and_withheld_in_every_language(documents, lang):
    english, other = documents["en"], documents[lang]
    assert other.language == lang and other.withheld == english.withheld == 3
    assert [len(s.cases) for s in other.countries] == [len(s.cases) for s in english.countries]
    assert sum(len(s.cases) for s in other.countries) == len(DESCRIBED)
    assert len(other.follow_ups) == len(english.follow_ups)
    text = " ".join(other.text_parts())
    for secret in SECRETS:
        assert secret.casefold() not in text.casefold(), secret
    for name in PUBLIC_NAMES:
        assert name in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_english_sentence_of_the_document_is_left(documents, lang):
    english, other = documents["en"], documents[lang]
    text = " ".join(other.text_parts())
    left = sorted(s for s in _english_sentences(english) if s and s in text)
    assert not left, left
    assert english.title != other.title and Language(lang).date(END) in other.title


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_gives_the_text_back_in_its_language(rendered, documents, lang, fmt, tmp_path):
    text = " ".join(_visible(fmt, rendered[lang, fmt], tmp_path).split())
    document = documents[lang]
    for expected in (document.words.countries, document.words.figures, document.figures[-2].split(" ")[0]):
        assert " ".join(expected.split()) in text, (expected, text[:400])
    english = documents["en"].words
    for heading in (english.countries, english.follow_ups, english.figures):
        assert heading not in text
    for secret in SECRETS:
        assert secret.casefold() not in text.casefold(), secret


def test_arabic_runs_right_to_left_in_docx_and_pdf(rendered, tmp_path):
    xml = docx_text(rendered["ar", "docx"])
    assert "<w:bidi/>" in xml or '<w:bidi w:val="1"/>' in xml or "w:bidi " in xml
    assert 'w:val="ar' in xml  # the language of the runs
    text = _visible("pdf", rendered["ar", "pdf"], tmp_path)
    assert "الحالات حسب البلد" in text  # pdftotext gives the Arabic back in logical order


def test_numbers_and_lists_follow_the_language(documents):
    zh, ar, fr = documents["zh"], documents["ar"], documents["fr"]
    assert all("; " not in f for f in zh.figures)  # Chinese punctuation in the figures
    # Dates as each language writes them (CLDR), in the title.
    assert "30 avril 2026" in fr.title and "2026年4月30日" in zh.title
    assert ar.direction == "rtl" and documents["fr"].direction == "ltr"
