"""The consent conversation sheet: every format and language, nobody named beyond consent, the plan's decisions."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import tempfile
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from drafting_files import pdf_text, searchable
from drafting_fixtures import CONFIDENTIAL, PUBLIC, WITHHELD, WITHHELD_ORG, three_people_case

from amparo.drafting.consent_sheet import build_consent_sheet
from amparo.drafting.consent_sheet_files import FORMATS, render_consent_sheet, suggested_filename
from amparo.drafting.consent_sheet_texts import RISKS
from amparo.guidance import triage
from amparo.knowledge import load
from amparo.model import InvalidInput
from amparo.model.consent import Consent

KB = load()
TODAY = date(2026, 11, 28)
LANGS = ("en", "fr", "es")
#: A sentence of each language's sheet, to know the sheet is in it (and translated).
MARK = {"en": "How far my case may go", "fr": "Jusqu'où mon dossier peut aller",
        "es": "Hasta dónde puede llegar mi caso"}
NAMES = {"p1": WITHHELD, "p2": CONFIDENTIAL, "p3": PUBLIC}


def _sheet(case=None, **kw):
    case = case or three_people_case()
    plan = triage(case, KB, today=TODAY)
    return build_consent_sheet(case, plan, today=TODAY, review_days=30, **{"language": "en", **kw})


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", ""))


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return _flat(re.sub(r"<[^>]+>", " ", xml).replace("&apos;", "'"))


def _readable(fmt: str, data: bytes) -> str:
    """The text a reader of the file gets (pdftotext, Word's text, the Markdown with its escapes)."""
    if fmt == "pdf":
        return _flat(pdf_text(data))
    if fmt == "docx":
        return _docx_text(data)
    return _flat(data.decode("utf-8").replace("\\", ""))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_sheet_reads_back_in_every_format_and_language(fmt, lang):
    sheet = _sheet(language=lang, person="p3")
    text = _readable(fmt, render_consent_sheet(sheet, fmt))
    assert MARK[lang] in text
    assert PUBLIC in text  # the sheet is for her: her own name is on it
    assert sheet.people[0].heading in text
    # Every part, every avenue of the plan among them, by its name in the sheet's language.
    for part in sheet.people[0].parts:
        assert _flat(part.heading) in text
    if lang != "en":
        assert "How far my case may go" not in text and "Your choice" not in text


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("ref", ["p1", "p2", "p3"])
def test_a_section_names_nobody_but_its_own_person(fmt, ref):
    data = render_consent_sheet(_sheet(person=ref, language="fr"), fmt)
    blob = searchable(fmt, data)
    assert NAMES[ref] in blob
    for other, name in NAMES.items():
        if other == ref:
            continue
        for part in name.split():
            assert part not in blob, (ref, other)
    assert WITHHELD_ORG not in blob  # organisations are not printed: they point to people


def test_the_whole_sheet_keeps_each_section_to_its_own_person():
    sheet = _sheet()
    assert [s.ref for s in sheet.people] == ["p1", "p2", "p3"]
    for section in sheet.people:
        text = " ".join(section.text_parts())
        for ref, name in NAMES.items():
            assert (name in text) == (ref == section.ref), (section.ref, ref)
    # The file's properties, seen by whoever receives it, name no one.
    data = render_consent_sheet(sheet, "pdf")
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()
    for name in NAMES.values():
        assert name.split()[0] not in info
    with zipfile.ZipFile(io.BytesIO(render_consent_sheet(sheet, "docx"))) as z:
        core = z.read("docProps/core.xml").decode("utf-8")
    for name in NAMES.values():
        assert name.split()[0] not in core


def test_others_are_counted_and_described_by_role_only_where_their_consent_allows():
    # p3 accepts being named in public: her role may be said; p2 accepts only the UN in
    # confidence and p1 nothing: they are only counted.
    sheet = _sheet(person="p1")
    text = " ".join(sheet.people[0].text_parts())
    assert "2 other people are part of this case." in text
    assert "Among them: a woman human rights defender." in text
    assert "a lawyer" not in text and "staff of a non-governmental" not in text
    # A consent past its review date allows nothing, not even a role.
    case = three_people_case()
    expired = dataclasses.replace(case.person("p3"), consent=Consent(Consent.up_to("public-named").circles,
                                                                     review_on=TODAY - timedelta(days=1)))
    case = dataclasses.replace(case, people=(case.people[0], case.people[1], expired))
    text = " ".join(_sheet(case, person="p1").people[0].text_parts())
    assert "Among them" not in text and "woman human rights defender" not in text


def test_no_narrative_of_the_case_is_printed():
    case = three_people_case()
    text = " ".join(_sheet(case).text_parts())
    assert case.title not in text
    for r in case.reprisals:
        assert r.description not in text and (r.link or "~") not in text and (r.place or "~") not in text
    for e in case.engagements:
        assert (e.session or "~") not in text and (e.description or "~") not in text
    assert case.steps_taken[0] not in text


def test_each_step_says_what_the_persons_present_answer_allows():
    plan = triage(three_people_case(), KB, today=TODAY)
    sg = next(a for a in plan.avenues if a.id == "sg:report")
    notify = sg.actions[0]
    assert "p2" in notify.identifies  # the confidential notification may name her (plan's decision)
    section = _sheet(person="p2").people[0]
    part = next(p for p in section.parts if p.heading == "The Secretary-General's annual report on reprisals")
    lines = {line.split(":")[0]: line for line in part.items}
    confidential = next(line for line in part.items if line.startswith("Confidential submission"))
    assert "only the UN body learns who you are" in confidential
    assert "you could be named in it" in confidential
    named = next(line for line in part.items if line.startswith("Named case"))
    assert "a public text gives your name" in named
    assert "it would need your agreement to “In public, with my name”" in named
    assert any("it names no one, so it can go ahead whatever you decide" in line for line in lines.values())


def test_a_consent_past_its_review_date_is_said_to_allow_nothing():
    case = three_people_case()
    p3 = dataclasses.replace(case.person("p3"), consent=Consent(Consent.up_to("public-named").circles,
                                                                review_on=date(2026, 11, 1)))
    case = dataclasses.replace(case, people=(*case.people[:2], p3))
    text = " ".join(_sheet(case, person="p3").people[0].text_parts())
    assert "This answer passed its review date on 1 November 2026: it allows nothing until it is renewed." in text
    assert "must be renewed first" in text
    assert "you could be named" not in text


def test_scoped_consent_is_told_per_avenue_and_family():
    case = three_people_case()
    scoped = Consent.parse({"circles": "state", "per_avenue": {"sg:report": "public-anonymous", "sp:*": "none"},
                            "review_on": "2027-03-01"})
    p2 = dataclasses.replace(case.person("p2"), consent=scoped)
    case = dataclasses.replace(case, people=(case.people[0], p2, case.people[2]))
    text = " ".join(_sheet(case, person="p2", language="fr").people[0].text_parts())
    assert "Pour « Rapport annuel du Secrétaire général sur les représailles » :" in text
    assert "Pour « tous les rapporteurs spéciaux et groupes de travail » : aucun de ces cercles." in text
    assert "Cette réponse doit être réexaminée avant le 1 mars 2027." in text


def test_french_and_spanish_agree_with_the_persons_gender():
    fr_woman = " ".join(_sheet(person="p3", language="fr").people[0].text_parts())  # p3: a woman
    fr_man = " ".join(_sheet(person="p2", language="fr").people[0].text_parts())  # p2: a man
    assert "vous pourriez y être nommée." in fr_woman and "Vous êtes détenue" in fr_woman
    assert "vous pourriez y être nommé." in fr_man
    case = three_people_case()
    p2 = dataclasses.replace(case.person("p2"), gender="undisclosed")
    neutral = " ".join(_sheet(dataclasses.replace(case, people=(case.people[0], p2, case.people[2])),
                              person="p2", language="es").people[0].text_parts())
    assert "su nombre podría figurar." in neutral and "nombrad" not in neutral
    es_woman = " ".join(_sheet(person="p3", language="es").people[0].text_parts())
    assert "usted podría ser nombrada." in es_woman and "Usted está detenida" in es_woman


def test_risk_notes_are_reworded_for_the_person_and_keep_to_them():
    case = three_people_case()
    plan = triage(case, KB, today=TODAY)
    mine = " ".join(_sheet(person="p3").people[0].text_parts())  # p3 is in custody
    theirs = " ".join(_sheet(person="p1").people[0].text_parts())  # p1 is not
    assert RISKS["detention"][1].split(",")[0] in mine
    assert RISKS["detention"][1].split(",")[0] not in theirs  # another person's detention is not told
    for note in plan.risks:
        assert note.message not in mine and note.message not in theirs
        assert note.rule not in mine  # no rule ids


def test_every_risk_note_the_guidance_can_give_has_words_for_the_person():
    source = (Path(__file__).parents[2] / "src/amparo/guidance/risk_notes.py").read_text("utf-8")
    codes = set(re.findall(r'RiskNote\(\s*"([a-z-]+)"', source))
    assert len(codes) > 10
    assert codes <= set(RISKS), sorted(codes - set(RISKS))


def test_bad_person_or_language_is_refused_by_field_without_echoing_a_name():
    with pytest.raises(InvalidInput) as caught:
        _sheet(person=WITHHELD, language="de")
    paths = {p.path for p in caught.value.problems}
    assert paths == {"person", "language"}
    assert WITHHELD not in str(caught.value) and "this value" in str(caught.value)
    assert "p1, p2, p3" in str(caught.value) and "ar, zh, en, fr, ru, es" in str(caught.value)


def test_pdf_sections_start_on_their_own_pages_and_are_numbered_within_themselves():
    data = render_consent_sheet(_sheet(language="es"), "pdf")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "s.pdf"
        path.write_bytes(data)
        pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(path)], capture_output=True,
                                                                 text=True, check=True).stdout).group(1))
        texts = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"], capture_output=True,
                                text=True, check=True).stdout for n in range(1, pages + 1)]
    starts = [n for n, t in enumerate(texts) if "Conversación sobre el consentimiento con" in t]
    assert len(starts) == 3
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else pages
        length = end - start
        ref = f"p{index + 1}"
        for k in range(length):
            assert f"{k + 1}/{length}" in texts[start + k] and ref in texts[start + k]
        # Only this section's person is named on its pages.
        section = " ".join(texts[start:end])
        for other, name in NAMES.items():
            assert (name.split()[0] in section) == (other == ref)


