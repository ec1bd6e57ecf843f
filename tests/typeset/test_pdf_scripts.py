"""PDF letters in every script: each name extracts whole and in order, in embedded fonts."""

from __future__ import annotations

import re

from typeset_fixtures import (
    ARABIC_ORG,
    LATIN_NAME,
    NAMES,
    arabic_letter,
    letter,
    many_scripts_letter,
    pdf_fonts,
    pdf_text,
    words_with_x,
)

from amparo.drafting import render
from amparo.drafting.document import Section
from amparo.typeset import pdf as typeset_pdf


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_name_comes_back_from_pdftotext_in_logical_order():
    text = _flat(pdf_text(render(many_scripts_letter(), "pdf")))
    for lang, name in NAMES.items():
        assert f"{name}, a human rights defender" in text, f"{lang} name lost or out of order"
    assert f"a member of the {ARABIC_ORG}, who were" in text  # Arabic inside an English sentence


def test_every_font_is_embedded_with_a_subset_tag_of_its_own():
    fonts = pdf_fonts(render(many_scripts_letter(), "pdf"))
    names = [f["name"] for f in fonts]
    assert all(f["emb"] == "yes" and f["sub"] == "yes" and f["uni"] == "yes" for f in fonts), fonts
    tags = [n.split("+")[0] for n in names]
    assert all(re.fullmatch("[A-Z]{6}", t) for t in tags), names
    assert len(set(tags)) == len(tags), names  # PDF 1.7 §9.6.4: one tag per subset
    faces = {n.split("+")[1] for n in names}
    assert {"Amiri", "LohitDevanagari", "WenQuanYiMicroHei", "DejaVuSerifBook"} <= faces


def test_a_letter_in_latin_script_embeds_dejavu_only():
    doc = letter(sections=(Section("Purpose", ("We write about Zofia Kowalczyk.",)),))
    faces = {f["name"].split("+")[1] for f in pdf_fonts(render(doc, "pdf"))}
    assert faces and all(face.startswith("DejaVu") for face in faces), faces


def test_an_arabic_letter_runs_right_to_left_with_a_latin_name_inside():
    doc = arabic_letter()
    data = render(doc, "pdf")
    text = _flat(pdf_text(data))
    assert "نكتب إليكم بشأن" in text and "التي اعتقلت بعد مشاركتها" in text
    assert LATIN_NAME in text and NAMES["ar"] in text
    assert "أعمال التخويف والانتقام" in text  # Amiri's kerning once read as "التخو يف"
    # pdftotext -bbox gives each word as drawn, Arabic letters in visual order. In a
    # right-to-left paragraph the first word read is the right-most of its line, and the
    # Latin name inside it runs left to right, to the left of the words before it.
    words = [(w[::-1] if any("\u0600" <= c <= "\u06ff" for c in w) else w, x, y)
             for w, x, y in words_with_x(data)]
    first = next(w for w in words if w[0] == "نكتب")
    line = [w for w in words if abs(w[2] - first[2]) < 8]
    assert max(x for _, x, _ in line) == first[1]
    given = next(x for w, x, _ in line if w == "Halina")
    family = next(x for w, x, _ in line if w == "Wróblewska")
    about = next(x for w, x, _ in line if w == "بشأن")
    assert given < family < about < first[1]
    fonts = pdf_fonts(data)
    assert all(f["emb"] == "yes" for f in fonts)
    tags = [f["name"].split("+")[0] for f in fonts]
    assert len(set(tags)) == len(tags)


def test_a_devanagari_name_is_not_cut_by_its_vowel_sign():
    """HarfBuzz draws ि before its consonant; the text must still read प्रिया, not प्रि या."""
    doc = letter(sections=(Section("People", items=("किरण, अमित कुमार and दीपिका were detained.",)),))
    text = _flat(pdf_text(render(doc, "pdf")))
    assert "किरण, अमित कुमार and दीपिका were detained." in text


def test_fonts_are_shared_between_documents_and_each_keeps_its_own_subset():
    assert typeset_pdf.SHARING, "fpdf2 changed: fonts are parsed again for every document"
    first = render(letter(sections=(Section("People", items=("温家明 and 李华",)),)), "pdf")
    second = render(letter(sections=(Section("People", items=("王丽 and 张伟",)),)), "pdf")
    # The subsetter cuts the font it is given: had it cut the shared one, the second
    # document would lose glyphs the first did not use.
    assert "温家明 and 李华" in pdf_text(first)
    assert "王丽 and 张伟" in pdf_text(second)
    assert "王丽" not in pdf_text(first)


def test_document_information_names_nobody_and_says_amparo(tmp_path):
    import subprocess

    doc = many_scripts_letter()
    path = tmp_path / "x.pdf"
    path.write_bytes(render(doc, "pdf"))
    info = subprocess.run(["pdfinfo", "-enc", "UTF-8", str(path)], capture_output=True, check=True,
                          text=True).stdout
    assert doc.metadata.title in info and "Amparo" in info
    assert re.search(r"Page size: +595.2\d* x 841.89 pts \(A4\)", info)
    for name in (*NAMES.values(), ARABIC_ORG):
        assert name not in info


def test_a_style_whose_face_is_not_installed_is_set_upright():
    from amparo.typeset import LETTER_PAGE, TypesetPDF

    pdf = TypesetPDF(page=LETTER_PAGE, language="en", direction="ltr", texts=["text"])
    pdf.fonts.pop("serifI", None)  # as on a machine without fonts-dejavu-extra
    pdf.add_page()
    pdf.use_font("serif", "I", 10)
    assert pdf.current_font.fontkey == "serif"
    pdf.use_font("serif", "BI", 10)
    assert pdf.current_font.fontkey in ("serifBI", "serifB")


def test_documents_rendered_at_once_in_threads_are_those_rendered_one_by_one():
    """The web app renders in a thread pool: shared fonts must not mix two documents."""
    from concurrent.futures import ThreadPoolExecutor

    docs = [many_scripts_letter(), arabic_letter(),
            letter(sections=(Section("People", items=("王丽 and 张伟", "Zofia Kowalczyk")),))] * 2
    alone = [render(d, "pdf") for d in docs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda d: render(d, "pdf"), docs))
    assert together == alone
