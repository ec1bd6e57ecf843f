"""What the CLI tests share: fast key derivation, the passphrase, results, snapshots."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from amparo.store import KdfParams

FAST = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
PASSPHRASE = "correct horse battery staple"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes under ``folder`` (to prove that nothing was written)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
