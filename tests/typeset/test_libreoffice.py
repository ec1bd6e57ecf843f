"""The DOCX files open in a real word processor: LibreOffice converts them to PDF.

LibreOffice is about 250 MB, so ``make system-deps`` installs it only when asked
(``WITH_LIBREOFFICE=1``). Without it this test is skipped, and says so.
"""

from __future__ import annotations

import shutil
import subprocess
import warnings

import pytest
from typeset_fixtures import ARABIC_ORG, LATIN_NAME, NAMES, arabic_letter, many_scripts_letter, pdf_text

from amparo.drafting import render


@pytest.fixture(scope="module")
def soffice() -> str:
    path = shutil.which("soffice")
    if path is None:
        reason = "LibreOffice (soffice) is not installed: run make system-deps WITH_LIBREOFFICE=1"
        warnings.warn(f"\n*** DOCX conversion test SKIPPED: {reason} ***", stacklevel=1)
        pytest.skip(reason)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("letter", [many_scripts_letter, arabic_letter], ids=["many-scripts", "arabic"])
def test_libreoffice_converts_the_docx_and_every_name_survives(soffice, letter, tmp_path):
    source = tmp_path / "letter.docx"
    source.write_bytes(render(letter(), "docx"))
    # A profile of its own: two conversions at once (pytest -n) must not share one.
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    data = (tmp_path / "letter.pdf").read_bytes()
    text = " ".join(pdf_text(data).split())
    expected = [*NAMES.values(), ARABIC_ORG] if letter is many_scripts_letter else [LATIN_NAME, NAMES["ar"]]
    for name in expected:
        assert name in text
    info = subprocess.run(["pdfinfo", str(tmp_path / "letter.pdf")], capture_output=True, text=True,
                          check=True).stdout
    assert "(A4)" in info
