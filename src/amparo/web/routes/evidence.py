"""Evidence on the case page: upload (streamed into the vault), download, verify."""

from __future__ import annotations

import mimetypes
import re

import anyio
import anyio.from_thread
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse

from amparo.model.errors import InvalidInput
from amparo.web.deps import NeedsUnlock, Unlocked, UnlockedForm, safe_back, unlocked
from amparo.web.forms import FORM_LEVEL
from amparo.web.routes.cases import case_page_response
from amparo.web.security import CSRF_FIELD, CSRF_HEADER, csrf_matches
from amparo.web.uploads import BadUpload, UploadReader, UploadTooLarge

router = APIRouter(include_in_schema=False)


@router.post("/cases/{case_id}/evidence")
async def upload(request: Request, case_id: str) -> Response:
    """Encrypt an uploaded file into the vault, refusing it past the size cap."""
    visit = unlocked(request)
    cap = request.app.state.settings.max_upload_bytes
    too_big = visit._("This file is larger than the limit of {mb} MB; nothing was stored.").format(
        mb=request.app.state.settings.max_upload_mb)
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap + 64 * 1024:
        # Refused before one byte of the body is read.
        return await anyio.to_thread.run_sync(
            lambda: case_page_response(visit, case_id, status=413, errors={"evidence.file": too_big}))
    chunks = request.stream().__aiter__()

    async def next_chunk() -> bytes:
        try:
            return await chunks.__anext__()
        except StopAsyncIteration:
            return b""

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
            return case_page_response(visit, case_id, status=422,
                                      errors={"evidence.file": visit._("Choose a file to upload.")})
        except UploadTooLarge:
            return case_page_response(visit, case_id, status=413, errors={"evidence.file": too_big})
        token = request.headers.get(CSRF_HEADER) or reader.field(CSRF_FIELD)
        if not csrf_matches(visit.session.csrf, token):
            raise NeedsUnlock(safe_back(reader.field("here")), expired=True)
        names = tuple(v.strip() for v in reader.fields.get("names_people", []) if v.strip())
        description = reader.field("description") or None
        if not reader.filename:
            return case_page_response(visit, case_id, status=422,
                                      errors={"evidence.file": visit._("Choose a file to upload.")})
        try:
            visit.ws.evidence.add_stream(case_id, reader, filename=reader.filename, description=description,
                                         names_people=names, media_type=reader.media_type)
        except UploadTooLarge:
            return case_page_response(visit, case_id, status=413, errors={"evidence.file": too_big},
                                      typed={"evidence.description": description or ""})
        except InvalidInput as exc:
            return case_page_response(visit, case_id, status=422,
                                      errors={"evidence.file": "; ".join(visit.say(p, path=False)
                                                                         for p in exc.problems)},
                                      typed={"evidence.description": description or ""})
        return RedirectResponse(f"/cases/{case_id}#evidence", status_code=303)

    return await anyio.to_thread.run_sync(store)


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
    return case_page_response(visit, case_id, checks={c.evidence_id: c.ok for c in checks},
                              errors={} if all(c.ok for c in checks) else
                              {FORM_LEVEL: visit._("A file no longer matches its recorded SHA-256.")})


@router.post("/cases/{case_id}/evidence/{evidence_id}/delete")
def delete(visit: UnlockedForm, case_id: str, evidence_id: str) -> Response:
    """Erase an evidence file for good, once the person has ticked that they mean it."""
    ws = visit.ws
    if evidence_id not in {s.evidence.id for s in ws.evidence.list(case_id)}:
        return case_page_response(visit, case_id, status=404,
                                  errors={FORM_LEVEL: visit._("This file is not evidence of this case.")})
    if visit.field("confirm") != "yes":
        return case_page_response(visit, case_id, status=422, errors={
            f"evidence.delete.{evidence_id}": visit._("Tick the box to confirm: the file cannot be recovered.")})
    ws.evidence.delete(evidence_id)
    return RedirectResponse(f"/cases/{case_id}#evidence", status_code=303)
