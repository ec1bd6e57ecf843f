"""Documents with names in many scripts, and readers for what PDF and DOCX files hold."""

from __future__ import annotations

import re
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from amparo.drafting.document import Addressee, AddressLine, Document, Metadata, Purpose, Section
from amparo.model.consent import Circle

#: One name per script the fonts must cover, each as a person would write it.
NAMES = {
    "zh": "温家明",
    "ar": "فاطمة الزهراء",
    "ru": "Анна Смирнова",
    "hi": "प्रिया शर्मा",
    "el": "Γιώργος Παπαδάκης",
    "he": "דוד לוי",
}
ARABIC_ORG = "مركز البحرين لحقوق الإنسان"
LATIN_NAME = "Halina Wróblewska"
#: Bidi embedding marks that pdftotext puts around right-to-left text.
_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def letter(*, language: str = "en", direction: str = "ltr", sections: tuple[Section, ...] = (),
           salutation: str = "Dear Sir or Madam,", closing: str = "Yours faithfully,",
           subject: str = "Reprisals after cooperation with the United Nations") -> Document:
    """A letter built by hand: every field set, none naming anyone unless told to."""
    return Document(
        title="Letter", date=date(2026, 11, 28), date_text="28 November 2026", language=language,
        direction=direction, sender=("Test Network (fictional)", "NGO"),
        addressee=Addressee("sg:senior-official", "Assistant Secretary-General for Human Rights",
                            (AddressLine("email", "Email", "reprisals@ohchr.org", text="Email: reprisals@ohchr.org"),)),
        subject=subject, salutation=salutation, sections=sections, closing=closing,
        signature=("Test Network (fictional)",), attachments=(),
        metadata=Metadata(title="Letter to the senior official on reprisals", subject="Reprisals",
                          author="Test Network (fictional)"),
        purpose=Purpose("sg:senior-official", "confidential-letter", "Confidential letter", Circle.UN_CONFIDENTIAL),
        case_id="case-9", labels={"case": "Case", "subject": "Subject:"},
    )


def many_scripts_letter() -> Document:
    """An English letter naming people in Chinese, Arabic, Russian, Hindi, Greek, Hebrew."""
    people = tuple(f"{name}, a human rights defender, now in custody" for name in NAMES.values())
    return letter(sections=(
        Section("Purpose of this letter", (
            f"We write about {NAMES['zh']} and {NAMES['ar']}, a member of the {ARABIC_ORG}, "
            f"who were detained after they spoke at the Human Rights Council.",)),
        Section("People concerned", items=people),
        Section("Acts of reprisal", items=(f"{ARABIC_ORG} was searched by the police.",), numbered=True),
    ))


def arabic_letter() -> Document:
    """A letter in Arabic (right to left) with a Latin name inside its paragraphs."""
    return letter(
        language="ar", direction="rtl", salutation="السيد الأمين العام المساعد المحترم،",
        closing="وتفضلوا بقبول فائق الاحترام،", subject="أعمال انتقامية بعد التعاون مع الأمم المتحدة",
        sections=(
            Section("الغرض من هذه الرسالة", (
                f"نكتب إليكم بشأن {LATIN_NAME} التي اعتقلت بعد مشاركتها في الدورة الثانية والستين.",)),
            Section("الأشخاص المعنيون", items=(f"{LATIN_NAME}، مدافعة عن حقوق الإنسان", NAMES["ar"]),
                    numbered=True),
            Section("أعمال التخويف والانتقام", items=(f"اعتقال {NAMES['ar']} في المطار.",)),
        ))


def pdf_text(data: bytes, *args: str) -> str:
    """What pdftotext extracts, without the bidi marks it adds around Arabic and Hebrew."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "x.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdftotext", *args, "-enc", "UTF-8", str(path), "-"], check=True,
                             capture_output=True).stdout.decode("utf-8")
    return _BIDI_MARKS.sub("", out)


def pdf_fonts(data: bytes) -> list[dict[str, str]]:
    """pdffonts' table: one dict per font with name, type, emb, sub, uni."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "x.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        cells = line.split()
        # name, type (one or more words), encoding, emb, sub, uni, object id, generation
        rows.append({"name": cells[0], "emb": cells[-5], "sub": cells[-4], "uni": cells[-3]})
    return rows


def words_with_x(data: bytes) -> list[tuple[str, float, float]]:
    """Each word pdftotext finds, with its left x and its baseline y (from -bbox)."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "x.pdf"
        path.write_bytes(data)
        html = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], check=True,
                              capture_output=True).stdout.decode("utf-8")
    return [(_BIDI_MARKS.sub("", m.group(3)), float(m.group(1)), float(m.group(2)))
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>',
                                 html)]
