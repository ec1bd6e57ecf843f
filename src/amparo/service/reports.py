"""Reports (``ws.reports``): compile a period, chart it, export it, write the contribution.

Two audiences, explicit in every call: ``internal`` (the default for tables, charts and
CSV) counts every case, from ``store.stats`` (aggregate SQL) compiled by
``amparo.reporting``; ``public`` counts only the cases whose people consent to a public
mention, read here as records and selected, compiled and suppressed by
``reporting.public``, and is the only kind the contribution uses. Files are written
whole or not at all.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from amparo.model import InvalidInput, Problem
from amparo.model.errors import Message
from amparo.reporting import AUDIENCES, CONTRIBUTION_FORMATS, DEFAULT_MIN_CELL, INTERNAL, PUBLIC, check_min_cell
from amparo.service.output_files import write_folder

if TYPE_CHECKING:
    from amparo.reporting import Compilation, Contribution
    from amparo.reporting.public import Selection
    from amparo.service.context import Context
    from amparo.store.repository import Store


def parse_day(value: str | date | None, option: str) -> date | None:
    """A date from ``YYYY-MM-DD`` text; InvalidInput names the option when it is not one."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(Problem(option, Message("{value!r} is not a date written YYYY-MM-DD",
                                                   value=value))) from None


class ReportService:
    """Compilations, charts, exports and the contribution, over the whole vault."""

    def __init__(self, ctx: Context, store: Store):
        self.ctx = ctx
        self.store = store
        from amparo.service.policy import Guard

        self.guard = Guard(ctx.actor, store)

    def period(self, start: str | date | None = None,
                      end: str | date | None = None) -> tuple[date, date]:
        """The period asked for; by default the SG reporting period (1 May–30 April) containing today.

        With only one end given, the other is that of the reporting period containing it.
        """
        from amparo.reporting import check_period
        from amparo.tracking.deadlines import reporting_period

        first, last = parse_day(start, "--from"), parse_day(end, "--to")
        if first is None:
            first = reporting_period(last or self.ctx.today())[0]
        if last is None:
            last = reporting_period(first)[1]
        check_period(first, last)
        return first, last

    def compile(self, start: str | date | None = None, end: str | date | None = None, *,
                audience: str = INTERNAL, min_cell: int = DEFAULT_MIN_CELL) -> Compilation:
        """The period's compilation for ``audience`` (counts only; ``.to_json()`` for the API).

        ``internal``: every case of the vault. ``public``: only the cases a public report
        may count, every cell below ``min_cell`` suppressed with its complements.
        """
        _check_audience(audience)
        self.guard.require("report.public" if audience == PUBLIC else "report.internal")
        first, last = self.period(start, end)
        if audience == PUBLIC:
            from amparo.reporting.public import compile_public

            check_min_cell(min_cell)
            return compile_public(self.selection(first, last, follow_ups=False), today=self.ctx.today(),
                                  min_cell=min_cell)
        from amparo.reporting import compile_period

        return compile_period(self.store.stats.aggregates(first, last))

    def selection(self, first: date, last: date, *, follow_ups: bool = True) -> Selection:
        """The period's cases as a public report sees them: described, followed up, withheld
        (``follow_ups=False``: without the earlier cases only the follow-up section needs)."""
        self.guard.require("report.public")
        return read_selection(self.store, first, last, today=self.ctx.today(), follow_ups=follow_ups)

    def charts(self, period: tuple[date, date] | None = None, fmt: str = "svg", *,
               audience: str = INTERNAL, min_cell: int = DEFAULT_MIN_CELL) -> dict[str, bytes]:
        """Chart name → SVG (or PNG) bytes for ``period`` (default: the current SG period)."""
        from amparo.reporting.charts import CHART_FORMATS, render_charts

        if fmt not in CHART_FORMATS:
            raise InvalidInput(Problem("format", Message("{fmt!r} is not one of {choices}",
                                                         fmt=fmt, choices=', '.join(CHART_FORMATS))))
        compilation = self.compile(*(period or (None, None)), audience=audience, min_cell=min_cell)
        return render_charts(compilation, fmt)  # type: ignore[arg-type]

    def write_csv(self, folder: Path, start: str | date | None = None, end: str | date | None = None, *,
                  audience: str = INTERNAL, min_cell: int = DEFAULT_MIN_CELL) -> list[Path]:
        """One CSV per table of the compilation into ``folder``, all or nothing (names say the audience)."""
        from amparo.reporting.export import csv_tables

        return write_folder(Path(folder), csv_tables(self.compile(start, end, audience=audience,
                                                                  min_cell=min_cell)))

    def contribution_document(self, start: str | date | None = None, end: str | date | None = None, *,
                              charts: bool = True, min_cell: int = DEFAULT_MIN_CELL,
                              language: str = "en") -> Contribution:
        """The contribution to the SG's call for the period: consent applied, public figures only.

        ``charts=False`` gives each chart's figures as text without drawing it (Markdown).
        ``language``: one of the six UN languages (the same gate and suppression in each).
        """
        from amparo.language.i18n import check_language

        check_language(language)
        from amparo.reporting.assembly import assemble
        from amparo.reporting.chart_data import all_chart_data
        from amparo.reporting.charts import draw
        from amparo.reporting.contribution import ChartFigure
        from amparo.reporting.public import compile_public

        check_min_cell(min_cell)
        self.guard.require("report.public")
        first, last = self.period(start, end)
        today = self.ctx.today()
        selection = self.selection(first, last)
        compilation = compile_public(selection, today=today, min_cell=min_cell)
        # The charts' words (titles, axes, months) are English only so far: a contribution in
        # another language gives the same figures in its text, without the charts.
        figures = [ChartFigure(d.name, d.title, d.description, draw(d, "png") if charts else None)
                   for d in all_chart_data(compilation)] if language == "en" else []
        document = assemble(selection, compilation, body_names={a.id: a.name for a in self.ctx.kb.avenues},
                            prepared_on=today, charts=figures, language=language)
        self.store.audit.record("report.contribution", "report", f"{first.isoformat()}/{last.isoformat()}")
        return document

    def contribution(self, start: str | date | None = None, end: str | date | None = None,
                     fmt: str = "pdf", *, min_cell: int = DEFAULT_MIN_CELL, language: str = "en") -> bytes:
        """The contribution rendered as pdf, docx or md (always public, ``min_cell`` its threshold),
        in ``language``."""
        from amparo.reporting import render_contribution

        if fmt not in CONTRIBUTION_FORMATS:
            raise InvalidInput(Problem("--format", Message("{fmt!r} is not one of {choices}",
                                                           fmt=fmt, choices=', '.join(CONTRIBUTION_FORMATS))))
        document = self.contribution_document(start, end, charts=fmt != "md", min_cell=min_cell,
                                              language=language)
        return render_contribution(document, fmt)

    def import_precedents(self, path: Path) -> list[str]:
        """Add every precedent of a CSV or JSON file to the vault's library, or none of them.

        Every row is checked first (InvalidInput lists each bad row and column); the rows
        are then added in one transaction. Returns the new ids.
        """
        from amparo.knowledge.schema import precedent_problems
        from amparo.reporting.precedents_import import read_precedents

        self.guard.require("case.create")
        rows = read_precedents(Path(path), precedent_problems)
        now = self.ctx.now()
        with self.store.transaction():
            return [self.store.precedents.add(row, now=now) for row in rows]


