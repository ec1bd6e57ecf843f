"""A letter from the vault tells the body the case's UN history and lists the evidence by SHA-256."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from amparo.service import populate_demo
from amparo.service.workspace import Workspace
from amparo.store import KdfParams

FAST = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
PASS = "a long enough passphrase"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
AIRPORT = "4-coordinator-stopped-at-airport"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.create(tmp_path / "vault", PASS, kdf=FAST, clock=lambda: NOW) as w:
        w.ids = populate_demo(w)  # type: ignore[attr-defined]
        yield w


def _record(ws, case_id):
    action = ws.followup.record_action(case_id, avenue="sp:human-rights-defenders", sent_on=date(2026, 9, 2),
                                       channel="email", action="notify-confidentially", people=("p1",),
                                       note="Sent with the hearing record.")
    ws.followup.record_response(case_id, kind="communication-to-state", received_on=date(2026, 10, 5),
                                from_avenue="sp:human-rights-defenders", action_id=action,
                                reference="UA HND 4/2026")
    return action


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_the_letter_gives_what_was_sent_when_and_the_reference_received(ws, lang):
    case_id = ws.ids[AIRPORT]
    _record(ws, case_id)
    # Words, not line breaks: the text format wraps lines wherever the language's words fall.
    text = " ".join(ws.drafts.draft(case_id, avenue="sp:human-rights-defenders", language=lang).data.decode().split())
    assert "UA HND 4/2026" in text
    heading = {"en": "2 September 2026", "fr": "2 septembre 2026", "es": "2 de septiembre de 2026"}[lang]
    assert heading in text and "Sent with the hearing record." in text
    doc = ws.drafts.draft(case_id, avenue="sp:human-rights-defenders", language=lang).document
    # The subject carries the case's reference and the one the mandate gave.
    assert case_id in doc.subject and "UA HND 4/2026" in doc.subject


def test_a_text_meant_for_the_public_cites_no_communication_reference(ws):
    case_id = ws.ids[AIRPORT]
    _record(ws, case_id)
    ws.cases.set_consent(case_id, "p1", {"circles": "public-named"}, method="in-person")
    draft = ws.drafts.draft(case_id, avenue="sg:report", action="anonymised-mention")
    assert draft.document.purpose.circle.value.startswith("public")
    assert "UA HND 4/2026" not in draft.data.decode() and case_id not in draft.document.subject


def test_the_evidence_annex_lists_each_file_with_its_sha256(ws, tmp_path):
    case_id = ws.ids[AIRPORT]
    photo = tmp_path / "airport-notice.pdf"
    photo.write_bytes(b"%PDF-1.4 notice of interrogation")
    item = ws.evidence.add(case_id, photo, description="Notice handed over at the airport")
    text = ws.drafts.draft(case_id, avenue="sg:report", attach=(item.id,)).data.decode()
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert f"airport-notice.pdf — Notice handed over at the airport (SHA-256 {digest})" in " ".join(text.split())
