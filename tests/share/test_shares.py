"""Shares between organisations: a signed, age-encrypted bundle of one case, redacted by the gate."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pyrage
import pytest

from amparo.model import InvalidInput
from amparo.service import ShareRefused
from amparo.service.workspace import Workspace
from amparo.store import KdfParams

FAST = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
PASS = "correct horse battery staple"


def clock() -> datetime:
    return datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


DEMO = Path(__file__).parents[2] / "src" / "amparo" / "service" / "demo" / "4-coordinator-stopped-at-airport.json"
P1_NAME, P2_NAME = "Rosa Elvira Mejía", "Daniela Mejía"
P1_ORG = "Asociación Ciudadana del Valle"


@pytest.fixture
def orgs(tmp_path: Path):
    """Three workspaces: A shares with B; C is a third organisation."""
    opened = {n: Workspace.create(tmp_path / n, PASS, kdf=FAST, clock=clock) for n in "ABC"}
    names = {"A": "Defenders Network", "B": "Geneva Partners", "C": "Third Org"}
    for n, ws in opened.items():
        ws.shares.identity(organisation=names[n])
    yield opened
    for ws in opened.values():
        ws.lock()


def _befriend(sender: Workspace, receiver: Workspace) -> str:
    """Each adds the other's line; returns the receiver's id in the sender's address book."""
    receiver.shares.add_partner(None, sender.shares.identity().line)
    return sender.shares.add_partner(None, receiver.shares.identity().line).id


def _case(ws: Workspace, *, p1_shares: bool) -> str:
    case_id = ws.cases.add(json.loads(DEMO.read_text()))
    if p1_shares:
        ws.cases.set_consent(case_id, "p1", {"circles": "state", "per_avenue": {"share:*": "un-confidential"}})
    return case_id


def _plaintext(ws: Workspace, bundle: Path) -> bytes:
    return pyrage.decrypt(bundle.read_bytes(), [ws.shares.identity().identity])


def _leaks(data: bytes, names: list[str]) -> list[str]:
    text = data.decode("utf-8", "replace").casefold()
    return [part for name in names for part in [name, *name.split()] if len(part) > 3 and part.casefold() in text]


def test_without_consent_to_shares_nobody_is_named(orgs, tmp_path: Path) -> None:
    a, b = orgs["A"], orgs["B"]
    to_b = _befriend(a, b)
    case_id = _case(a, p1_shares=False)  # p1 agreed to the State: that does not cover a partner
    out = a.shares.export(case_id, to_b, tmp_path / "bundle.age")
    assert _leaks(_plaintext(b, out), [P1_NAME, P2_NAME, P1_ORG]) == []


def test_every_decrypted_byte_names_only_who_consented_to_shares(orgs, tmp_path: Path) -> None:
    a, b = orgs["A"], orgs["B"]
    to_b = _befriend(a, b)
    case_id = _case(a, p1_shares=True)
    ev = a.evidence.add_stream(case_id, io.BytesIO(b"statement of p1"), filename=f"{P2_NAME} letter.pdf",
                               names_people=("p1",))
    out = a.shares.export(case_id, to_b, tmp_path / "bundle.age", evidence_ids=(ev.id,))
    plain = _plaintext(b, out)
    assert P1_NAME.encode() in plain
    assert _leaks(plain, ["Daniela"]) == []  # p2 (the surname is p1's too, and p1 consented)
    assert out.read_bytes().count(P1_NAME.encode()) == 0  # and the file itself is encrypted


def test_evidence_naming_someone_beyond_consent_is_refused(orgs, tmp_path: Path) -> None:
    a, b = orgs["A"], orgs["B"]
    to_b = _befriend(a, b)
    case_id = _case(a, p1_shares=True)
    ev = a.evidence.add_stream(case_id, io.BytesIO(b"photo"), filename="p.jpg", names_people=("p2",))
    with pytest.raises(InvalidInput, match="p2"):
        a.shares.export(case_id, to_b, tmp_path / "bundle.age", evidence_ids=(ev.id,))
    assert not (tmp_path / "bundle.age").exists()


