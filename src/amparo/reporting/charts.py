"""Charts of a compilation, drawn server-side: SVG for the web, PNG for documents.

matplotlib's object API with the Agg canvas (no pyplot, no global figure state, so the
web app may draw from several threads), no chart library from a CDN. Text in SVG is
drawn as paths, so the browser needs no font. ``MPLCONFIGDIR`` is pointed at a private
folder under the system temp when the user has not set it: matplotlib would otherwise
write its font cache into the user's home, and would read a ``matplotlibrc`` from that
folder, which is why a folder that someone else owns or can write is never used.

What a chart shows comes from ``chart_data`` (its bars and its figures as text): every
SVG carries them in ``<title>`` and ``<desc>``, every PNG in its ``Title`` and
``Description`` text chunks. Labels are set in the typesetting package's faces (DejaVu
Sans, then Amiri, Lohit Devanagari and WenQuanYi Micro Hei for the characters DejaVu
lacks, matplotlib falling back glyph by glyph). matplotlib does not shape text: Arabic
and Devanagari letters show unjoined (docs/reporting.md).
"""

from __future__ import annotations

import io
import os
import stat
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from amparo.reporting import wording as w
from amparo.reporting.chart_data import CHARTS, ChartData, chart_data
from amparo.reporting.compilation import Compilation

if TYPE_CHECKING:
    from matplotlib.axes import Axes

ChartFormat = Literal["svg", "png"]
CHART_FORMATS: tuple[str, ...] = ("svg", "png")
BAR = "#4f7ca8"  # a calm blue
INK = "#2b2b2b"
GRID = "#e3e3e3"
MARK = "#8a1c1c"  # the audience line: internal or public


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


_fonts_lock = threading.Lock()
_font_names: list[str] = []


def _chart_fonts() -> list[str]:
    """The typesetting faces registered with matplotlib once, as a fallback list of names."""
    with _fonts_lock:
        if not _font_names:
            from matplotlib import font_manager

            from amparo.typeset.fonts import ARABIC, CJK, DEVANAGARI, SANS, family_faces

            for family in (SANS, ARABIC, DEVANAGARI, CJK):
                for face in family_faces(family):
                    font_manager.fontManager.addfont(str(face.file))
                    if face.name not in _font_names:
                        _font_names.append(face.name)
            _font_names.append("DejaVu Sans")  # matplotlib's own copy, if the system's is missing
        return list(_font_names)


def _matplotlib() -> None:
    if not os.environ.get("MPLCONFIGDIR"):
        os.environ["MPLCONFIGDIR"] = _private_config_dir()
    import logging

    import matplotlib

    # Titles are bold and the fallback faces of other scripts have no bold: matplotlib
    # would log a warning per face on every chart, on the user's terminal.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    matplotlib.use("Agg", force=False)
    matplotlib.rcParams.update({
        "svg.hashsalt": "amparo",  # stable ids: the same compilation gives the same SVG
        "svg.fonttype": "path",
        "font.family": _chart_fonts(),
        "font.size": 9,
        "axes.edgecolor": "#bbbbbb",
        "axes.labelcolor": INK,
        "axes.titlesize": 11,
        "axes.titleweight": "bold",
        "axes.titlecolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
    })


def _empty(ax: Axes, message: str = w.CHART_EMPTY) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", color="#777777", transform=ax.transAxes, wrap=True)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


def _style(ax: Axes, *, xgrid: bool) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_axisbelow(True)
    ax.grid(axis="x" if xgrid else "y", color=GRID, linewidth=0.8)


def _hbars(ax: Axes, data: ChartData) -> None:
    if not data.bars:
        _empty(ax, " ".join(data.notes) or w.CHART_EMPTY)
        return
    names = [b.label for b in data.bars][::-1]
    values = [b.value or 0 for b in data.bars][::-1]
    bars = ax.barh(names, values, color=BAR, height=0.65)
    ax.bar_label(bars, labels=[b.mark for b in data.bars][::-1], padding=3, fontsize=8, color=INK)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(data.axis)
    ax.margins(x=0.18)
    _style(ax, xgrid=True)


def _columns(ax: Axes, data: ChartData) -> None:
    labels = [b.label for b in data.bars]
    values = [b.value or 0 for b in data.bars]
    bars = ax.bar(range(len(labels)), values, color=BAR, width=0.7)
    ax.bar_label(bars, labels=[b.mark for b in data.bars], padding=2, fontsize=8)
    ax.set_xticks(range(len(labels)), [b.tick or b.label for b in data.bars], rotation=45, ha="right")
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(bottom=0, top=max(1, *values) * 1.12)
    ax.set_xlabel(w.AXIS_MONTH)
    ax.set_ylabel(data.axis)
    _style(ax, xgrid=False)


def _svg_with_text(svg: bytes, data: ChartData) -> bytes:
    """The SVG with its title and figures in ``<title>`` and ``<desc>`` (read by screen readers)."""
    from xml.sax.saxutils import escape, quoteattr

    ids = f"amparo-chart-{data.name}"
    start = svg.index(b"<svg")
    end = svg.index(b">", start) + 1
    head = svg[start:end - 1] + (f' role="img" aria-labelledby={quoteattr(ids + "-title")} '
                                 f'aria-describedby={quoteattr(ids + "-desc")}>').encode()
    text = (f'\n <title id={quoteattr(ids + "-title")}>{escape(data.title)}</title>'
            f'\n <desc id={quoteattr(ids + "-desc")}>{escape(data.description)}</desc>').encode()
    return svg[:start] + head + text + svg[end:]


def draw(data: ChartData, fmt: ChartFormat = "svg") -> bytes:
    """The chart ``data`` describes, as SVG or PNG bytes, its figures in its text."""
    _matplotlib()
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.2, 3.9), dpi=110, layout="constrained")
    ax = fig.add_subplot()
    if data.empty:
        _empty(ax)
    elif data.columns:
        _columns(ax, data)
    else:
        _hbars(ax, data)
    ax.set_title(f"{data.title}\n", loc="left")
    ax.text(0, 1.02, data.period, transform=ax.transAxes, fontsize=8, color="#666666")
    ax.text(1, 1.02, data.audience, transform=ax.transAxes, fontsize=8, ha="right", color=MARK)
    if data.notes and data.bars:
        fig.text(0.01, 0.005, " ".join(data.notes), fontsize=7.5, color="#555555", ha="left", va="bottom")
    out = io.BytesIO()
    # PNG: the figures in its text chunks. SVG: in <title> and <desc>, added below.
    metadata = ({"Date": None} if fmt == "svg"
                else {"Software": None, "Title": data.title, "Description": data.description})
    fig.savefig(out, format=fmt, metadata=metadata, facecolor="white",
                dpi=150 if fmt == "png" else "figure")
    result = out.getvalue()
    return _svg_with_text(result, data) if fmt == "svg" else result


def render_chart(compilation: Compilation, name: str, fmt: ChartFormat = "svg") -> bytes:
    """One chart of ``compilation`` as SVG or PNG bytes (``name`` is a key of CHARTS)."""
    return draw(chart_data(compilation, name), fmt)


def render_charts(compilation: Compilation, fmt: ChartFormat = "svg") -> dict[str, bytes]:
    """Every chart of ``compilation``: name → SVG (or PNG) bytes, in the CHARTS order."""
    return {name: render_chart(compilation, name, fmt) for name in CHARTS}
