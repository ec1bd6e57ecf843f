"""Public figures cannot be read back to a withheld case (issue 11).

The vault holds one described case and three withheld ones, each withheld case alone in
its country, form of reprisal, month and avenue. Before the fix, the contribution's
charts showed those months, forms, countries and avenues (with four cases, each bar was
one case) and its country sections said "Belarus: 1 further case". Every format is read
the way its readers read it: PDF text (pdftotext) and its images' alternative text and
pixels, DOCX XML and its pictures' text chunks and bytes, Markdown, and the public SVG,
PNG, CSV and JSON.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from reporting_fixtures import END, NOW, START, case, person
from reporting_readers import docx_media, docx_text, pdf_images, pdf_text, pixels, png_text

from amparo.model import Action, Circle, Engagement, Reprisal, Response
from amparo.store import KdfParams

PERIOD = (START, END)
#: What only the withheld cases have: countries, forms, months, avenues, bodies, people.
WITHHELD_ONLY = (
    "Belarus", "Iran", "Venezuela",
    "enforced disappearance", "enforced-disappearance", "travel ban", "travel-ban", "confiscation",
    "August 2025", "December 2025", "February 2026", "2025-08", "2025-12", "2026-02",
    "tb:CED", "rg:iachr", "sp:arbitrary-detention", "Committee on Enforced Disappearances",
    "Inter-American Commission", "Working Group on Arbitrary Detention", "Universal Periodic Review",
    "AL VEN 9/2026", "Wanda", "Walter", "Wiremu", "Dolores",
)
#: What the described case has: the scan sees these, so it would see a leak.
DESCRIBED_ONLY = ("Honduras", "Dana Described", "threats",
                  "Special Rapporteur on the situation of human rights defenders")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: A month of the chart's fixed axis saying there is nothing in it: "August 2025: 0" in
#: a chart's text, "2025-08,0" in CSV, "month": "2025-08", "cases": 0 in JSON.
_ZERO_MONTH = re.compile(rf"(?:{_MONTHS}) \d{{4}}: 0\b|\d{{4}}-\d\d,0\b|"
                         r'"month": "\d{4}-\d\d", "cases": 0\b')


def _vault(ws) -> None:
    """One described case (HN) and three withheld ones (BY, IR, VE), with follow-up."""
    store = ws.store
    cases = {
        "D": case("Described", "HN", (person("p1", "Dana Described", "public-named"),),
                  (Reprisal("threats", date(2025, 5, 10), ("p1",), "police"),),
                  (Engagement(body="hrc", kind="session-participation", date=date(2025, 3, 10), people=("p1",)),)),
        "W1": case("No consent", "BY", (person("p1", "Wanda Withheld", "none"),),
                   (Reprisal("enforced-disappearance", date(2025, 8, 14), ("p1",)),),
                   (Engagement(body="tb:CED", kind="communication", date=date(2025, 7, 1), people=("p1",)),)),
        "W2": case("State only", "IR", (person("p1", "Walter Withheld", "state", gender="man"),),
                   (Reprisal("travel-ban", date(2025, 12, 3), ("p1",)),),
                   (Engagement(body="upr", kind="written-submission", date=date(2025, 6, 1), people=("p1",)),)),
        # A record about someone who consents and someone who does not cannot be split.
        "W3": case("Mixed record", "VE", (person("p1", "Wiremu Withheld", "public-named", gender="man"),
                                          person("p2", "Dolores Withheld", "none")),
                   (Reprisal("confiscation", date(2026, 2, 10), ("p1", "p2")),)),
    }
    ids = {k: store.cases.add(c, now=NOW) for k, c in cases.items()}
    for letter, avenue, sent, answer in (("D", "sp:human-rights-defenders", date(2025, 5, 12), date(2025, 5, 20)),
                                         ("W1", "tb:CED", date(2025, 8, 20), date(2025, 9, 1)),
                                         ("W2", "rg:iachr", date(2025, 12, 5), None),
                                         ("W3", "sp:arbitrary-detention", date(2026, 2, 12), date(2026, 3, 1))):
        a_id = store.followup.add_action(Action(id="", case_id=ids[letter], avenue=avenue, action=None, sent_on=sent,
                                                channel="email", disclosure=Circle.UN_CONFIDENTIAL), now=NOW)
        if answer:
            store.followup.add_response(Response(
                id="", case_id=ids[letter], kind="communication-to-state", received_on=answer, from_avenue=avenue,
                action_id=a_id, reference="AL VEN 9/2026" if letter == "W3" else None), now=NOW)


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    from amparo.service.workspace import Workspace

    ws = Workspace.create(tmp_path_factory.mktemp("vault") / "v", "correct horse",
                          kdf=KdfParams(memory_kib=8192, time_cost=1), clock=lambda: NOW)
    _vault(ws)
    yield ws
    ws.lock()


@pytest.fixture(scope="module")
def contribution(ws) -> dict[str, bytes]:
    return {fmt: ws.reports.contribution(*PERIOD, fmt=fmt) for fmt in ("pdf", "docx", "md")}


def _assert_nothing_withheld(text: str, where: str) -> None:
    flat = _ZERO_MONTH.sub("", " ".join(text.split()))
    for word in WITHHELD_ONLY:
        assert word.casefold() not in flat.casefold(), (where, word)


def test_the_internal_report_keeps_every_case_and_says_it_is_internal(ws):
    c = ws.reports.compile(*PERIOD)
    assert c.audience == "internal" and not c.public
    assert c.totals["cases"] == 4
    assert {k for k, _ in c.table("countries").rows} == {"HN", "BY", "IR", "VE"}
    data = c.to_json()
    assert data["audience"] == "internal" and data["notice"].startswith("INTERNAL")
    svg = ws.reports.charts(PERIOD)["countries"]
    assert b"Internal: not for publication" in svg


def test_the_public_compilation_counts_the_described_case_only(ws):
    c = ws.reports.compile(*PERIOD, audience="public")
    assert c.public and c.withheld == 3 and c.min_cell == 3
    assert [k for k, _ in c.table("countries").rows] == ["HN"]
    per_month = dict(c.table("cases-per-month").rows)
    assert {m for m, n in per_month.items() if n != 0} == {"2025-05"}  # every withheld month reads 0
    assert [r[0] for r in c.table("avenues").rows] == ["sp:human-rights-defenders"]
    assert [r[0] for r in c.table("bodies").rows] == ["hrc"]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md"])
def test_no_format_of_the_contribution_holds_what_only_withheld_cases_have(contribution, fmt):
    data = contribution[fmt]
    text = {"pdf": pdf_text, "docx": docx_text, "md": lambda b: b.decode("utf-8")}[fmt](data)
    for word in DESCRIBED_ONLY:
        assert word in " ".join(text.split()), (fmt, word)
    _assert_nothing_withheld(text, fmt)
    flat = " ".join(text.split())
    assert "not counted in any figure): 3." in flat
    assert flat.count("lack of consent") == 1  # once, for the whole document


def test_the_charts_of_the_contribution_are_the_public_ones_with_their_figures_as_text(ws, contribution):
    public = ws.reports.charts(PERIOD, fmt="png", audience="public")
    # The pictures are those drawn from the public compilation, byte for byte in the DOCX
    # and pixel for pixel in the PDF, so what they draw is what the public data holds.
    assert sorted(docx_media(contribution["docx"]).values()) == sorted(public.values())
    assert sorted(map(pixels, pdf_images(contribution["pdf"]))) == sorted(map(pixels, public.values()))
    for name, png in public.items():
        _assert_nothing_withheld(png_text(png), name)
        assert "Public figures: counts below 3 not shown" in png_text(png)
    for name, svg in ws.reports.charts(PERIOD, audience="public").items():
        _assert_nothing_withheld(svg.decode("utf-8"), name)
    document = ws.reports.contribution_document(*PERIOD, charts=False)
    for chart in document.charts:
        _assert_nothing_withheld(chart.description, chart.name)


def test_public_csv_and_json_hold_nothing_of_the_withheld_cases(ws, tmp_path):
    files = ws.reports.write_csv(tmp_path / "public", *PERIOD, audience="public")
    assert all(p.name.startswith("public-") for p in files)
    text = "\n".join(p.read_text("utf-8") for p in files)
    for code in ("BY", "IR", "VE"):
        assert f"\n{code}," not in text
    _assert_nothing_withheld(text, "csv")
    data = ws.reports.compile(*PERIOD, audience="public").to_json()
    assert data["audience"] == "public" and data["withheld_cases"] == 3
    _assert_nothing_withheld(json.dumps(data, ensure_ascii=False), "json")
    totals = (tmp_path / "public" / "public-totals.csv").read_text("utf-8").splitlines()
    assert totals[0].startswith("audience,notice,period_from,period_to,min_cell,withheld_cases")
    assert totals[1].startswith("public,")


def test_the_threshold_is_stated_in_the_document(ws):
    document = ws.reports.contribution_document(*PERIOD, charts=False, min_cell=5)
    assert "Counts below 5 are not shown" in " ".join(document.figures)
    assert all("counts below 5 not shown" in c.description for c in document.charts)
