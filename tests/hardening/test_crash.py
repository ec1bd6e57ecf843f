"""SIGKILL a process mid-write, 20 times over six scenarios; the vault must always come back.

The long run (200 kills, totals printed) is ``make hardening`` (bench/hardening.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from crash_checks import check
from crash_kit import Template, Zygote, build_templates, run_trial

# (scenario, kills by timer, kills at the n-th call): 20 kills in all.
PLAN = [("evidence-add", 2, 2), ("evidence-delete", 2, 2), ("rekey", 2, 2), ("passphrase", 1, 1),
        ("migration", 1, 2), ("case-import", 1, 2)]
TRIALS = [(scenario, mode, seed) for scenario, timer, call in PLAN
          for mode, count in (("timer", timer), ("call", call)) for seed in range(count)]
assert len(TRIALS) == 20


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Template]:
    return build_templates(tmp_path_factory.mktemp("templates"))


@pytest.fixture(scope="module")
def zygote() -> Iterator[Zygote]:
    z = Zygote()
    yield z
    z.close()


@pytest.mark.parametrize(("scenario", "mode", "seed"), TRIALS, ids=lambda v: str(v))
def test_a_kill_loses_nothing_acknowledged_and_leaves_nothing_decryptable(
        zygote: Zygote, templates: dict[str, Template], tmp_path: Path,
        scenario: str, mode: str, seed: int) -> None:
    from crash_kit import TEMPLATE_OF

    trial = run_trial(zygote, templates, scenario, 1000 * seed + len(scenario), mode, tmp_path)
    assert trial.killed, f"the child was not killed (status {trial.status})"
    verdict = check(trial, templates[TEMPLATE_OF[scenario]])
    assert verdict.problems == []
    assert verdict.lost == verdict.decryptable == verdict.left_after_open == 0
