"""Canary everywhere: a name made for the purpose goes through every CLI command and the
main web flows; afterwards it is searched for (UTF-8, UTF-16, lower case) in the vault
folder, the temp folder, the logs, stderr, and the server's memory after lock
(canary_flows.py does the runs, bench/hostile.py prints the same figures)."""

from __future__ import annotations

import pytest
from canary_flows import cli_run, web_run


def test_every_cli_command_leaves_the_canary_nowhere_it_was_not_asked_for(tmp_path):
    figures = cli_run(tmp_path)
    assert figures["failed commands"] == []
    assert figures["commands"] >= 30 and figures["files searched"] >= 5
    assert figures["vault"] == {}, "canary in the vault folder"
    assert figures["temp"] == {}, "canary in the temp folder"
    assert figures["stderr"] == 0, "canary on stderr"
    assert figures["logs"] == 0, "canary in a log record"
    assert figures["vault after delete"] == {}
    # What was asked for holds it (else the search could find nothing anywhere), owner-only.
    assert figures["outputs holding it"] >= 5
    assert figures["outputs readable by others"] == []


@pytest.mark.slow
def test_the_web_flows_leave_the_canary_nowhere_and_the_lock_drops_most_of_it(tmp_path):
    figures = web_run(tmp_path)
    assert figures["vault"] == {}, "canary in the vault folder"
    assert figures["temp"] == {}, "canary in the server's temp folder"
    assert figures["server log"] == 0, "canary in the server's log"
    assert figures["memory open"] > 0, "the scan must see the name while the case is open, or it proves nothing"
    # Python cannot promise to overwrite every string it freed (request bodies in the
    # server's buffers, freed str objects): the lock must at least drop part of what was
    # read. The figures are printed by bench/hostile.py.
    assert figures["memory locked"] < figures["memory open"]