def test_a_sheet_for_facts_not_saved_is_named_by_ids_only():
    case = dataclasses.replace(three_people_case(), id=None)
    sheet = _sheet(case, language="fr")
    assert suggested_filename(sheet, "pdf") == "facts-consent-all-fr-2026-11-28.pdf"
    assert suggested_filename(_sheet(person="p2"), "md", "p2") == "case-7-consent-p2-en-2026-11-28.md"
    assert "dossier non enregistré" in sheet.metadata.title


def test_word_sections_start_a_new_page_each_and_number_their_own_pages():
    import docx

    d = docx.Document(io.BytesIO(render_consent_sheet(_sheet(language="fr"), "docx")))
    assert len(d.sections) == 3
    for section, ref in zip(d.sections, ("p1", "p2", "p3"), strict=True):
        assert section.start_type == 2  # WD_SECTION.NEW_PAGE
        assert not section.footer.is_linked_to_previous
        assert f"{ref} · " in section.footer.paragraphs[0].text
        numbering = section._sectPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pgNumType")
        assert numbering is not None and numbering.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}start") == "1"


def test_a_name_in_a_script_that_needs_shaping_is_set_shaped_and_reads_back():
    from amparo.drafting.consent_sheet_pdf import _needs_shaping

    case = three_people_case()
    named = dataclasses.replace(case.person("p3"), name="مريم الحسن")
    case = dataclasses.replace(case, people=(*case.people[:2], named))
    sheet = _sheet(case, person="p3")
    assert _needs_shaping(sheet) and not _needs_shaping(_sheet(person="p2"))
    text = pdf_text(render_consent_sheet(sheet, "pdf"))
    assert "مريم الحسن" in text
