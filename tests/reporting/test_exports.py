"""CSV export, charts, and precedents in bulk: whole or nothing, clear messages."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from reporting_fixtures import END, START

from amparo.model import InvalidInput


def test_csv_writes_one_file_per_table_with_the_compilation_numbers(workspace, tmp_path):
    ws, _ = workspace
    files = ws.reports.write_csv(tmp_path / "figures", START, END)
    c = ws.reports.compile(START, END)
    # Issue 11: every file name says its audience, so that a file sent on alone still does.
    assert sorted(p.name for p in files) == sorted(["internal-totals.csv",
                                                    *(f"internal-{t.name}.csv" for t in c.tables)])
    with (tmp_path / "figures" / "internal-countries.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["country", "cases"]
    assert {k: int(v) for k, v in rows[1:]} == dict(c.table("countries").rows)
    assert [p.name for p in tmp_path.iterdir()] == ["figures"]  # no temp folder left behind


def test_csv_refuses_a_folder_that_cannot_be_written_and_writes_nothing(workspace, tmp_path):
    ws, _ = workspace
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for target in (blocker, blocker / "sub", tmp_path / "missing" / "deeper"):
        with pytest.raises(InvalidInput) as err:
            ws.reports.write_csv(target, START, END)
        assert err.value.problems[0].path == "--csv"
        assert target.name in str(err.value) or target.parent.name in str(err.value)
    assert [p.name for p in tmp_path.iterdir()] == ["a-file"]


def test_charts_are_svg_and_png_with_titles(workspace):
    ws, _ = workspace
    svgs = ws.reports.charts((START, END))
    assert list(svgs) == ["cases-per-month", "reprisal-forms", "countries", "response-times"]
    for data in svgs.values():
        assert data.lstrip().startswith(b"<?xml") and b"<svg" in data
        assert b'href="http' not in data and b"url(http" not in data  # nothing to fetch
    pngs = ws.reports.charts((START, END), fmt="png")
    assert all(p.startswith(b"\x89PNG") for p in pngs.values())
    # The same compilation draws the same SVG (stable ids, no date).
    assert ws.reports.charts((START, END)) == svgs
    with pytest.raises(InvalidInput):
        ws.reports.charts((START, END), fmt="gif")


PRECEDENT = {
    "title": "Defender detained after a review", "country": "BI", "year": 2016, "region": "african",
    "bodies": "tb:CAT", "reprisal_types": "professional-sanction;criminal-charges",
    "summary": "Lawyers were disbarred after the review.", "sources": "https://example.org/a",
    "reviewed": "2026-11-01", "responses": json.dumps([{"avenue": "tb:CAT", "action": "confidential-letter",
                                                        "date": "2016-08", "note": "Letter to the State."}]),
}


def _csv(path: Path, rows: list[dict[str, object]]) -> Path:
    columns = list(dict.fromkeys(k for r in rows for k in r))
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, columns)
        w.writeheader()
        w.writerows(rows)
    return path


def test_precedents_import_from_csv_and_json(workspace, tmp_path):
    ws, _ = workspace
    before = len(ws.store.precedents.list())
    ids = ws.reports.import_precedents(_csv(tmp_path / "p.csv", [PRECEDENT, {**PRECEDENT, "country": "CN",
                                                                     "region": "asia-pacific"}]))
    assert len(ids) == 2
    stored = ws.store.precedents.get(ids[0])
    assert stored["reprisal_types"] == ["professional-sanction", "criminal-charges"]
    assert stored["responses"][0]["action"] == "confidential-letter"
    as_json = {**PRECEDENT, "bodies": ["upr"], "reprisal_types": ["threats"], "sources": ["A/HRC/1/1"],
               "responses": []}
    (tmp_path / "p.json").write_text(json.dumps({"precedents": [as_json]}), "utf-8")
    assert len(ws.reports.import_precedents(tmp_path / "p.json")) == 1
    assert len(ws.store.precedents.list()) == before + 3
    # Imported precedents reach triage as the vault's own.
    from amparo.knowledge.entries import precedent

    assert precedent(ws.store.precedents.get(ids[1]), "vault").country == "CN"


def test_a_bad_row_names_row_and_column_and_nothing_is_imported(workspace, tmp_path):
    ws, _ = workspace
    before = len(ws.store.precedents.list())
    rows = [PRECEDENT, {**PRECEDENT, "country": "XX"}, {**PRECEDENT, "year": "soon"},
            {**PRECEDENT, "reprisal_types": "threats;teasing"}, {**PRECEDENT, "responses": "[not json"}]
    with pytest.raises(InvalidInput) as err:
        ws.reports.import_precedents(_csv(tmp_path / "bad.csv", rows))
    paths = [p.path for p in err.value.problems]
    assert "row 3, column country" in paths
    assert "row 4, column year" in paths
    assert "row 5, column reprisal_types" in paths
    assert "row 6, column responses" in paths
    assert "bad.csv" in str(err.value)
    assert len(ws.store.precedents.list()) == before


@pytest.mark.parametrize(("name", "content", "where"), [
    ("p.txt", "x", "p.txt"),
    ("p.json", "{not json", "p.json line 1"),
    ("p.csv", "title,colour\nx,y\n", "row 1, column colour"),
    ("p.json", json.dumps([{"title": "x", "wrong": 1}]), "item 1, field wrong"),
])
def test_unreadable_precedent_files_are_refused(workspace, tmp_path, name, content, where):
    ws, _ = workspace
    (tmp_path / name).write_text(content, "utf-8")
    with pytest.raises(InvalidInput) as err:
        ws.reports.import_precedents(tmp_path / name)
    assert where in [p.path for p in err.value.problems]


def test_every_chart_carries_its_figures_as_text(workspace):
    ws, _ = workspace
    svgs = ws.reports.charts((START, END))
    # The fixture's period cases: HN (A, E), CN (C, D), GT (B), BI (G).
    countries = svgs["countries"].decode("utf-8")
    title = countries[countries.index("<title"):countries.index("</title>")]
    desc = countries[countries.index("<desc"):countries.index("</desc>")]
    assert "Cases by country" in title
    assert "Honduras: 2" in desc and "China: 2" in desc and "Guatemala: 1" in desc and "Burundi: 1" in desc
    assert "Internal: not for publication" in desc
    assert 'role="img"' in countries and 'aria-describedby="amparo-chart-countries-desc"' in countries
    from reporting_readers import png_text

    png = ws.reports.charts((START, END), fmt="png")["countries"]
    assert "Honduras: 2" in png_text(png)


def test_public_charts_draw_no_suppressed_cell_and_say_so(workspace):
    ws, _ = workspace
    from amparo.reporting.chart_data import all_chart_data

    c = ws.reports.compile(START, END, audience="public")
    for data in all_chart_data(c):
        # A suppressed count is never a bar: its row is left out, or its month has none.
        assert all(b.value is not None for b in data.bars if not data.columns)
        assert all(b.mark == "–" for b in data.bars if b.value is None)
        assert "counts below 3 not shown" in data.description
    countries = next(d for d in all_chart_data(c) if d.name == "countries")
    assert countries.bars == () and countries.notes == (
        "Not shown: 2 countries whose count is small or would reveal a small one.",)


def test_chart_labels_are_set_in_fonts_for_every_script():
    import warnings

    from amparo.reporting.chart_data import Bar, ChartData
    from amparo.reporting.charts import draw

    names = ("温家明", "Анна Смирнова", "प्रिया शर्मा", "Γιώργος Παπαδάκης", "דוד לוי", "Côte d’Ivoire")
    data = ChartData(name="countries", title="Cases by country", period="2025", audience="Internal",
                     columns=False, bars=tuple(Bar(n, 1, "1", "1") for n in names), axis="Cases")
    with warnings.catch_warnings():
        # matplotlib warns "Glyph … missing from font(s) DejaVu Sans" for each character
        # it draws as a blank box: with the typesetting faces as fallbacks, none is.
        warnings.simplefilter("error")
        assert draw(data, "png").startswith(b"\x89PNG")
        svg = draw(data, "svg").decode("utf-8")
    assert "温家明" in svg[svg.index("<desc"):]  # the desc carries the labels as text
