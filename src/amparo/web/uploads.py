"""Evidence uploads streamed from the request straight into the vault's encrypted blob.

Starlette's ``request.form()`` spools a large upload to a temporary file: plaintext on
disk, which an evidence file must never be. Here the multipart body is parsed as it
arrives and the file's bytes are handed, chunk by chunk, to ``Workspace.add_evidence_stream``,
which encrypts them as it reads. The size cap is checked twice: the declared
Content-Length before anything is read, and the bytes actually received while streaming
(a client can lie about the length); over the cap, the half-written blob is removed and
nothing is recorded.

Fields must come before the file in the form (the page's form is written that way), so
that the CSRF token is checked before a single byte of the file is stored.
"""

from __future__ import annotations

from collections.abc import Callable

from python_multipart.multipart import MultipartParser, parse_options_header

OVERHEAD = 64 * 1024  # room for the form fields and multipart framing around the file


class UploadTooLarge(Exception):
    """More bytes than the cap allows."""


class BadUpload(Exception):
    """Not a multipart form with one file."""


class UploadReader:
    """A read()-able view of the one file in a multipart body that arrives in chunks."""

    def __init__(self, content_type: str, pull: Callable[[], bytes], cap: int):
        kind, params = parse_options_header(content_type)
        boundary = params.get(b"boundary")
        if kind != b"multipart/form-data" or not boundary:
            raise BadUpload("expected a multipart form")
        self._pull = pull
        self.cap = cap
        self.fields: dict[str, list[str]] = {}
        self.filename: str | None = None
        self.media_type: str | None = None
        self.size = 0
        self._received = 0
        self._buffer = bytearray()
        self._headers: dict[str, str] = {}
        self._field: str = ""
        self._value = bytearray()
        self._name: str | None = None
        self._in_file = False
        self._file_seen = False
        self._file_done = False
        self._ended = False
        self._parser = MultipartParser(boundary, {
            "on_part_begin": self._part_begin, "on_header_field": self._header_field,
            "on_header_value": self._header_value, "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished, "on_part_data": self._part_data,
            "on_part_end": self._part_end, "on_end": self._end,
        })

    # -- parser callbacks -----------------------------------------------------------------

    def _part_begin(self) -> None:
        self._headers, self._field, self._value = {}, "", bytearray()

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._field += data[start:end].decode("latin-1").lower()

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._headers[self._field] = self._headers.get(self._field, "") + data[start:end].decode("latin-1")

    def _header_end(self) -> None:
        self._field = ""

    def _headers_finished(self) -> None:
        _, params = parse_options_header(self._headers.get("content-disposition", ""))
        self._name = params.get(b"name", b"").decode("utf-8", "replace")
        filename = params.get(b"filename")
        self._in_file = bool(filename) and not self._file_seen
        if self._in_file:
            self._file_seen = True
            self.filename = filename.decode("utf-8", "replace").replace("\\", "/").rsplit("/", 1)[-1] or "upload"
            self.media_type = self._headers.get("content-type") or None

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._in_file:
            self.size += end - start
            if self.size > self.cap:
                raise UploadTooLarge()
            self._buffer += data[start:end]
        elif not self._file_seen:
            self._value += data[start:end]
            if len(self._value) > OVERHEAD:
                raise BadUpload("a form field is too long")

    def _part_end(self) -> None:
        if self._in_file:
            self._in_file = False
            self._file_done = True
        elif self._name and not self._file_seen:
            self.fields.setdefault(self._name, []).append(self._value.decode("utf-8", "replace"))

    def _end(self) -> None:
        self._ended = True

    # -- reading --------------------------------------------------------------------------

    def _feed(self) -> bool:
        chunk = self._pull()
        if not chunk:
            self._parser.finalize()
            self._ended = True
            return False
        self._received += len(chunk)
        if self._received > self.cap + OVERHEAD:
            raise UploadTooLarge()
        self._parser.write(chunk)
        return True

    def fields_before_file(self) -> dict[str, list[str]]:
        """Read until the file part starts; the fields sent before it."""
        while not self._file_seen and not self._ended:
            self._feed()
        if not self._file_seen:
            raise BadUpload("no file in the form")
        return self.fields

    def field(self, name: str) -> str:
        """One field sent before the file, stripped ('' when absent)."""
        values = self.fields.get(name) or [""]
        return values[0].strip()

    def read(self, n: int = -1) -> bytes:
        """Up to ``n`` bytes of the file (all of the rest when ``n`` < 0)."""
        while (n < 0 or len(self._buffer) < n) and not self._file_done and not self._ended:
            self._feed()
        if n < 0 or n >= len(self._buffer):
            out = bytes(self._buffer)
            self._buffer.clear()
        else:
            out = bytes(self._buffer[:n])
            del self._buffer[:n]
        return out