def test_import_verifies_shows_and_records_provenance(orgs, tmp_path: Path) -> None:
    a, b = orgs["A"], orgs["B"]
    to_b = _befriend(a, b)
    case_id = _case(a, p1_shares=True)
    ev = a.evidence.add_stream(case_id, io.BytesIO(b"statement of p1"), filename="s.txt", names_people=("p1",))
    out = a.shares.export(case_id, to_b, tmp_path / "bundle.age", evidence_ids=(ev.id,))
    summary = b.shares.inspect(out)
    assert summary.sender == "Defenders Network" and summary.evidence == 1 and not summary.already_imported
    new_id = b.shares.import_(out)
    case = b.cases.get(new_id)
    assert case.people[0].name == P1_NAME
    assert [s.evidence.filename for s in b.evidence.list(new_id)] == ["evidence-1.txt"]
    assert b.evidence.read(b.evidence.list(new_id)[0].evidence.id) == b"statement of p1"
    assert any("Defenders Network" in n.text for n in b.cases.notes(new_id))
    assert "share.import" in [e.verb for e in b.store.audit.entries()]


def _refused(ws: Workspace, bundle: Path, reason: str) -> None:
    before = ws.cases.count()
    with pytest.raises(ShareRefused) as caught:
        ws.shares.import_(bundle)
    assert caught.value.reason == reason
    assert ws.cases.count() == before
    last = ws.store.audit.entries()[-1]
    assert (last.verb, last.object_id) == ("share.import-refused", reason)


def test_refusals_import_nothing_and_are_audited(orgs, tmp_path: Path) -> None:
    a, b, c = orgs["A"], orgs["B"], orgs["C"]
    to_b = _befriend(a, b)
    c.shares.add_partner(None, a.shares.identity().line)
    out = a.shares.export(_case(a, p1_shares=True), to_b, tmp_path / "bundle.age")
    data = out.read_bytes()
    # For another recipient.
    _refused(c, out, "not-for-us")
    # Tampered, and truncated.
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0x01
    (tmp_path / "t.age").write_bytes(bytes(flipped))
    _refused(b, tmp_path / "t.age", "damaged")
    (tmp_path / "cut.age").write_bytes(data[: len(data) - 30])
    _refused(b, tmp_path / "cut.age", "damaged")
    # Imported twice.
    b.shares.import_(out)
    _refused(b, out, "replayed")


def test_a_bundle_signed_by_an_unknown_key_is_refused(orgs, tmp_path: Path) -> None:
    a, b, c = orgs["A"], orgs["B"], orgs["C"]
    to_b = a.shares.add_partner(None, b.shares.identity().line).id  # B does not know A
    out = a.shares.export(_case(a, p1_shares=True), to_b, tmp_path / "bundle.age")
    _refused(b, out, "unknown-signer")
    # A third party that re-encrypts A's bundle to C, signed by A whom C knows: names B, refused.
    c.shares.add_partner(None, a.shares.identity().line)
    plain = _plaintext(b, out)
    rewrapped = pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(c.shares.identity().age_recipient)])
    (tmp_path / "fwd.age").write_bytes(rewrapped)
    _refused(c, tmp_path / "fwd.age", "not-for-us")


def test_partner_lines_are_checked_and_fingerprints_agree(orgs) -> None:
    a, b = orgs["A"], orgs["B"]
    with pytest.raises(InvalidInput, match="identity line"):
        a.shares.add_partner("X", "hello")
    partner = a.shares.add_partner(None, b.shares.identity().line)
    assert partner.name == "Geneva Partners" and partner.id == "geneva-partners"
    assert partner.fingerprint == b.shares.identity().fingerprint
    with pytest.raises(InvalidInput, match="already"):
        a.shares.add_partner("Other", b.shares.identity().line)
