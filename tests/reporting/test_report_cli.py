"""``amparo report`` and ``amparo precedents import`` from the command line."""

from __future__ import annotations

import json
import os

import pytest
from reporting_fixtures import NOW, fill

from amparo.cli.app import main
from amparo.store import KdfParams

PASSPHRASE = "correct horse battery"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from amparo.service.workspace import Workspace

    folder = tmp_path_factory.mktemp("cli")
    with Workspace.create(folder / "vault", PASSPHRASE, kdf=KdfParams(memory_kib=8192, time_cost=1),
                          clock=lambda: NOW) as ws:
        fill(ws.store)
    passfile = folder / "pass"
    passfile.write_text(PASSPHRASE + "\n")
    os.chmod(passfile, 0o600)
    return {"AMPARO_VAULT": str(folder / "vault"), "AMPARO_PASSPHRASE_FILE": str(passfile), "COLUMNS": "200"}


@pytest.fixture
def run(env, monkeypatch, capsys):
    for k, v in env.items():
        monkeypatch.setenv(k, v)

    def go(*args: object) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return go


def test_report_json_and_table(run):
    code, out, _ = run("report", "--from", "2025-05-01", "--to", "2026-04-30", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["totals"]["cases"] == 6 and data["totals"]["follow_up_cases"] == 1
    code, out, _ = run("report", "--from", "2025-05-01", "--to", "2026-04-30")
    assert code == 0 and "6 cases (5 new, 1 already reported)" in out


def test_report_csv_and_contribution_files(run, tmp_path):
    code, _, err = run("report", "--from", "2025-05-01", "--to", "2026-04-30", "--csv", tmp_path / "csv")
    assert code == 0, err
    # Issue 11: the file names carry the audience (internal by default).
    assert (tmp_path / "csv" / "internal-avenues.csv").read_text("utf-8").startswith("avenue,actions_sent")
    code, _, err = run("report", "--from", "2025-05-01", "--to", "2026-04-30", "--contribution",
                       "--format", "docx", "-o", tmp_path / "c.docx")
    assert code == 0, err
    assert (tmp_path / "c.docx").read_bytes()[:2] == b"PK"


def test_report_is_internal_by_default_and_public_on_request(run, tmp_path):
    code, out, _ = run("report", "--from", "2025-05-01", "--to", "2026-04-30")
    assert code == 0 and out.startswith("INTERNAL: every case of the vault") and "--public" in out
    code, out, err = run("report", "--from", "2025-05-01", "--to", "2026-04-30", "--public", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["audience"] == "public" and data["min_cell"] == 3 and data["withheld_cases"] == 3
    assert {r["country"] for r in data["tables"]["countries"]} == {"HN", "GT"}  # no CN, no BI
    code, out, err = run("report", "--from", "2025-05-01", "--to", "2026-04-30", "--public", "--min-cell", "2")
    assert code == 0, err
    assert out.startswith("PUBLIC: only cases whose people consent") and "counts below 2" in out
    assert "not shown" in out and "Cases left out for lack of consent: 3." in out
    code, _, err = run("report", "--from", "2025-05-01", "--to", "2026-04-30", "--public", "--csv", tmp_path / "p")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "p").iterdir())[0].startswith("public-")
    code, _, err = run("report", "--from", "2025-05-01", "--to", "2026-04-30", "--contribution", "--min-cell", "4",
                       "--format", "md", "-o", tmp_path / "c.md")
    assert code == 0, err
    assert "Counts below 4 are not shown" in (tmp_path / "c.md").read_text("utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (("--min-cell", "4"), "--min-cell: only public figures suppress small counts; add --public"),
    (("--public", "--min-cell", "1"), "1 is not between 2 and 1000; 3 is the usual threshold"),
    (("--public", "--min-cell", "few"), "'few' is not a whole number"),
    (("--from", "2026-05-01", "--to", "2025-05-01"), "--from: the period starts on 2026-05-01, after its end"),
    (("--from", "May 1st"), "--from: 'May 1st' is not a date"),
    (("--contribution", "--format", "odt", "-o", "x.odt"), "--format: 'odt' is not one of pdf, docx, md"),
    (("--contribution",), "-o: give the file"),
])
def test_bad_input_is_one_clear_line(run, args, message):
    code, out, err = run("report", *args)
    assert code == 2
    assert message in err and "Traceback" not in err + out


def test_unwritable_output_writes_nothing(run, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run("report", "--csv", blocker / "csv")
    assert code == 2 and "--csv" in err
    code, _, err = run("report", "--contribution", "-o", blocker / "c.pdf")
    assert code == 2 and "-o" in err
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


def test_precedents_import_reports_rows(run, tmp_path):
    bad = tmp_path / "p.csv"
    bad.write_text("title,country,year,region,bodies,reprisal_types,summary,sources,reviewed\n"
                   "Case,ZZ,2020,african,upr,threats,Text.,https://example.org,2026-01-01\n", "utf-8")
    code, _, err = run("precedents", "import", bad)
    assert code == 2 and "row 2, column country" in err
    bad.write_text(bad.read_text("utf-8").replace(",ZZ,", ",BI,"), "utf-8")
    code, out, err = run("precedents", "import", bad, "--json")
    assert code == 0, err
    assert len(json.loads(out)["imported"]) == 1
