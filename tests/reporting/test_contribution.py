"""The contribution: described exactly as consent allows, in every byte of every format."""

from __future__ import annotations

import io
import zipfile

import pytest
from reporting_fixtures import DESCRIBED, END, PUBLIC_NAMES, SECRETS, START
from reporting_readers import docx_text, pdf_text

FORMATS = ("pdf", "docx", "md")


@pytest.fixture(scope="module")
def rendered(workspace) -> dict[str, bytes]:
    ws, _ = workspace
    return {fmt: ws.reports.contribution(START, END, fmt=fmt) for fmt in FORMATS}


@pytest.fixture(scope="module")
def document(workspace):
    ws, _ = workspace
    return ws.reports.contribution_document(START, END, charts=False)


def test_no_withheld_name_or_narrative_in_any_byte_of_any_format(rendered):
    for fmt, data in rendered.items():
        text = {"pdf": pdf_text, "docx": docx_text, "md": lambda b: b.decode("utf-8")}[fmt](data)
        # The scan sees names where consent allows them: it would see a leaked one too.
        assert all(name in " ".join(text.split()) for name in PUBLIC_NAMES), fmt
        for secret in SECRETS:
            assert secret.casefold() not in text.casefold(), (fmt, secret)


def test_pdf_text_shows_named_people_and_the_withheld_count_once(rendered, tmp_path):
    import subprocess

    (tmp_path / "c.pdf").write_bytes(rendered["pdf"])
    text = subprocess.run(["pdftotext", str(tmp_path / "c.pdf"), "-"], capture_output=True,
                          check=True, text=True).stdout
    assert "Anabel Publicnamed" in text
    # Issue 11: the withheld cases are counted once for the whole document (C, D and G),
    # no longer per country and again in the follow-up section.
    flat = " ".join(text.split())
    assert "not counted in any figure): 3." in flat
    assert flat.count("lack of consent") == 1


def test_cases_are_described_or_withheld_by_the_consent_rule(document):
    described = [c for s in document.countries for c in s.cases]
    assert len(described) == len(DESCRIBED)
    # Issue 11: a country whose only cases are withheld no longer gets a section ("China:
    # 2 further cases, not described" told where the withheld cases were); only the
    # document's one withheld count remains.
    assert {s.country for s in document.countries} == {"HN", "GT"}
    assert document.withheld == 3  # C (state only), D (a record about someone without consent), G
    text = "\n".join(document.text_parts())
    assert "China" not in text and "Burundi" not in text
    assert ("Cases of the period left out for lack of consent (not described, not counted in any figure): 3."
            in text)
    for name in PUBLIC_NAMES[:1]:
        assert name in text
    # B consented to an anonymous mention only: described, not named, organisation withheld.
    assert "Arbitrary arrest" in text or "arbitrary arrest" in text
    # E's relative is left out with her act; the count says so, never what happened.
    assert "1 further act concerning people who did not consent to a public mention is left out." in text


def test_follow_up_section_lists_what_changed_and_nothing_of_the_rest(document):
    # F: reported in 2024 (UN reference), released and closed in the period; named.
    assert [f.heading for f in document.follow_ups] == ["Follow-up 1: Fatima Followup"]
    f = document.follow_ups[0]
    assert any("released" in ch for ch in f.changes)
    assert any("case closed" in ch for ch in f.changes)
    assert "A/HRC/57/60" in f.earlier
    # G: reported earlier with a new attack, but consent "state": issue 11 takes it out of
    # the follow-up section altogether (it used to say "1 further case"); it is one of the
    # document's withheld cases, and its new attack is in no figure.
    text = "\n".join(document.text_parts())
    assert "further case" not in text
    assert "physical attack" not in text.casefold()


def test_each_summary_states_cooperation_acts_link_steps_and_un_documents(document):
    case_a = next(c for s in document.countries for c in s.cases if "Anabel" in c.heading)
    assert "Council" in case_a.cooperation[0]
    assert len(case_a.acts) == 2
    assert case_a.link == ("Officers cited her speech in Geneva.",)
    assert any("prosecutor" in s for s in case_a.steps)
    assert case_a.un_documents.startswith("Yes: UA HND 1/2025")


def test_the_pdf_embeds_the_charts_as_images(rendered):
    assert rendered["pdf"].count(b"/Subtype /Image") >= 4
    with zipfile.ZipFile(io.BytesIO(rendered["docx"])) as z:
        assert len([n for n in z.namelist() if n.startswith("word/media/")]) >= 4


def test_each_chart_has_its_figures_as_alternative_text_and_caption(rendered, document):
    import docx
    from docx.oxml.ns import qn
    from reporting_readers import pdf_alt_texts

    descriptions = [c.description for c in document.charts]
    assert len(descriptions) == 4 and all("Public figures" in d for d in descriptions)
    assert pdf_alt_texts(rendered["pdf"]) == descriptions
    d = docx.Document(io.BytesIO(rendered["docx"]))
    pictures = d.element.body.findall(".//" + qn("wp:docPr"))
    assert [p.get("descr") for p in pictures] == descriptions
    # The caption prints the same figures for every reader, in every format.
    flat = " ".join(pdf_text(rendered["pdf"]).split())
    md = rendered["md"].decode("utf-8")
    for k, text in enumerate(descriptions, 1):
        assert f"Figure {k}. {text}" in flat
        assert f"Figure {k}. {text}" in " ".join(md.split()).replace("\\", "")


def test_contribution_file_is_written_whole_and_refused_where_it_cannot_be(workspace, tmp_path):
    from amparo.model import InvalidInput
    from amparo.service.output_files import write_file

    ws, _ = workspace
    path = write_file(tmp_path / "c.md", ws.reports.contribution(START, END, fmt="md"))
    assert path.read_text("utf-8").startswith("# Contribution")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(InvalidInput) as err:
        write_file(blocker / "c.pdf", b"%PDF")
    assert err.value.problems[0].path == "-o"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.md", "not-a-folder"]
    with pytest.raises(InvalidInput):
        ws.reports.contribution(START, END, fmt="odt")
