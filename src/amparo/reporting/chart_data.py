"""What each chart shows, as data and as text (pure): the bars, their figures, the notes.

A chart is drawn from a ``ChartData`` (``charts.py``), and the same value gives its
alternative text (``description``: SVG ``<title>``/``<desc>``, PDF ``/Alt``, DOCX
``descr``, the caption beside it): a reader with a screen reader, and a check, reads the
figures the picture shows. Suppressed cells are never drawn: a ranked chart leaves their
rows out, the monthly chart leaves the bar out and marks the month, and a note says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from amparo.reporting import wording as w
from amparo.reporting.compilation import SUPPRESSED, Compilation
from amparo.reporting.labels import country_name, label

#: Chart name → title; the names are the keys of ``render_charts`` and the web's URLs.
CHARTS: dict[str, str] = dict(w.CHART_TITLES)
TOP = 12  # longer lists are cut to the largest, the rest summed as "others"


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its label, its value (None: not shown), its figure as text, its mark on the chart."""

    label: str
    value: float | None
    text: str
    mark: str
    tick: str = ""  # a shorter label under the axis, when there is one


@dataclass(frozen=True, slots=True)
class ChartData:
    """One chart of one compilation, ready to draw and to read aloud."""

    name: str
    title: str
    period: str
    audience: str
    #: True: one column per month on a fixed axis; False: ranked horizontal bars.
    columns: bool
    bars: tuple[Bar, ...]
    axis: str
    notes: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether there is nothing recorded to draw (every value zero, nothing suppressed)."""
        return not self.notes and not any(b.value for b in self.bars)

    @property
    def description(self) -> str:
        """The chart's figures as text: its alternative text and caption."""
        if self.empty:
            figures = w.CHART_NOTHING
        else:
            shown = "; ".join(f"{b.label}: {b.text}" for b in self.bars)
            figures = " ".join([f"{shown}." if shown else "", *self.notes]).strip()
        return w.CHART_DESCRIPTION.format(title=self.title, period=self.period, audience=self.audience,
                                          figures=figures)


def _audience(c: Compilation) -> str:
    return w.PUBLIC_CHART.format(min_cell=c.min_cell) if c.public else w.INTERNAL_CHART


def _count(v: object) -> str:
    return w.NOT_SHOWN if v is SUPPRESSED else str(v)


def _ranked(pairs: list[tuple[str, object]]) -> tuple[list[Bar], int]:
    """Bars of the shown rows (the largest TOP, the rest as "others"), and how many were not shown."""
    shown = [(k, int(v)) for k, v in pairs if v is not SUPPRESSED]  # type: ignore[call-overload]
    hidden = len(pairs) - len(shown)
    if len(shown) > TOP:
        rest = sum(n for _, n in shown[TOP - 1:])
        shown = [*shown[:TOP - 1], (w.OTHERS.format(n=len(shown) - TOP + 1), rest)]
    return [Bar(k, n, str(n), str(n)) for k, n in shown], hidden


def _notes(name: str, hidden: int) -> tuple[str, ...]:
    return (w.rows_not_shown(name, hidden),) if hidden else ()


def _per_month(c: Compilation) -> tuple[list[Bar], tuple[str, ...]]:
    bars = []
    for month, n in c.table("cases-per-month").rows:
        day = date.fromisoformat(month + "-01")
        long, tick = day.strftime(w.MONTH_LONG_FORMAT), day.strftime(w.MONTH_FORMAT)
        if n is SUPPRESSED:
            bars.append(Bar(long, None, w.NOT_SHOWN, w.BAR_NOT_SHOWN, tick))
        else:
            bars.append(Bar(long, n, str(n), str(n) if n else "", tick))
    hidden = any(b.value is None for b in bars)
    return bars, (w.MONTHS_NOT_SHOWN,) if hidden else ()


def _forms(c: Compilation) -> tuple[list[Bar], tuple[str, ...]]:
    bars, hidden = _ranked([(label(k), n) for k, n, _ in c.table("reprisal-types").rows])
    return bars, _notes("reprisal-forms", hidden)


def _countries(c: Compilation) -> tuple[list[Bar], tuple[str, ...]]:
    bars, hidden = _ranked([(country_name(k), n) for k, n in c.table("countries").rows])
    return bars, _notes("countries", hidden)


def _response_times(c: Compilation) -> tuple[list[Bar], tuple[str, ...]]:
    rows = [r for r in c.table("avenues").to_json() if r["actions_sent"] != 0]
    code = w.SUPPRESSED_CODE
    hidden = [r for r in rows if code in (r["actions_sent"], r["actions_answered"], r["median_days_to_first_response"])]
    rows = [r for r in rows if r not in hidden]
    rows.sort(key=lambda r: (-r["actions_sent"], r["avenue"]))
    bars = []
    for r in rows[:TOP]:
        median = r["median_days_to_first_response"]
        answered = w.ANSWERED.format(answered=r["actions_answered"], sent=r["actions_sent"])
        text = (w.DAYS.format(days=median) if median is not None else w.NO_ANSWER) + "  " + answered
        bars.append(Bar(r["avenue"], median or 0, text, text))
    return bars, _notes("response-times", len(hidden))


_DATA: dict[str, Callable[[Compilation], tuple[list[Bar], tuple[str, ...]]]] = {
    "cases-per-month": _per_month,
    "reprisal-forms": _forms,
    "countries": _countries,
    "response-times": _response_times,
}
_AXES = {"cases-per-month": w.AXIS_CASES, "reprisal-forms": w.AXIS_CASES, "countries": w.AXIS_CASES,
         "response-times": w.AXIS_DAYS}


def chart_data(compilation: Compilation, name: str) -> ChartData:
    """What chart ``name`` (a key of CHARTS) shows of ``compilation``."""
    bars, notes = _DATA[name](compilation)
    period = w.PERIOD.format(start=f"{compilation.start:%d %b %Y}", end=f"{compilation.end:%d %b %Y}")
    return ChartData(name=name, title=CHARTS[name], period=period, audience=_audience(compilation),
                     columns=name == "cases-per-month", bars=tuple(bars), axis=_AXES[name], notes=notes)


def all_chart_data(compilation: Compilation) -> list[ChartData]:
    """Every chart of ``compilation``, in the CHARTS order."""
    return [chart_data(compilation, name) for name in CHARTS]
