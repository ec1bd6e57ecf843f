"""Reports (``ws.reports``): compile a period, chart it, export it, write the contribution.

The figures come from ``store.stats`` (aggregate SQL) and are compiled by
``amparo.reporting``; the contribution is assembled there too (``reporting.assembly``)
from the records read here, so that a case is described exactly as its people agreed,
or only counted. Files are written whole or not at all.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from amparo.model import InvalidInput, Problem
from amparo.reporting import CONTRIBUTION_FORMATS
from amparo.service.output_files import write_folder

if TYPE_CHECKING:
    from amparo.reporting import Compilation, Contribution
    from amparo.service.context import Context
    from amparo.store.repository import Store


def parse_day(value: str | date | None, option: str) -> date | None:
    """A date from ``YYYY-MM-DD`` text; InvalidInput names the option when it is not one."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(Problem(option, f"{value!r} is not a date written YYYY-MM-DD")) from None


class ReportService:
    """Compilations, charts, exports and the contribution, over the whole vault."""

    def __init__(self, ctx: Context, store: Store):
        self.ctx = ctx
        self.store = store

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

    def compile(self, start: str | date | None = None,
                       end: str | date | None = None) -> Compilation:
        """The period's compilation (counts only; ``.to_json()`` for the API)."""
        from amparo.reporting import compile_period

        first, last = self.period(start, end)
        return compile_period(self.store.stats.aggregates(first, last))

    def charts(self, period: tuple[date, date] | None = None,
                      fmt: str = "svg") -> dict[str, bytes]:
        """Chart name → SVG (or PNG) bytes for ``period`` (default: the current SG period)."""
        from amparo.reporting.charts import CHART_FORMATS, render_charts

        if fmt not in CHART_FORMATS:
            raise InvalidInput(Problem("format", f"{fmt!r} is not one of {', '.join(CHART_FORMATS)}"))
        compilation = self.compile(*(period or (None, None)))
        return render_charts(compilation, fmt)  # type: ignore[arg-type]

    def write_csv(self, folder: Path, start: str | date | None = None,
                         end: str | date | None = None) -> list[Path]:
        """One CSV per table of the compilation into ``folder``, all or nothing."""
        from amparo.reporting.export import csv_tables

        return write_folder(Path(folder), csv_tables(self.compile(start, end)))

    def contribution_document(self, start: str | date | None = None, end: str | date | None = None, *,
                              charts: bool = True) -> Contribution:
        """The contribution to the SG's call for the period, consent applied (``reporting.assembly``)."""
        from amparo.reporting.assembly import CaseRecord, assemble
        from amparo.reporting.charts import CHARTS, render_charts

        first, last = self.period(start, end)
        compilation = self.compile(first, last)
        new_ids, follow_ids = self.store.stats.case_ids(first, last)
        closures = self.store.closures.all()
        followup = self.store.followup

        def record(case_id: str) -> CaseRecord:
            return CaseRecord(self.store.cases.get(case_id).case, followup.list_actions(case_id),
                              followup.list_responses(case_id), followup.list_events(case_id),
                              closures.get(case_id))

        earlier = sorted(set(self.store.stats.reported_before(first)) | set(follow_ids))
        pictures = {}
        if charts:
            pictures = {name: (CHARTS[name], png) for name, png in render_charts(compilation, "png").items()}
        document = assemble(compilation, first, last, new=[record(i) for i in new_ids],
                            earlier=[record(i) for i in earlier],
                            body_names={a.id: a.name for a in self.ctx.kb.avenues},
                            prepared_on=self.ctx.today(), charts=pictures)
        self.store.audit.record("report.contribution", "report", f"{first.isoformat()}/{last.isoformat()}")
        return document

    def contribution(self, start: str | date | None = None, end: str | date | None = None,
                     fmt: str = "pdf") -> bytes:
        """The contribution rendered as pdf, docx or md."""
        from amparo.reporting import render_contribution

        if fmt not in CONTRIBUTION_FORMATS:
            raise InvalidInput(Problem("--format", f"{fmt!r} is not one of {', '.join(CONTRIBUTION_FORMATS)}"))
        document = self.contribution_document(start, end, charts=fmt != "md")
        return render_contribution(document, fmt)

    def import_precedents(self, path: Path) -> list[str]:
        """Add every precedent of a CSV or JSON file to the vault's library, or none of them.

        Every row is checked first (InvalidInput lists each bad row and column); the rows
        are then added in one transaction. Returns the new ids.
        """
        from amparo.knowledge.schema import precedent_problems
        from amparo.reporting.precedents_import import read_precedents

        rows = read_precedents(Path(path), precedent_problems)
        now = self.ctx.now()
        with self.store.transaction():
            return [self.store.precedents.add(row, now=now) for row in rows]
