"""A process killed in the middle of an import leaves the vault as it was before."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from amparo.service import populate_demo
from amparo.service.workspace import Workspace
from amparo.store import KdfParams

FAST = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
PASS = "a long enough passphrase"

CHILD = textwrap.dedent("""
    import sys, time
    from amparo.service.demo import demo_case_files
    from amparo.service.workspace import Workspace
    ws = Workspace.open(sys.argv[1], sys.argv[2])
    facts = demo_case_files()[0][1]
    with ws.store.transaction():
        for i in range(50):
            ws.cases.add(facts)
            if i == 10:
                print("half-way", flush=True)
                time.sleep(60)
""")


def test_sigkill_mid_import_changes_nothing(tmp_path: Path):
    vault = tmp_path / "vault"
    with Workspace.create(vault, PASS, kdf=FAST) as ws:
        populate_demo(ws)
        before = (ws.store.cases.count(), ws.store.audit.head())
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(vault), PASS], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "half-way", child.stderr.read()
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    with Workspace.open(vault, PASS) as ws:
        assert ws.store.cases.count() == before[0]
        report = ws.store.audit.verify()
        assert report.ok
        # Only the two unlock entries (the child's was committed before its import) were added.
        assert report.entries == before[1][0] + 2
