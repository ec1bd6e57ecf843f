"""The embedded vault's web app knows nothing of server mode's pages: no accounts page, no
access lists, and the sign-in page sends to the unlock page."""

from __future__ import annotations

from web_support import AIRPORT, post


def test_the_embedded_app_has_no_team_pages(client, ids) -> None:
    case_id = ids[AIRPORT]
    assert client.get("/team").status_code == 404
    assert client.get(f"/cases/{case_id}/people").status_code == 404
    page = client.get(f"/cases/{case_id}")
    assert f'href="/cases/{case_id}/people"' not in page.text
    assert 'action="/lock"' in page.text and "/sign-out" not in page.text
    assert client.get("/sign-in", follow_redirects=False).headers["location"].startswith("/unlock")
    assert post(client, "/team/add", {"email": "a@example.org", "role": "coordinator",
                                      "password": "a long enough password"}).status_code == 404
