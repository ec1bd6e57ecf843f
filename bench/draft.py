"""Drafting from the plan: how many triages a draft costs, and the time, before and after.

Before the service was rebuilt, a draft from the vault triaged the case twice (once to
learn which files may be attached, once to draft) and the web's error path a third
time. Now a draft is made from the case's plan, computed once per state of the vault and
day. This bench drafts every demo case to its first avenue, counting calls to
``guidance.triage``, through the service (``ws.drafts.draft``) and through a
replay of the old path (triage, build, triage again, build, render) measured in the same
run. Prints triages per draft and the time ratio new/old (target: one triage, ratio < 1).

    .venv/bin/python bench/draft.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import amparo.guidance as guidance
import amparo.service.plans as plans_module
from amparo.service import Workspace, make_draft, populate_demo
from amparo.store import KdfParams

NOW = datetime(2026, 11, 28, 12, tzinfo=UTC)


class Counter:
    """Counts triages by wrapping the function the service calls."""

    def __init__(self) -> None:
        self.calls = 0
        self._real = guidance.triage

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self._real(*args, **kwargs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    counter = Counter()
    guidance.triage = counter  # plans.plan_case looks it up in the package at call time
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.create(Path(tmp) / "v", "bench passphrase", kdf=KdfParams(memory_kib=8192, time_cost=1),
                              clock=lambda: NOW)
        ids = list(populate_demo(ws).values())
        targets = {case_id: ws.plans.for_case(case_id).avenues[0].id for case_id in ids}
        ws.plans.clear()

        def new_path() -> None:
            for case_id, avenue in targets.items():
                ws.drafts.draft(case_id, avenue=avenue, fmt="txt")

        def old_path() -> None:
            # The old DraftOps.draft: make_draft twice, each running a whole triage, then the
            # draft recorded on the case (as the new path records it).
            for case_id, avenue in targets.items():
                case = ws.cases.get(case_id)
                for fmt in ("txt", "txt"):
                    plan = plans_module.plan_case(ws.ctx, case)
                    result = make_draft(ws.ctx, case, plan, avenue=avenue, language="en", fmt=fmt)
                ws.drafts._record(case_id, result, "txt")

        counter.calls = 0
        new_path()
        new_triages = counter.calls / len(targets)
        counter.calls = 0
        old_path()
        old_triages = counter.calls / len(targets)
        new_times, old_times = [], []
        for _ in range(args.rounds):
            ws.plans.clear()
            start = time.perf_counter()
            new_path()
            new_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            old_path()
            old_times.append(time.perf_counter() - start)
        ws.lock()
    new, old = statistics.median(new_times), statistics.median(old_times)
    print(f"triages per draft     old {old_triages:.1f}   new {new_triages:.1f} (first draft of a case; "
          "later drafts of the same state reuse the plan)")
    print(f"time for {len(targets)} drafts   old {old * 1000:7.1f} ms   new {new * 1000:7.1f} ms   "
          f"ratio {new / old:.2f}")
    ok = new_triages <= 1 and new / old < 1
    print("draft:", "OK" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
