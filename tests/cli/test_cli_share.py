"""`amparo share identity | partner add | partner list | export | import` between two vaults."""

from __future__ import annotations

import os

from cli_support import FAST, PASSPHRASE

from amparo.service.workspace import Workspace


def test_two_organisations_share_a_case(vault_dir, cli, tmp_path, monkeypatch):
    other = tmp_path / "partner"
    Workspace.create(other, PASSPHRASE, kdf=FAST).lock()
    mine = cli("share", "identity", "--name", "Defenders Network", "--json")
    assert mine.code == 0, mine.err
    theirs = cli("share", "identity", "--name", "Geneva Partners", "--vault", other, "--json").json()
    assert cli("share", "partner", "add", "Geneva Partners", theirs["line"]).code == 0
    listed = cli("share", "partner", "list")
    assert theirs["fingerprint"] in listed.out
    case_id = cli("case", "list", "--json").json()[0]["id"]
    bundle = tmp_path / "case.amparo-share"
    made = cli("share", "export", case_id, "--to", "geneva-partners", "-o", bundle)
    assert made.code == 0, made.err
    # The partner has not added us yet: refused, nothing imported.
    refused = cli("share", "import", bundle, "--yes", "--vault", other)
    assert refused.code == 2 and "not in the address book" in refused.out
    assert cli("share", "partner", "add", "Defenders", mine.json()["line"], "--vault", other).code == 0
    imported = cli("share", "import", bundle, "--yes", "--vault", other)
    assert imported.code == 0, imported.err
    assert "Bundle from Defenders" in imported.out
    again = cli("share", "import", bundle, "--yes", "--vault", other)
    assert again.code == 2 and "imported before" in again.out
    assert len(cli("case", "list", "--vault", other, "--json").json()) == 1
    assert os.stat(bundle).st_mode & 0o077 == 0


def test_partner_add_needs_a_line(vault_dir, cli):
    result = cli("share", "partner", "add", "X")
    assert result.code == 2 and "give the name and the line" in result.err
