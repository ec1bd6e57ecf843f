"""The long crash run: SIGKILL store writers 200 times (or --kills N) and add up what was left.

Usage: python bench/hardening.py [--kills N] [--seed S] [--keep DIR]

The six scenarios of tests/hardening (evidence add, evidence delete, full rekey, passphrase
change, the 0004 migration of an old vault, case import) take turns; half the kills come
from a timer at a random moment, half from the child itself right before its N-th file
operation or commit (N random). After each kill the folder is checked before the next open
(plaintext, leftovers and whether any key decrypts them) and after it (opens with the right
passphrase, audit chain, every acknowledged write, nothing left over). Prints the totals;
exits 1 if any kill was not survived. Make target: ``make hardening``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parents[1] / "tests" / "hardening"))

from crash_checks import check, summary
from crash_kit import SCENARIOS, TEMPLATE_OF, Zygote, build_templates, run_trial


def run_kills(kills: int, *, seed: int, scenarios: tuple[str, ...] = SCENARIOS,
              keep: Path | None = None) -> dict[str, Any]:
    """``kills`` SIGKILLs over the scenarios in turn; the totals, the kills per scenario,
    how many children ended before their kill, and the trials not survived."""
    rng = random.Random(seed)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="amparo-hardening-") as tmp:
        root = keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        templates = build_templates(root / "templates")
        zygote = Zygote()
        verdicts, tried, not_killed, failed = [], Counter(), 0, []
        try:
            for i in range(kills):
                scenario = scenarios[i % len(scenarios)]
                mode = "timer" if (i // len(scenarios)) % 2 == 0 else "call"
                trial_seed = rng.randrange(2**31)
                trial = run_trial(zygote, templates, scenario, trial_seed, mode, root / f"trial-{i:04d}")
                tried[scenario] += 1
                if not trial.killed:
                    not_killed += 1
                verdict = check(trial, templates[TEMPLATE_OF[scenario]])
                verdicts.append(verdict)
                if not verdict.survived:
                    failed.append((i, scenario, mode, trial_seed, verdict.problems[:2]))
        finally:
            zygote.close()
    return {"totals": summary(verdicts), "tried": tried, "kills": len(verdicts), "not_killed": not_killed,
            "failed": failed, "seconds": time.perf_counter() - start}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=None, help="to replay a run")
    parser.add_argument("--keep", type=Path, default=None, help="keep the trial folders here")
    parser.add_argument("--scenario", action="append", choices=SCENARIOS, help="only these (repeatable)")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(2**31)
    run = run_kills(args.kills, seed=seed, scenarios=tuple(args.scenario or SCENARIOS), keep=args.keep)
    print(f"hardening run, seed {seed}: {args.kills} kills in {run['seconds']:.0f} s")
    print("kills by scenario: " + ", ".join(f"{s} {n}" for s, n in run["tried"].items()))
    print(f"kills tried: {run['kills']}  (children that ended before the kill: {run['not_killed']})")
    for name, value in run["totals"].items():
        print(f"{name}: {value}")
    for i, scenario, mode, trial_seed, problems in run["failed"]:
        print(f"  NOT SURVIVED: trial {i} {scenario} ({mode}, seed {trial_seed}): {problems}")
    sys.exit(1 if run["failed"] else 0)


if __name__ == "__main__":
    main()
