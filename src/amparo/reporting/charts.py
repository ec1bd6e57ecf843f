"""Charts of a compilation, drawn server-side: SVG for the web, PNG for documents.

matplotlib's object API with the Agg canvas (no pyplot, no global figure state, so the
web app may draw from several threads), no chart library from a CDN. Text in SVG is
drawn as paths, so the browser needs no font. ``MPLCONFIGDIR`` is pointed at a private
folder under the system temp when the user has not set it: matplotlib would otherwise
write its font cache into the user's home, and would read a ``matplotlibrc`` from that
folder, which is why a folder that someone else owns or can write is never used.
"""

from __future__ import annotations

import io
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from amparo.reporting.compilation import Compilation
from amparo.reporting.labels import country_name, label

if TYPE_CHECKING:
    from matplotlib.axes import Axes

ChartFormat = Literal["svg", "png"]
CHART_FORMATS: tuple[str, ...] = ("svg", "png")
#: Chart name → title; the names are the keys of ``render_charts`` and the web's URLs.
CHARTS: dict[str, str] = {
    "cases-per-month": "Cases per month (by first reprisal in the period)",
    "reprisal-forms": "Forms of reprisal",
    "countries": "Cases by country",
    "response-times": "Median days to first response, by avenue",
}
BAR = "#4f7ca8"  # a calm blue
INK = "#2b2b2b"
GRID = "#e3e3e3"
TOP = 12  # longer lists are cut to the largest, the rest summed as "others"


def _private_config_dir() -> str:
    base = Path(tempfile.gettempdir()) / f"amparo-matplotlib-{os.getuid()}"
    try:
        base.mkdir(mode=0o700, exist_ok=True)
        info = base.lstat()
        if (stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
                and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
            return str(base)
    except OSError:
        pass
    return tempfile.mkdtemp(prefix="amparo-matplotlib-")


def _matplotlib() -> None:
    if not os.environ.get("MPLCONFIGDIR"):
        os.environ["MPLCONFIGDIR"] = _private_config_dir()
    import matplotlib

    matplotlib.use("Agg", force=False)
    matplotlib.rcParams.update({
        "svg.hashsalt": "amparo",  # stable ids: the same compilation gives the same SVG
        "svg.fonttype": "path",
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "axes.edgecolor": "#bbbbbb",
        "axes.labelcolor": INK,
        "axes.titlesize": 11,
        "axes.titleweight": "bold",
        "axes.titlecolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
    })


def _empty(ax: Axes) -> None:
    ax.text(0.5, 0.5, "Nothing recorded in this period", ha="center", va="center",
            color="#777777", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])


def _top(pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    if len(pairs) <= TOP:
        return pairs
    rest = sum(n for _, n in pairs[TOP - 1:])
    return [*pairs[:TOP - 1], (f"{len(pairs) - TOP + 1} others", rest)]


def _style(ax: Axes, *, xgrid: bool) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_axisbelow(True)
    ax.grid(axis="x" if xgrid else "y", color=GRID, linewidth=0.8)


def _hbars(ax: Axes, pairs: list[tuple[str, int | float]], xlabel: str,
           notes: list[str] | None = None) -> None:
    if not pairs:
        _empty(ax)
        return
    names = [p[0] for p in pairs][::-1]
    values = [p[1] for p in pairs][::-1]
    bars = ax.barh(names, values, color=BAR, height=0.65)
    texts = (notes or [f"{v:g}" for v in [p[1] for p in pairs]])[::-1]
    ax.bar_label(bars, labels=texts, padding=3, fontsize=8, color=INK)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(xlabel)
    ax.margins(x=0.18)
    _style(ax, xgrid=True)


def _per_month(ax: Axes, c: Compilation) -> None:
    rows = c.table("cases-per-month").rows
    if not any(n for _, n in rows):
        _empty(ax)
        return
    from datetime import date

    labels = [date.fromisoformat(m + "-01").strftime("%b %Y") for m, _ in rows]
    values = [n for _, n in rows]
    bars = ax.bar(range(len(rows)), values, color=BAR, width=0.7)
    ax.bar_label(bars, labels=[str(v) if v else "" for v in values], padding=2, fontsize=8)
    ax.set_xticks(range(len(rows)), labels, rotation=45, ha="right")
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Month")
    ax.set_ylabel("Cases")
    ax.margins(y=0.12)
    _style(ax, xgrid=False)


def _forms(ax: Axes, c: Compilation) -> None:
    t = c.table("reprisal-types")
    _hbars(ax, _top([(label(k), n) for k, n, _ in t.rows]), "Cases")


def _countries(ax: Axes, c: Compilation) -> None:
    _hbars(ax, _top([(country_name(k), n) for k, n in c.table("countries").rows]), "Cases")


def _response_times(ax: Axes, c: Compilation) -> None:
    rows = [r for r in c.table("avenues").to_json() if r["actions_sent"]]
    rows.sort(key=lambda r: (-r["actions_sent"], r["avenue"]))
    rows = rows[:TOP]
    pairs = [(r["avenue"], r["median_days_to_first_response"] or 0) for r in rows]
    notes = [(f"{r['median_days_to_first_response']:g} d" if r["median_days_to_first_response"] is not None
              else "no answer") + f"  ({r['actions_answered']}/{r['actions_sent']} answered)" for r in rows]
    _hbars(ax, pairs, "Median days from sending to the first answer", notes)


_DRAW: dict[str, Callable[[Axes, Compilation], None]] = {
    "cases-per-month": _per_month,
    "reprisal-forms": _forms,
    "countries": _countries,
    "response-times": _response_times,
}


def render_chart(compilation: Compilation, name: str, fmt: ChartFormat = "svg") -> bytes:
    """One chart of ``compilation`` as SVG or PNG bytes (``name`` is a key of CHARTS)."""
    _matplotlib()
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.2, 3.9), dpi=110, layout="constrained")
    ax = fig.add_subplot()
    _DRAW[name](ax, compilation)
    period = f"{compilation.start:%d %b %Y} – {compilation.end:%d %b %Y}"
    ax.set_title(f"{CHARTS[name]}\n", loc="left")
    ax.text(0, 1.02, period, transform=ax.transAxes, fontsize=8, color="#666666")
    out = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    fig.savefig(out, format=fmt, metadata=metadata, facecolor="white",
                dpi=150 if fmt == "png" else "figure")
    return out.getvalue()


def render_charts(compilation: Compilation, fmt: ChartFormat = "svg") -> dict[str, bytes]:
    """Every chart of ``compilation``: name → SVG (or PNG) bytes, in the CHARTS order."""
    return {name: render_chart(compilation, name, fmt) for name in CHARTS}
