"""A known name written through every path never reaches the disk in plaintext.

Case import, edit, consent change, note, evidence (content and file name), draft text,
follow-up: afterwards every byte of every file in the vault folder is scanned, while the
vault is open (live WAL) and after it is locked.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from amparo.service.workspace import Workspace
from amparo.store import KdfParams

FAST = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
DEMO = Path(__file__).parents[2] / "src/amparo/service/demo/4-coordinator-stopped-at-airport.json"
SECRETS = ["Zyxwelda", "Quorrington", "marmalade-tornado", "Fundación Qwertyuiop"]


def forms(word: str) -> list[bytes]:
    return [word.encode("utf-8"), word.encode("utf-16-le"), word.encode("utf-16-be"),
            word.lower().encode("utf-8"), word.upper().encode("utf-8")]


def scan(folder: Path) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.name}: {w}" for w in SECRETS for f in forms(w) if f in data]
    return found


def test_every_write_path_leaves_no_plaintext(tmp_path):
    facts = json.loads(DEMO.read_text())
    facts["people"][0]["name"] = "Zyxwelda Quorrington"
    facts["people"][0]["organisation"] = "Fundación Qwertyuiop"
    facts["reprisals"][1]["description"] = "Officers mentioned the marmalade-tornado meeting."
    facts["title"] = "Quorrington case"
    vault = tmp_path / "vault"
    evidence = tmp_path / "Quorrington-photo.txt"
    evidence.write_text("Statement of Zyxwelda Quorrington about the marmalade-tornado. " * 2000)

    ws = Workspace.create(vault, "a long enough passphrase", kdf=FAST,
                          clock=lambda: __import__("datetime").datetime(2026, 11, 28, 12, 0))
    case_id = ws.cases.add(facts)
    ws.cases.edit(case_id, ["people[p1].location=abroad"])
    ws.cases.set_consent(case_id, "p1", "public-named", method="in-person", note="Quorrington agreed")
    ws.cases.add_note(case_id, "Called Zyxwelda Quorrington about the marmalade-tornado file.")
    ws.evidence.add(case_id, evidence, description="Quorrington statement", names_people=("p1",))
    ws.drafts.draft(case_id, avenue="hrc:president", fmt="md")
    ws.followup.record_action(case_id, avenue="hrc:president", action="raise-with-delegation", people=("p1",),
                     sent_on=date(2026, 11, 27), channel="email", note="sent for Quorrington")
    assert ws.cases.list(text="Quorrington")  # the data is really there, and searchable
    assert scan(vault) == [], "plaintext while open"
    ws.lock()
    assert scan(vault) == [], "plaintext after lock"


def test_the_scan_would_find_a_name_in_a_plain_file(tmp_path):
    (tmp_path / "leak.db").write_bytes(b"\x00\x01" + "Zyxwelda".encode("utf-16-le"))
    assert scan(tmp_path) == ["leak.db: Zyxwelda"]
