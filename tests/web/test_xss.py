"""Everything user-written is escaped: a corpus of payloads in every text field, shown as typed."""

from __future__ import annotations

from markupsafe import escape
from web_support import AIRPORT, AIRPORT_ANSWERS, came_back, post, walk_wizard

PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "'><svg onload=alert(3)>",
    "</textarea><script>alert(4)</script>",
    "javascript:alert(5)",
    "{{7*7}}<b>bold</b>",
    '<a href="javascript:alert(6)">x</a>',
    "<iframe srcdoc='<script>alert(7)</script>'></iframe>",
)
def _shown_as_typed(page: str, payload: str) -> None:
    """The escaped text is there; the raw markup is not (plain words may appear as they are)."""
    assert str(escape(payload)) in page
    if str(escape(payload)) != payload:
        assert payload not in page


def test_payloads_in_case_page_fields_are_escaped(client, ids):
    case_id = ids[AIRPORT]
    for payload in PAYLOADS:
        post(client, f"/cases/{case_id}/notes", {"text": payload})
        post(client, f"/cases/{case_id}/people/p1/consent", {"consent": "state", "confirm": "yes", "note": payload})
        post(client, f"/cases/{case_id}/evidence", {"description": payload},
             files={"file": ("x.txt", b"x", "text/plain")})
    page = client.get(f"/cases/{case_id}").text
    for payload in PAYLOADS:
        _shown_as_typed(page, payload)


def test_payloads_in_forms_that_come_back_with_errors_are_escaped(client, ids):
    case_id = ids[AIRPORT]
    for payload in PAYLOADS:
        r = post(client, f"/cases/{case_id}/actions", {"avenue": payload, "sent_on": payload, "channel": "email",
                                                       "note": payload})
        assert came_back(r)
        _shown_as_typed(r.text, payload)
        _shown_as_typed(post(client, "/cases", {"text": payload}).text, payload)


def test_payloads_in_every_wizard_text_field_are_escaped(client):
    text_fields = ("session", "eng_description", "p1_name", "p2_name", "r1_description", "r1_link",
                   "steps_taken", "un_reference", "title")
    for payload in PAYLOADS[:4]:
        answers = {**AIRPORT_ANSWERS, **dict.fromkeys(text_fields, payload)}
        plan = walk_wizard(client, answers).text
        assert payload not in plan
        r = client.post("/triage", data={"csrf_token": client.get("/session/csrf").json()["csrf"], "step": "6",
                                         "go": "5", **answers})
        _shown_as_typed(r.text, payload)
