"""Headers on every response, CSRF on every state-changing route, no other host, no CDN docs."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from web_support import build_app, post

import amparo.web
from amparo.web.security import CSP

STATIC = Path(amparo.web.__file__).parent / "static"
TEMPLATES = Path(amparo.web.__file__).parent / "templates"
URL = re.compile(r"(?i)https?://[a-z0-9.-]+")
# Attributes and CSS that make a browser fetch or go somewhere: local paths only.
REF = re.compile(
    r"""(?i)(?:\b(?:src|href|action|formaction|srcset|poster|data)\s*=\s*["']?|url\(\s*["']?|@import\s+["'])"""
    r"""(?!/[^/]|#|\?)([^"' )>]+)""")


def _pages(client: TestClient, ids: dict[str, str]) -> list[str]:
    case_id = ids["4-coordinator-stopped-at-airport"]
    return ["/", "/cases", f"/cases/{case_id}", f"/cases/{case_id}/plan", "/triage", "/locked", "/unlock",
            "/api/openapi.json", "/api/due", "/static/amparo.css", "/no-such-page", f"/cases/{case_id}xx"]


def test_security_headers_on_every_response(client, ids):
    for url in _pages(client, ids):
        r = client.get(url)
        h = r.headers
        assert h["content-security-policy"] == CSP, url
        assert "unsafe-inline" not in CSP and "unsafe-eval" not in CSP
        assert "default-src 'self'" in CSP and "frame-ancestors 'none'" in CSP
        assert h["x-frame-options"] == "DENY", url
        assert h["referrer-policy"] == "no-referrer", url
        assert h["x-content-type-options"] == "nosniff", url
        if not url.startswith("/static/"):
            assert h["cache-control"] == "no-store", url


def test_headers_also_on_errors_and_redirects(demo):
    vault, _ = demo
    with TestClient(build_app(vault)) as c:
        for r in (c.get("/", follow_redirects=False), c.post("/triage", follow_redirects=False),
                  c.get("/nowhere")):
            assert r.headers["x-frame-options"] == "DENY"
            assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


def test_every_state_changing_route_refuses_a_missing_csrf_token(client, ids):
    case_id = ids["4-coordinator-stopped-at-airport"]
    ws = client.app.state.keeper.workspace
    before = (ws.summary()["audit_entries"], len(ws.cases.notes(case_id)))
    from amparo.web.routes import ROUTERS

    posts = [route.path for router in ROUTERS for route in router.routes
             if "POST" in getattr(route, "methods", set()) and route.path not in ("/unlock", "/lock")]
    assert len(posts) >= 12
    for path in posts:
        url = path.replace("{case_id}", case_id).replace("{ref}", "p1")
        r = client.post(url, data={"text": "x", "consent": "none", "confirm": "yes"}, follow_redirects=False)
        if url.startswith("/api/"):
            assert r.status_code in (401, 422), url  # 422: body refused before auth is even looked at
            continue
        assert r.status_code == 303 and r.headers["location"].startswith("/unlock"), url
    assert (ws.summary()["audit_entries"], len(ws.cases.notes(case_id))) == before


def test_api_writes_need_the_csrf_header_with_a_session(client):
    facts = {"title": "t", "country": "HN", "people": [{"ref": "p1", "name": "N", "role": "defender"}]}
    assert client.post("/api/cases", json=facts).status_code == 401
    token = client.get("/session/csrf").json()["csrf"]
    r = client.post("/api/cases", json=facts, headers={"X-CSRF-Token": token})
    assert r.status_code in (201, 422)


def test_no_page_or_asset_references_another_host(client, ids):
    # Pages and assets (the API's JSON is data: its knowledge-base sources keep their URLs).
    for url in [u for u in _pages(client, ids) if not u.startswith("/api/")]:
        text = client.get(url).text
        assert not URL.findall(text.replace("http://testserver", "")), url
        if "html" in client.get(url).headers.get("content-type", ""):
            assert not [r for r in REF.findall(text) if r not in ("/", "")], url
    for asset in STATIC.iterdir():
        assert not URL.findall(asset.read_text("utf-8")), asset.name
    for template in TEMPLATES.iterdir():
        source = template.read_text("utf-8")
        assert not URL.findall(source), template.name
        # No inline script or style: the CSP would block them, and they are not needed.
        assert not re.search(r"<script(?![^>]*\bsrc=)", source), template.name
        assert not re.search(r"\sstyle=|<style|\son[a-z]+=", source), template.name


def test_docs_pages_that_load_a_cdn_are_off(client):
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
    schema = client.get("/api/openapi.json").json()
    assert "/api/cases" in schema["paths"] and "/api/triage" in schema["paths"]
    assert not any(p.startswith("/cases") for p in schema["paths"])  # pages are not API


def test_no_names_in_titles_or_urls(client, ids):
    case_id = ids["4-coordinator-stopped-at-airport"]
    for url in ("/", "/cases", f"/cases/{case_id}", f"/cases/{case_id}/plan"):
        html = client.get(url).text
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert "Mejía" not in title and "airport" not in title.lower()
        for href in re.findall(r'(?:href|action)="([^"]+)"', html):
            assert "Mej" not in href and " " not in href


def test_uploaded_file_is_never_served_inline(client, ids):
    case_id = ids["4-coordinator-stopped-at-airport"]
    r = post(client, f"/cases/{case_id}/evidence", files={"file": ("page.html", b"<script>alert(1)</script>",
                                                                   "text/html")})
    assert r.status_code == 200
    eid = client.app.state.keeper.workspace.evidence.list(case_id)[-1].evidence.id
    got = client.get(f"/evidence/{eid}")
    assert got.headers["content-type"] == "application/octet-stream"
    assert got.headers["content-disposition"].startswith("attachment")
    assert f"evidence-{eid}.html" in got.headers["content-disposition"]
