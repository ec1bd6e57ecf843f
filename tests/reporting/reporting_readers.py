"""What a reader, or a screen reader, gets out of the files reports write.

Text as a reader extracts it, and everything a file carries besides: the PDF's metadata,
streams and the alternative text of its images, the DOCX's XML parts (with each picture's
``descr``) and the text chunks of its PNG pictures, an SVG's ``<title>`` and ``<desc>``.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
import zipfile
import zlib


def pdf_alt_texts(data: bytes) -> list[str]:
    """The /Alt entries of a PDF's structure tree (fpdf2 writes them as UTF-16 hex strings)."""
    out = []
    for m in re.finditer(rb"/Alt\s*(<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\))", data):
        raw = m.group(1)
        if raw.startswith(b"<"):
            out.append(bytes.fromhex(raw[1:-1].decode()).decode("utf-16"))
        else:
            out.append(raw[1:-1].decode("latin-1"))
    return out


def pdf_text(data: bytes) -> str:
    """The raw file (metadata), every stream inflated, the images' alternative text, and the
    text as a reader extracts it.

    Page text is written as glyph ids of the embedded font, so the inflated streams alone
    would never show a name: pdftotext maps the glyphs back through the font's ToUnicode
    table, which is what any reader of the file can do.
    """
    parts = [data.decode("latin-1"), *pdf_alt_texts(data)]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(m.group(1)).decode("latin-1"))
        except zlib.error:
            parts.append(m.group(1).decode("latin-1"))
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        parts.append(subprocess.run(["pdftotext", "-raw", f.name, "-"], capture_output=True,
                                    check=True, text=True).stdout)
    return "\n".join(parts)


def png_text(data: bytes) -> str:
    """Every text chunk of a PNG (tEXt, zTXt, iTXt), as PIL reads them."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return "\n".join(f"{k}: {v}" for k, v in getattr(image, "text", {}).items())


def docx_media(data: bytes) -> dict[str, bytes]:
    """The pictures a DOCX holds, by part name."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("word/media/")}


def docx_text(data: bytes) -> str:
    """Every XML part of a DOCX, and the text chunks of its PNG pictures."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = [z.read(n).decode("utf-8", "replace") for n in z.namelist() if not n.startswith("word/media/")]
    return "\n".join([*xml, *(png_text(p) for n, p in docx_media(data).items() if n.endswith(".png"))])


def pdf_images(data: bytes) -> list[bytes]:
    """The PDF's images, extracted by poppler's pdfimages as PNG files."""
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "c.pdf"
        pdf.write_bytes(data)
        subprocess.run(["pdfimages", "-png", str(pdf), str(Path(tmp) / "img")], check=True)
        return [p.read_bytes() for p in sorted(Path(tmp).glob("img-*.png"))]


def pixels(png: bytes) -> bytes:
    """A PNG's pixels as RGB bytes, whatever its encoding."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        return image.convert("RGB").tobytes()
