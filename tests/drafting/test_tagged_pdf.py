"""The PDF letter is a tagged PDF: a structure tree with the subject as H1, each section
heading as H2 and the text as paragraphs, in reading order; /MarkInfo and the letter's
/Lang in the catalog; page numbers are artifacts, not text read aloud. Read back with
poppler's ``pdfinfo -struct-text`` (poppler-utils is in the test setup)."""

from __future__ import annotations

import re
import subprocess
import zlib

import pytest
from test_grammar import HISTORY, KB, NAMES, TODAY, _case

from amparo.drafting import build_document, render


def _letter(lang, kind="group", avenue="sp:human-rights-defenders"):
    doc = build_document(_case(kind), KB.avenue(avenue), language=lang, today=TODAY, names=NAMES, history=HISTORY)
    return doc, render(doc, "pdf")


def _pdfinfo(data: bytes, *flags: str) -> str:
    return subprocess.run(["pdfinfo", *flags, "-"], input=data, capture_output=True, check=True).stdout.decode()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)  # pdfinfo joins wrapped lines without the space


def _inflated(data: bytes) -> bytes:
    out = []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(m.group(1)))
        except zlib.error:
            continue  # not a Flate stream (an image, a font kept as it is)
    return b"".join(out)


def _tree(data: bytes) -> list[tuple[str, str]]:
    """(structure type, text) of each element, in order."""
    out, tag = [], None
    for line in _pdfinfo(data, "-struct-text").splitlines():
        head = re.match(r"^\s+(\w+) \(block\)$", line)
        if head:
            tag = head.group(1)
        elif line.strip().startswith('"') and tag:
            out.append((tag, line.strip().strip('"')))
    return out


@pytest.mark.parametrize("lang", ["en", "fr", "zh", "ru"])
def test_the_letter_is_tagged_with_its_headings_in_reading_order(lang):
    doc, data = _letter(lang)
    info = _pdfinfo(data)
    assert re.search(r"Tagged:\s+yes", info)
    assert f"/Lang ({doc.language})".encode() in data and b"/MarkInfo <</Marked true>>" in data
    tree = _tree(data)
    headings = [_squash(t) for tag, t in tree if tag == "H2"]
    assert headings[:len(doc.sections)] == [_squash(s.heading) for s in doc.sections]
    assert [tag for tag, _ in tree].count("H1") == 1
    assert next(_squash(t) for tag, t in tree if tag == "H1") == _squash(doc.subject_line)
    first = _squash(doc.sections[0].paragraphs[0])
    assert any(_squash(t) == first for tag, t in tree if tag == "P")
    # The page numbers ("1/3") are page furniture, outside the structure.
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages > 1 and not any(re.fullmatch(rf"\d+/{pages}", t) for _, t in tree)


def test_right_to_left_text_carries_its_reading_order():
    doc, data = _letter("ar")
    content = _inflated(data)
    subject = doc.subject_line.encode("utf-16-be").hex().upper().encode()
    assert b"/ActualText <FEFF" + subject + b">" in content
    assert re.search(r"Tagged:\s+yes", _pdfinfo(data))
