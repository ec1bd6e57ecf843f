"""PDF letters: Amparo's renderer against bare fpdf2 laying out the same text, in one run.

Two letters, both built by ``build_document`` from the knowledge base's ``sg:report``:

- latin: three people with Latin names (what most letters are);
- scripts: five people named in Chinese, Arabic, Russian, Hindi and Greek, an Arabic
  organisation, all consenting to be named.

For each: the first render in the process (fonts are read then) and the median of the
next ``RUNS`` renders, in CPU time of this process (the machine is shared: wall time
would measure the neighbours), against the bare baseline: one ``FPDF``, DejaVu Serif added with
HarfBuzz shaping, every string of the letter in a ``multi_cell`` (no fallback fonts, so a
Chinese name is blank there: the baseline only sets the scale). Prints the ratio.

To compare two versions of the code, run this file against each (``PYTHONPATH=other/src``)
and compare the absolute medians: the change in fonts was held to 1.5x of the old one.

    .venv/bin/python bench/typeset.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date

from amparo.drafting import build_document, render
from amparo.knowledge import load
from amparo.model.case import Case, ConsentRecord, Engagement, Person, Reprisal, Writer
from amparo.model.consent import Consent

DEJAVU_SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
TODAY = date(2026, 11, 28)
RECORD = ConsentRecord(given_on=date(2026, 6, 1), method="in-person", recorded_by="cw")

LATIN = ("Halina Wróblewska", "Tomasz Brzezinski", "Zofia Kowalczyk")
SCRIPTS = ("温家明", "فاطمة الزهراء", "Анна Смирнова", "प्रिया शर्मा", "Γιώργος Παπαδάκης")


def _case(names: tuple[str, ...], organisation: str) -> Case:
    people = tuple(
        Person(ref=f"p{i}", name=name, role="defender", gender="woman", location="in-custody",
               organisation=organisation if i == 1 else None, consent=Consent.up_to("public-named"),
               consent_record=RECORD)
        for i, name in enumerate(names, 1))
    refs = tuple(p.ref for p in people)
    return Case(
        id="bench-1", title="Bench case", country="CO", people=people, fictional=True,
        engagements=(Engagement(body="hrc", kind="session-participation", date=date(2026, 6, 20),
                                people=refs, session="Human Rights Council, 62nd session"),),
        reprisals=(Reprisal(type="arbitrary-detention", date=date(2026, 7, 1), people=refs,
                            perpetrator="police", place="the capital",
                            description=f"{names[0]} and {names[1]} were arrested at the airport."),),
        writer=Writer(name="Bench Network", capacity="NGO", contact="a secure channel"),
    )


def _bare(parts: list[str]) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("serif", "", DEJAVU_SERIF)
    pdf.set_text_shaping(True)
    pdf.add_page()
    pdf.set_font("serif", "", 10.5)
    for text in parts:
        pdf.multi_cell(0, 5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _time(fn, runs: int) -> tuple[float, float]:
    start = time.process_time()
    fn()
    first = time.process_time() - start
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return first, statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    avenue = load().avenue("sg:report")
    letters = {
        "latin": _case(LATIN, "Civic Monitor"),
        "scripts": _case(SCRIPTS, "مركز البحرين لحقوق الإنسان"),
    }
    for name, case in letters.items():
        doc = build_document(case, avenue, action="named-case-annex", today=TODAY)
        parts = doc.text_parts()
        _, bare = _time(lambda parts=parts: _bare(parts), args.runs)
        first, median = _time(lambda doc=doc: render(doc, "pdf"), args.runs)
        print(f"{name:8} bare fpdf2 {bare * 1000:7.1f} ms   amparo {median * 1000:7.1f} ms "
              f"(first {first * 1000:7.1f} ms)   ratio {median / bare:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
