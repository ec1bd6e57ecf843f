"""The JSON API: reads, writes, bearer token, and the consent gate on every disclosing path."""

from __future__ import annotations

import base64
import json

from fastapi.testclient import TestClient
from web_support import AIRPORT, build_app, unlock

from amparo.service.demo import demo_case_files

TOKEN = "t" * 40
WITHHELD = "Daniela Mejía"  # consent "none" in the airport demo case
STATE_ONLY = "Rosa Elvira Mejía"  # consent up to "state": never in a public text


def _airport_facts() -> dict:
    return dict(demo_case_files())[AIRPORT]


def test_reads(client, ids):
    cases = client.get("/api/cases").json()
    assert {c["id"] for c in cases} == set(ids.values())
    assert client.get("/api/cases?country=HN").json()[0]["id"] == ids[AIRPORT]
    found = client.post("/api/cases/search", json={"text": "tyres"}).json()
    assert [c["id"] for c in found] == [ids[AIRPORT]]
    detail = client.get(f"/api/cases/{ids[AIRPORT]}").json()
    assert detail["id"] == ids[AIRPORT] and detail["status"]["status"]
    assert client.get(f"/api/cases/{ids[AIRPORT]}/timeline").json()
    assert client.get("/api/cases/C-NOSUCH00").json()["error"] == "not-found"


def test_bearer_token_for_scripts(demo):
    vault, _ = demo
    with TestClient(build_app(vault, api_token=TOKEN)) as c:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        assert c.get("/api/due", headers=auth).status_code == 401  # still locked
        unlock(TestClient(c.app))
        assert c.get("/api/due", headers=auth).status_code == 200
        assert c.get("/api/due", headers={"Authorization": "Bearer wrong"}).status_code == 401
        r = c.post("/api/cases", json=_airport_facts(), headers=auth)
        assert r.status_code == 201 and r.json()["id"].startswith("C-")
        r = c.post("/api/cases", json={"title": "x"}, headers=auth)
        assert r.status_code == 422 and r.json()["problems"]
        new_id = c.post("/api/cases", json=_airport_facts(), headers=auth).json()["id"]
        r = c.post(f"/api/cases/{new_id}/actions", headers=auth,
                   json={"avenue": "sg:report", "sent_on": "2026-11-20", "channel": "email",
                         "disclosure": "public-named"})
        assert r.status_code == 409 and r.json()["error"] == "consent-refused"
        r = c.post(f"/api/cases/{new_id}/actions", headers=auth,
                   json={"avenue": "sg:senior-official", "sent_on": "2026-11-20", "channel": "email",
                         "disclosure": "un-confidential", "people": ["p1"]})
        assert r.status_code == 201
        r = c.post(f"/api/cases/{new_id}/responses", headers=auth,
                   json={"kind": "acknowledgment", "received_on": "2026-11-25", "action_id": r.json()["id"]})
        assert r.status_code == 201


def test_triage_and_drafts_never_return_a_withheld_name(client, ids):
    headers = {"X-CSRF-Token": client.get("/session/csrf").json()["csrf"]}
    plan = client.get(f"/api/cases/{ids[AIRPORT]}/triage").json()
    text = json.dumps(plan, ensure_ascii=False)
    assert WITHHELD not in text and STATE_ONLY not in text
    unsaved = client.post("/api/triage", json=_airport_facts()).json()
    assert unsaved["avenues"] and WITHHELD not in json.dumps(unsaved, ensure_ascii=False)
    public = {a["id"] for a in plan["avenues"] if any(x["disclosure"].startswith("public") for x in a["actions"])}
    for avenue in [a["id"] for a in plan["avenues"]]:
        for fmt in ("txt", "eml"):
            r = client.post(f"/api/cases/{ids[AIRPORT]}/drafts", headers=headers,
                            json={"avenue": avenue, "fmt": fmt, "language": "en"})
            body = json.dumps(r.json(), ensure_ascii=False)
            assert WITHHELD not in body and STATE_ONLY not in body
            if r.status_code == 409:  # the gate refused the avenue's default action: nothing drafted
                continue
            assert r.status_code == 201, (avenue, r.text)
            text = base64.b64decode(r.json()["content_base64"]).decode("utf-8", "replace")
            assert WITHHELD not in body and WITHHELD not in text, avenue
            if r.json()["circle"].startswith("public"):
                assert STATE_ONLY not in text, avenue
    assert public is not None
    r = client.post("/api/triage/draft", json={"request": {"avenue": "hrc:president", "fmt": "txt"},
                                               "facts": _airport_facts()})
    assert r.status_code == 200 and WITHHELD not in base64.b64decode(r.json()["content_base64"]).decode()
    due = json.dumps(client.get("/api/due").json(), ensure_ascii=False)
    assert WITHHELD not in due and STATE_ONLY not in due
