"""The writer's profile through the service: stored in the vault, audited by field names, used by drafts."""

from __future__ import annotations

import email
from collections.abc import Iterator
from datetime import UTC, datetime
from email import policy
from pathlib import Path

import pytest

from amparo.model import InvalidInput
from amparo.service import populate_demo
from amparo.service.workspace import Workspace
from amparo.store import KdfParams

FAST = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
PASS = "a long enough passphrase"
NOW = datetime(2026, 11, 28, 4, 0, tzinfo=UTC)
AIRPORT = "4-coordinator-stopped-at-airport"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.create(tmp_path / "vault", PASS, kdf=FAST, clock=lambda: NOW) as w:
        w.ids = populate_demo(w)  # type: ignore[attr-defined]
        yield w


def test_a_profile_is_kept_in_the_vault_and_audited_without_its_values(ws, tmp_path):
    assert ws.profile.get().empty
    ws.profile.set(organisation="Red Andina de Defensoras", contact="Ana Quispe", email="ana@red.example",
                   time_zone="America/Lima")
    ws.profile.set(signature="Ana Quispe\nCoordinadora")
    got = ws.profile.get()
    assert (got.organisation, got.contact, got.email, got.time_zone) == (
        "Red Andina de Defensoras", "Ana Quispe", "ana@red.example", "America/Lima")
    assert got.signature_lines() == ("Ana Quispe", "Coordinadora")
    entries = [e for e in ws.store.audit.entries() if e.verb == "profile.set"]
    assert [e.object_id for e in entries] == ["organisation/contact/email/time_zone", "signature"]
    dumped = " ".join(f"{e.verb} {e.object_type} {e.object_id}" for e in ws.store.audit.entries())
    assert "Quispe" not in dumped and "red.example" not in dumped
    # An empty value clears a field; an unchanged call writes nothing.
    head = ws.store.audit.head()
    ws.profile.set(organisation="Red Andina de Defensoras")
    assert ws.store.audit.head() == head
    ws.profile.set(time_zone="")
    assert ws.profile.get().time_zone is None


@pytest.mark.parametrize(("field", "value"), [("email", "not an address"), ("time_zone", "Mars/Olympus"),
                                               ("language", "klingon")])
def test_a_bad_value_names_its_field_and_changes_nothing(ws, field, value):
    ws.profile.set(email="ana@red.example")
    with pytest.raises(InvalidInput) as caught:
        ws.profile.set(**{field: value})
    assert caught.value.problems[0].path in (field, "language")
    assert ws.profile.get().email == "ana@red.example"


def test_a_draft_is_from_signed_by_and_dated_for_the_writer(ws):
    ws.profile.set(organisation="Red Andina de Defensoras", contact="Ana Quispe", email="ana@red.example",
                   time_zone="America/Lima")
    draft = ws.drafts.draft(ws.ids[AIRPORT], avenue="sg:report", fmt="eml")
    msg = email.message_from_bytes(draft.data, policy=policy.strict)
    assert msg["From"].addresses[0].addr_spec == "ana@red.example"
    # 04:00 UTC on the 28th is still the 27th in Lima: the letter is not dated tomorrow.
    assert msg["Date"].datetime.isoformat() == "2026-11-27T23:00:00-05:00"
    body = msg.get_body().get_content()
    assert "Red Andina de Defensoras" in body and "Ana Quispe" in body
    assert not draft.document.warnings or all("profile" not in w for w in draft.document.warnings)


def test_a_draft_without_a_profile_tells_the_user_not_the_recipient(ws):
    draft = ws.drafts.draft(ws.ids[AIRPORT], avenue="sg:report", fmt="txt")
    assert any("amparo profile set" in w for w in draft.to_json()["warnings"])
    assert "amparo profile" not in draft.data.decode()
