"""Evidence on the case page: upload (streamed into the vault), download, verify."""

from __future__ import annotations

import contextlib
import mimetypes
import re
from typing import Any

import anyio
import anyio.from_thread
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse

from amparo.model.errors import InvalidInput
from amparo.web.deps import NeedsUnlock, Unlocked, UnlockedForm, Visit, safe_back, unlocked
from amparo.web.forms import FORM_LEVEL, Errors, keep, refused, said
from amparo.web.security import CSRF_FIELD, CSRF_HEADER, csrf_matches
from amparo.web.uploads import OVERHEAD, BadUpload, UploadReader, UploadTooLarge

router = APIRouter(include_in_schema=False)


def _refused(visit: Visit, case_id: str, errors: Errors, typed: dict[str, Any] | None = None) -> Response:
    """The case page again (after a redirect), the error beside the file field, the
    description and the people ticked kept (a browser never keeps a chosen file)."""
    return refused(visit.session, f"/cases/{case_id}", errors, typed, anchor="evidence")


@router.post("/cases/{case_id}/evidence")
async def upload(request: Request, case_id: str) -> Response:
    """Encrypt an uploaded file into the vault, refusing it past the size cap."""
    visit = unlocked(request)
    cap = request.app.state.settings.max_upload_bytes
    too_big = visit._("This file is larger than the limit of {mb} MB; nothing was stored.").format(
        mb=request.app.state.settings.max_upload_mb)
    declared = request.headers.get("content-length")
    chunks = request.stream().__aiter__()

    async def next_chunk() -> bytes:
        try:
            return await chunks.__anext__()
        except StopAsyncIteration:
            return b""

    if declared and declared.isdigit() and int(declared) > cap + OVERHEAD:
        # Refused before one byte of the file is read: only the fields before it (at most
        # OVERHEAD bytes), so that the description typed comes back with the error.
        return await anyio.to_thread.run_sync(lambda: _too_big(visit, request, case_id, next_chunk, too_big))

    def store() -> Response:
        reader: UploadReader | None = None
        try:
            reader = UploadReader(request.headers.get("content-type", ""),
                                  lambda: anyio.from_thread.run(next_chunk), cap)
            reader.fields_before_file()
        except BadUpload:
            fields = reader.fields if reader is not None else {}
            given = request.headers.get(CSRF_HEADER) or (fields.get(CSRF_FIELD) or [""])[0]
            if not csrf_matches(visit.session.csrf, given):
                raise NeedsUnlock(f"/cases/{case_id}", expired=True) from None
            return _refused(visit, case_id, {"evidence.file": visit._(
                "This was not sent as a file upload. Choose a file with the button, then add it.")})
        except UploadTooLarge:
            return _refused(visit, case_id, {"evidence.file": too_big})
        token = request.headers.get(CSRF_HEADER) or reader.field(CSRF_FIELD)
        if not csrf_matches(visit.session.csrf, token):
            raise NeedsUnlock(safe_back(reader.field("here")), expired=True)
        names = tuple(v.strip() for v in reader.fields.get("names_people", []) if v.strip())
        description = reader.field("description") or None
        typed = {"evidence.description": description or "", "evidence.names_people": list(names)}
        if not reader.filename:
            return _refused(visit, case_id, {"evidence.file": visit._("Choose a file to upload.")}, typed)
        try:
            visit.ws.evidence.add_stream(case_id, reader, filename=reader.filename, description=description,
                                         names_people=names, media_type=reader.media_type)
        except UploadTooLarge:
            return _refused(visit, case_id, {"evidence.file": too_big}, typed)
        except InvalidInput as exc:
            errors: Errors = {}
            for p in exc.problems:
                where = "evidence.description" if p.path == "description" else "evidence.file"
                errors[where] = " ".join(filter(None, (errors.get(where), said(p, visit._, visit.lang.code))))
            return _refused(visit, case_id, errors, typed)
        return RedirectResponse(f"/cases/{case_id}#evidence", status_code=303)

    return await anyio.to_thread.run_sync(store)


def _too_big(visit: Visit, request: Request, case_id: str, next_chunk: Any, too_big: str) -> Response:
    """The case page again for a file declared over the cap, with the fields sent before it
    (read from at most ``OVERHEAD`` bytes of the body; not one byte of the file is kept)."""
    left = [OVERHEAD]

    def pull() -> bytes:
        if left[0] <= 0:
            return b""
        chunk = anyio.from_thread.run(next_chunk)[:left[0]]
        left[0] -= len(chunk)
        return chunk

    typed: dict[str, Any] = {}
    try:
        reader = UploadReader(request.headers.get("content-type", ""), pull, OVERHEAD)
        with contextlib.suppress(Exception):  # a body cut short: the fields read so far
            reader.fields_before_file()
        given = request.headers.get(CSRF_HEADER) or reader.field(CSRF_FIELD)
        if csrf_matches(visit.session.csrf, given):
            typed = {"evidence.description": reader.field("description"),
                     "evidence.names_people": [v.strip() for v in reader.fields.get("names_people", [])]}
    except BadUpload:
        pass
    return _refused(visit, case_id, {"evidence.file": too_big}, typed)


def _download_name(evidence_id: str, filename: str, media_type: str) -> str:
    # The stored file name may hold a person's name: the download is named by id.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if not re.fullmatch(r"[a-z0-9]{1,8}", suffix):
        suffix = (mimetypes.guess_extension(media_type) or ".bin").lstrip(".")
    return f"evidence-{evidence_id}.{suffix}"


@router.get("/evidence/{evidence_id}")
def download(visit: Unlocked, evidence_id: str) -> Response:
    """The decrypted file, as a download (never shown inline: an uploaded page must not run here)."""
    item, chunks = visit.ws.evidence.stream(evidence_id)
    name = _download_name(evidence_id, item.filename, item.media_type)
    return StreamingResponse(chunks, media_type="application/octet-stream",
                             headers={"content-disposition": f'attachment; filename="{name}"',
                                      "x-sha256": item.sha256})


@router.post("/cases/{case_id}/evidence/verify")
def verify(visit: UnlockedForm, case_id: str) -> Response:
    """Re-hash every evidence file of the case against its recorded SHA-256."""
    checks = visit.ws.evidence.verify(case_id)
    keep(visit.session, f"/cases/{case_id}", {} if all(c.ok for c in checks) else
         {FORM_LEVEL: visit._("A file no longer matches the fingerprint recorded when it was added.")},
         checks={c.evidence_id: c.ok for c in checks})
    return RedirectResponse(f"/cases/{case_id}#evidence", status_code=303)


@router.post("/cases/{case_id}/evidence/{evidence_id}/delete")
def delete(visit: UnlockedForm, case_id: str, evidence_id: str) -> Response:
    """Erase an evidence file for good, once the person has ticked that they mean it."""
    ws = visit.ws
    if evidence_id not in {s.evidence.id for s in ws.evidence.list(case_id)}:
        return _refused(visit, case_id, {FORM_LEVEL: visit._("This file is not evidence of this case.")})
    if visit.field("confirm") != "yes":
        return _refused(visit, case_id, {
            f"evidence.delete.{evidence_id}": visit._("Tick the box to confirm: the file cannot be recovered.")})
    ws.evidence.delete(evidence_id)
    return RedirectResponse(f"/cases/{case_id}#evidence", status_code=303)
