"""Each format opens in the tool people use, in every language, with consent-safe metadata."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import zipfile
from email import policy
from email.parser import BytesParser

import docx
import pytest
from docx.oxml.ns import qn
from drafting_files import pdf_text
from drafting_fixtures import AVENUES, CONFIDENTIAL, PUBLIC, WITHHELD, evidence, three_people_case

from amparo.drafting import build_document, render, suggested_filename
from amparo.language import i18n
from amparo.model.consent import Consent
from amparo.model.errors import ConsentRefused, InvalidInput

#: A public-named person for each script the PDF fonts must cover.
SCRIPT_NAMES = ("温家明", "فاطمة الزهراء", "Анна Смирнова", "प्रिया शर्मा", "Γιώργος Παπαδάκης")

HEADINGS = {"en": "Acts of intimidation and reprisal", "fr": "Actes d'intimidation et de représailles",
            "es": "Actos de intimidación y represalia"}


def _doc(today, lang="en", avenue="sg:senior-official"):
    return build_document(three_people_case(), AVENUES[avenue], language=lang, today=today,
                          evidence=evidence())


def test_eml_parses_into_headers_body_and_only_the_allowed_attachment(today):
    doc = _doc(today)
    ok = next(a for a in doc.attachments if a.attach)
    data = render(doc, "eml", attachments=[(ok.filename, ok.media_type, b"%PDF-1.4 x")])
    msg = BytesParser(policy=policy.default).parsebytes(data)
    assert msg["To"].addresses[0].addr_spec == "reprisals@ohchr.org"
    assert msg["Subject"] == doc.subject and msg["Date"]
    assert msg.get_content_type() == "multipart/mixed"
    parts = list(msg.iter_parts())
    assert parts[0].get_content_type() == "text/plain"
    assert PUBLIC in parts[0].get_content() and CONFIDENTIAL in parts[0].get_content()
    assert [p.get_filename() for p in parts[1:]] == ["arrest-warrant.pdf"]
    assert parts[1].get_content() == b"%PDF-1.4 x"
    headers = " ".join(f"{k}: {v}" for k, v in msg.items())
    assert WITHHELD.split()[1] not in headers


def test_eml_refuses_to_attach_a_file_that_names_a_withheld_person(today):
    # A file showing the person a public text only describes is listed, not attached.
    case = three_people_case()
    people = tuple(dataclasses.replace(p, consent=Consent.up_to("public-anonymous")) if p.ref == "p2" else p
                   for p in case.people)
    shows_p2 = dataclasses.replace(evidence()[0], id="ev3", filename="hearing.pdf", names_people=("p2",))
    doc = build_document(dataclasses.replace(case, people=people), AVENUES["sg:report"], action="named-case",
                         today=today, evidence=(*evidence(), shows_p2))
    described = next(a for a in doc.attachments if not a.attach)
    assert described.evidence_id == "ev3"
    with pytest.raises(ConsentRefused) as exc:
        render(doc, "eml", attachments=[(described.filename, "application/pdf", b"x")])
    assert "Brzezinski" not in str(exc.value)
    # A file about the person the letter leaves out is not even listed: it cannot be attached.
    with pytest.raises(InvalidInput):
        render(doc, "eml", attachments=[("Zofia_Kowalczyk_statement.pdf", "application/pdf", b"x")])


def test_eml_without_an_email_channel_has_no_to_and_warns_the_sender_not_the_recipient(today):
    doc = _doc(today, avenue="tb:CAT")
    msg = BytesParser(policy=policy.default).parsebytes(render(doc, "eml"))
    assert msg["To"] is None and msg["X-Amparo-Note"] is None
    assert any("No email address is known" in w for w in doc.warnings)
    # The letter itself carries no placeholder for the missing address.
    assert not any("no address" in p.casefold() for p in doc.text_parts())


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_pdf_renders_a_page_and_its_text_extracts(lang, today, tmp_path):
    doc = _doc(today, lang)
    data = render(doc, "pdf")
    (tmp_path / "x.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(tmp_path / "x.pdf"),
                    str(tmp_path / "p")], check=True)
    png = next(tmp_path.glob("p*.png")).read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 2000
    text = " ".join(pdf_text(data).split())
    assert HEADINGS[lang] in text and PUBLIC in text
    assert "1/" in text  # page numbers "1/N"
    info = subprocess.run(["pdfinfo", str(tmp_path / "x.pdf")], capture_output=True, check=True).stdout
    assert doc.metadata.title.encode() in info and b"Kowalczyk" not in info


@pytest.mark.parametrize(("lang", "tag"), [("en", "en-GB"), ("fr", "fr-FR"), ("es", "es-ES")])
def test_docx_opens_and_round_trips_the_text(lang, tag, today):
    doc = _doc(today, lang)
    data = render(doc, "docx")
    d = docx.Document(io.BytesIO(data))
    size = d.sections[0]._sectPr.find(qn("w:pgSz"))
    assert (size.get(qn("w:w")), size.get(qn("w:h"))) == ("11906", "16838")  # A4, not US Letter
    assert d.core_properties.language == tag
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert f'w:val="{tag}"' in styles and 'w:val="en-US"' not in styles
    text = "\n".join(p.text for p in d.paragraphs)
    for section in doc.sections:
        assert section.heading in text
        for item in section.items:
            assert item in text
    assert d.core_properties.title == doc.metadata.title
    assert d.core_properties.author == doc.metadata.author
    assert any(p.style.name == "List Number" for p in d.paragraphs)


def test_markdown_keeps_user_text_literal(today):
    case = three_people_case()
    import dataclasses
    rep = dataclasses.replace(case.reprisals[0], description="*bold* <script>x</script>")
    case = dataclasses.replace(case, reprisals=(rep, *case.reprisals[1:]))
    md = render(build_document(case, AVENUES["tb:CAT"], today=today), "md").decode()
    assert r"\*bold\* \<script\>" in md


def test_suggested_filename_names_nobody(today):
    doc = _doc(today)
    name = suggested_filename(doc, "pdf")
    assert name == "case-7-sg-senior-official-en-2026-11-28.pdf"


def test_a_new_catalog_folder_adds_a_language_with_rtl_pdf(today, tmp_path, monkeypatch):
    """Arabic arrives as a folder, no code: direction and dates come from CLDR."""
    for code in ("en", "fr", "es"):
        shutil.copytree(i18n.LOCALE_DIR / code, tmp_path / code)
    po = (i18n.LOCALE_DIR / "en" / "LC_MESSAGES" / "amparo.po").read_text()
    po = po.replace('"Language: en_GB\\n"', '"Language: ar\\n"').replace(
        'msgid "Acts of intimidation and reprisal"\nmsgstr ""',
        'msgid "Acts of intimidation and reprisal"\nmsgstr "أعمال التخويف والانتقام"')
    (tmp_path / "ar" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "ar" / "LC_MESSAGES" / "amparo.po").write_text(po)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n._translations.cache_clear()
    try:
        assert "ar" in i18n.available_languages()
        doc = _doc(today, "ar")
        assert doc.direction == "rtl"
        assert "أعمال التخويف والانتقام" in [s.heading for s in doc.sections]
        text = pdf_text(render(doc, "pdf"))
        assert "التخويف" in text  # shaped Arabic still extracts as the same letters
        d = docx.Document(io.BytesIO(render(doc, "docx")))
        assert all(p._p.pPr.find(qn("w:bidi")) is not None for p in d.paragraphs if p.text)
        assert d.core_properties.language == "ar-SA"
    finally:
        i18n._translations.cache_clear()


def _case_named_in_every_script():
    case = three_people_case()
    people = tuple(dataclasses.replace(p, name=name, consent=Consent.up_to("public-named"))
                   for p, name in zip(case.people, SCRIPT_NAMES, strict=False))
    extra = tuple(dataclasses.replace(case.people[2], ref=f"p{i}", name=name)
                  for i, name in enumerate(SCRIPT_NAMES[3:], 4))
    rep = dataclasses.replace(case.reprisals[0], people=tuple(p.ref for p in (*people, *extra)),
                              description="They were arrested at the airport.")
    return dataclasses.replace(case, people=(*people, *extra), reprisals=(rep,), steps_taken=(),
                               engagements=(dataclasses.replace(case.engagements[0], description=None),))


def test_a_letter_naming_people_in_five_scripts_prints_every_name(today, tmp_path):
    doc = build_document(_case_named_in_every_script(), AVENUES["sg:senior-official"], today=today)
    data = render(doc, "pdf")
    text = " ".join(pdf_text(data).split())
    for name in SCRIPT_NAMES:
        assert name in text, "a name is blank, split or out of order in the PDF"
    (tmp_path / "x.pdf").write_bytes(data)
    fonts = subprocess.run(["pdffonts", str(tmp_path / "x.pdf")], capture_output=True, check=True,
                           text=True).stdout.splitlines()[2:]
    tags = [line.split()[0].split("+")[0] for line in fonts]
    assert all(re.fullmatch("[A-Z]{6}", t) for t in tags) and len(set(tags)) == len(tags)
    assert all(line.split()[-5] == "yes" for line in fonts)  # every font embedded
