"""Evidence upload (streamed into the vault, capped), download, verify."""

from __future__ import annotations

import hashlib
import os

from fastapi.testclient import TestClient
from web_support import AIRPORT, build_app, came_back, post, token, unlock


def test_upload_download_verify(client, ids):
    case_id = ids[AIRPORT]
    data = os.urandom(300_000)
    r = post(client, f"/cases/{case_id}/evidence", {"description": "photo of the car", "names_people": "p1"},
             files={"file": ("car.jpg", data, "image/jpeg")})
    assert r.status_code == 200 and "photo of the car" in r.text
    item = client.app.state.keeper.workspace.evidence.list(case_id)[-1].evidence
    assert item.sha256 == hashlib.sha256(data).hexdigest() and item.names_people == ("p1",)
    got = client.get(f"/evidence/{item.id}")
    assert got.content == data
    r = post(client, f"/cases/{case_id}/evidence/verify")
    assert r.status_code == 200 and "intact" in r.text


def test_upload_over_the_declared_cap_is_refused_before_reading(demo):
    vault, ids = demo
    with TestClient(build_app(vault, max_upload_mb=0.1)) as c:
        unlock(c)
        case_id = ids[AIRPORT]
        r = c.post(f"/cases/{case_id}/evidence", data={"csrf_token": token(c)},
                   files={"file": ("big.bin", b"x" * 400_000, "application/octet-stream")})
        assert came_back(r) and "larger than the limit" in r.text
        assert c.app.state.keeper.workspace.evidence.list(case_id) == []


def test_upload_that_lies_about_its_length_is_cut_off_while_streaming(demo):
    vault, ids = demo
    with TestClient(build_app(vault, max_upload_mb=0.1)) as c:
        unlock(c)
        case_id = ids[AIRPORT]
        boundary = "XyZ"
        csrf = token(c)

        def body():
            yield (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{csrf}\r\n"
                   f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
                   "Content-Type: application/octet-stream\r\n\r\n").encode()
            for _ in range(20):
                yield b"y" * 20_000
            yield f"\r\n--{boundary}--\r\n".encode()

        r = c.post(f"/cases/{case_id}/evidence", content=body(),
                   headers={"content-type": f"multipart/form-data; boundary={boundary}"})
        assert came_back(r)
        assert c.app.state.keeper.workspace.evidence.list(case_id) == []
        blobs = vault / "evidence"
        assert not blobs.exists() or not any(blobs.iterdir())  # no half blob, no temp file


def test_upload_without_a_file_is_a_form_error(client, ids):
    r = post(client, f"/cases/{ids[AIRPORT]}/evidence", {"description": "x"},
             files={"other": ("", b"", "application/octet-stream")})
    assert came_back(r) and client.app.state.keeper.workspace.evidence.list(ids[AIRPORT]) == []
    r = client.post(f"/cases/{ids[AIRPORT]}/evidence", content=b"plain",
                    headers={"content-type": "text/plain", "x-csrf-token": token(client)})
    assert came_back(r) and "not sent as a file upload" in r.text


def test_upload_with_a_stale_token_stores_nothing(client, ids):
    case_id = ids[AIRPORT]
    r = client.post(f"/cases/{case_id}/evidence", data={"csrf_token": "stale"},
                    files={"file": ("a.txt", b"secret", "text/plain")}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/unlock")
    assert client.app.state.keeper.workspace.evidence.list(case_id) == []


def test_evidence_is_erased_only_when_confirmed_and_only_from_its_case(client, ids):
    case_id, other = ids[AIRPORT], next(i for k, i in ids.items() if k != AIRPORT)
    post(client, f"/cases/{case_id}/evidence", {"description": "to erase"},
         files={"file": ("note.txt", b"erase me", "text/plain")})
    ws = client.app.state.keeper.workspace
    item = ws.evidence.list(case_id)[-1]
    r = post(client, f"/cases/{case_id}/evidence/{item.evidence.id}/delete")
    assert came_back(r) and "cannot be recovered" in r.text
    assert "not evidence of this case" in post(client, f"/cases/{other}/evidence/{item.evidence.id}/delete",
                                               {"confirm": "yes"}).text
    assert item.blob_id in ws.vault.evidence.blob_ids()
    r = post(client, f"/cases/{case_id}/evidence/{item.evidence.id}/delete", {"confirm": "yes"})
    assert r.status_code == 200 and "to erase" not in r.text
    assert item.evidence.id not in {s.evidence.id for s in ws.evidence.list(case_id)}
    assert item.blob_id not in ws.vault.evidence.blob_ids()
