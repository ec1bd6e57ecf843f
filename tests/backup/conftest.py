"""A small vault with cases, evidence, a calendar file and a knowledge override, to back up."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from backup_support import FAST, NOW, PASS, clock

from amparo.model import load_case_facts
from amparo.service import populate_demo
from amparo.service.workspace import Workspace

DEMO = Path(__file__).parents[2] / "src" / "amparo" / "service" / "demo"


@pytest.fixture(scope="session")
def demo_names() -> set[str]:
    """Every person's name in the demo cases."""
    cases = [load_case_facts(p, today=NOW.date()) for p in sorted(DEMO.glob("[0-9]*.json"))]
    return {p.name for c in cases for p in c.people}


@pytest.fixture
def full_vault(tmp_path: Path) -> Path:
    """A demo vault with two evidence files (one over a chunk) and the workspace's own files."""
    path = tmp_path / "vault"
    with Workspace.create(path, PASS, kdf=FAST, clock=clock) as ws:
        populate_demo(ws)
        case_id = ws.cases.list()[0].id
        ws.evidence.add_stream(case_id, io.BytesIO(b"statement " * 100), filename="statement.txt")
        ws.evidence.add_stream(case_id, io.BytesIO(bytes(range(256)) * 9000), filename="video.bin")
    (path / "calendar.yaml").write_text("sessions: []\n")
    (path / "knowledge").mkdir()
    (path / "knowledge" / "local.yaml").write_text("avenues: []\n")
    return path