def read_selection(store: Store, first: date, last: date, *, today: date,
                   follow_ups: bool = True) -> Selection:
    """Read the period's cases with their follow-up, in a few queries (500 ids a query), and
    sort them as a public report sees them.

    ``follow_ups`` also reads every case reported before the period, for the follow-up
    section (the contribution); the figures need only the period's cases.
    """
    from amparo.reporting.public import CaseRecord, select

    new_ids, follow_ids = store.stats.case_ids(first, last)
    earlier_ids = sorted(set(store.stats.reported_before(first)) | set(follow_ids)) if follow_ups else follow_ids
    wanted = [*new_ids, *earlier_ids]
    cases = {c.id: c for c in store.cases.all(wanted)}
    followup = store.followup.for_cases(wanted)
    closures = store.closures.all()

    def record(case_id: str) -> CaseRecord:
        f = followup.get(case_id)
        return CaseRecord(cases[case_id], f.actions if f else (), f.responses if f else (),
                          f.events if f else (), closures.get(case_id))

    return select(first, last, new=[record(i) for i in new_ids], earlier=[record(i) for i in earlier_ids],
                  today=today)


def _check_audience(audience: str) -> None:
    if audience not in AUDIENCES:
        raise InvalidInput(Problem("audience", Message("{audience!r} is not one of {choices}",
                                                       audience=audience, choices=', '.join(AUDIENCES))))
