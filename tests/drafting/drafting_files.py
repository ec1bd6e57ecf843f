"""Reading rendered files back: every byte a reader, a tool or a metadata field could see."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import tempfile
import zipfile
import zlib
from email import policy
from email.parser import BytesParser
from pathlib import Path


def pdf_streams(data: bytes) -> list[bytes]:
    """Every stream of the PDF, inflated when it is FlateDecode-compressed."""
    out = []
    for m in re.finditer(rb"<<(.*?)>>\s*stream\r?\n", data, re.S):
        start = m.end()
        end = data.find(b"endstream", start)
        raw = data[start:end]
        if b"FlateDecode" in m.group(1):
            with contextlib.suppress(zlib.error):
                raw = zlib.decompressobj().decompress(raw)
        out.append(raw)
    return out


def pdf_text(data: bytes) -> str:
    """The text pdftotext extracts (what a reader or a search engine gets)."""
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "x.pdf"
        p.write_bytes(data)
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(p), "-"], check=True,
                              capture_output=True).stdout.decode("utf-8")


def pdf_all(data: bytes) -> bytes:
    """The raw PDF plus its inflated streams plus the extracted text, to search for names."""
    return data + b"\n".join(pdf_streams(data)) + pdf_text(data).encode("utf-8")


def docx_all(data: bytes) -> bytes:
    """Every part of the .docx zip, concatenated (document, core properties, footers…)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return b"\n".join(z.read(n) for n in z.namelist())


def eml_all(data: bytes) -> bytes:
    """Headers, decoded, and every part's decoded payload."""
    msg = BytesParser(policy=policy.default).parsebytes(data)
    chunks = [f"{k}: {v}".encode() for k, v in msg.items()]
    for part in msg.walk():
        chunks += [f"{k}: {v}".encode() for k, v in part.items()]
        if not part.is_multipart():
            payload = part.get_payload(decode=True) or b""
            chunks.append(payload)
    return data + b"\n".join(chunks)


def searchable(fmt: str, data: bytes) -> str:
    """One text to search for names in, normalised for line breaks and XML escapes."""
    if fmt == "pdf":
        blob = pdf_all(data)
    elif fmt == "docx":
        blob = docx_all(data)
    elif fmt == "eml":
        blob = eml_all(data)
    else:
        blob = data
    text = blob.decode("utf-8", errors="replace")
    return re.sub(r"\s+", " ", text.replace("&apos;", "'"))
