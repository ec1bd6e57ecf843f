"""Reporting through the Workspace: compile a period, chart it, export it, write the contribution.

The figures come from ``store.stats`` (aggregate SQL) and are compiled by
``amparo.reporting``; the contribution applies the consent rule of
``amparo.reporting.contribution`` and drafting's redaction, so that a case is described
exactly as its people agreed, or only counted. Files are written whole or not at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from amparo.model import InvalidInput, Problem
from amparo.reporting import CONTRIBUTION_FORMATS
from amparo.service.output_files import write_folder

if TYPE_CHECKING:
    from amparo.model import Case
    from amparo.reporting import Compilation, Contribution
    from amparo.service.workspace import Workspace

#: Engagement bodies that are not avenues of the knowledge base.
_PLAIN_BODY_NAMES = {
    "hrc": "the Human Rights Council", "upr": "the Universal Periodic Review",
    "ohchr": "OHCHR", "un-country-team": "the UN country team", "un-peace-mission": "a UN peace mission",
}


def parse_day(value: str | date | None, option: str) -> date | None:
    """A date from ``YYYY-MM-DD`` text; InvalidInput names the option when it is not one."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(Problem(option, f"{value!r} is not a date written YYYY-MM-DD")) from None


class ReportOps:
    """Mixed into Workspace."""

    def report_period(self: Workspace, start: str | date | None = None,
                      end: str | date | None = None) -> tuple[date, date]:
        """The period asked for; by default the SG reporting period (1 May–30 April) containing today.

        With only one end given, the other is that of the reporting period containing it.
        """
        from amparo.reporting import check_period
        from amparo.tracking.deadlines import reporting_period

        first, last = parse_day(start, "--from"), parse_day(end, "--to")
        if first is None:
            first = reporting_period(last or self.today())[0]
        if last is None:
            last = reporting_period(first)[1]
        check_period(first, last)
        return first, last

    def compile_report(self: Workspace, start: str | date | None = None,
                       end: str | date | None = None) -> Compilation:
        """The period's compilation (counts only; ``.to_json()`` for the API)."""
        from amparo.reporting import compile_period

        first, last = self.report_period(start, end)
        return compile_period(self.store.stats.aggregates(first, last))

    def report_charts(self: Workspace, period: tuple[date, date] | None = None,
                      fmt: str = "svg") -> dict[str, bytes]:
        """Chart name → SVG (or PNG) bytes for ``period`` (default: the current SG period)."""
        from amparo.reporting.charts import CHART_FORMATS, render_charts

        if fmt not in CHART_FORMATS:
            raise InvalidInput(Problem("format", f"{fmt!r} is not one of {', '.join(CHART_FORMATS)}"))
        compilation = self.compile_report(*(period or (None, None)))
        return render_charts(compilation, fmt)  # type: ignore[arg-type]

    def write_report_csv(self: Workspace, folder: Path, start: str | date | None = None,
                         end: str | date | None = None) -> list[Path]:
        """One CSV per table of the compilation into ``folder``, all or nothing."""
        from amparo.reporting.export import csv_tables

        return write_folder(Path(folder), csv_tables(self.compile_report(start, end)))

    def _body_names(self: Workspace) -> dict[str, str]:
        names = dict(_PLAIN_BODY_NAMES)
        names.update({a.id: a.name for a in self.kb.avenues})
        return names

    @staticmethod
    def _changed(case: Case, responses: list, events: list, closures: Mapping[str, tuple[str, date]],
                 first: date, last: date) -> bool:
        """Whether anything at all was recorded on the case in the period (public or not)."""
        closed = closures.get(case.id or "")
        return (any(first <= r.date <= last for r in case.reprisals)
                or any(first <= r.received_on <= last for r in responses)
                or any(first <= e.happened_on <= last for e in events)
                or (closed is not None and first <= closed[1] <= last))

    def contribution_document(self: Workspace, start: str | date | None = None,
                              end: str | date | None = None, *, charts: bool = True) -> Contribution:
        """The contribution to the SG's call for the period, consent applied (see reporting.contribution)."""
        from amparo.drafting.i18n import Language
        from amparo.drafting.redaction import plan_redaction
        from amparo.model.consent import Circle
        from amparo.reporting import contribution as c
        from amparo.reporting.charts import CHARTS, render_charts

        first, last = self.report_period(start, end)
        compilation = self.compile_report(first, last)
        new_ids, follow_ids = self.store.stats.case_ids(first, last)
        lang = Language("en")
        bodies = self._body_names()
        circles = (Circle.PUBLIC_ANONYMOUS, Circle.PUBLIC_NAMED)
        closures = self.store.closures.all()
        fictional = False

        def load(case_id: str) -> Case:
            return self.store.cases.get(case_id).case

        described: list[c.CaseSummary] = []
        withheld: dict[str, int] = {}
        for case_id in new_ids:
            case = load(case_id)
            fictional |= case.fictional
            view = c.public_view(case)
            if view is None:
                withheld[case.country] = withheld.get(case.country, 0) + 1
                continue
            # Redaction is planned on the whole case, so that a left-out person's name is
            # still replaced wherever the kept text mentions it.
            described.append(c.summarise(
                view[0], plan_redaction(case, circles, lang), bodies=bodies, left_out=view[1],
                actions=self.store.followup.list_actions(case_id),
                responses=self.store.followup.list_responses(case_id), number=len(described) + 1))

        follow_ups: list[c.FollowUp] = []
        follow_withheld = 0
        for case_id in sorted(set(self.store.stats.reported_before(first)) | set(follow_ids)):
            case = load(case_id)
            responses = self.store.followup.list_responses(case_id)
            events = self.store.followup.list_events(case_id)
            view = c.public_view(case)
            entry = c.follow_up(view[0] if view else case, plan_redaction(case, circles, lang),
                                start=first, end=last, responses=responses, events=events,
                                closure=closures.get(case_id), bodies=bodies, number=len(follow_ups) + 1)
            if not entry.changes and not self._changed(case, responses, events, closures, first, last):
                continue  # nothing happened in the period: no follow-up to give
            fictional |= case.fictional
            if view is not None and entry.changes:
                follow_ups.append(entry)
            else:
                follow_withheld += 1

        t = compilation.totals
        figures = (
            f"{t['cases']} cases with an act of reprisal in the period: {t['new_cases']} new, "
            f"{t['follow_up_cases']} already reported earlier.",
            f"{t['reprisal_acts']} acts of intimidation or reprisal, concerning {t['people']} people, "
            f"in {t['countries']} countries.",
            f"{t['actions_sent']} actions sent to UN and regional avenues; {t['actions_answered']} answered.",
            f"Cases described below: {len(described)}; cases only counted, for lack of consent: "
            f"{sum(withheld.values())}.",
        )
        notices = ("FICTIONAL DEMO CASES: this document contains invented cases. Do not submit it.",) \
            if fictional else ()
        pictures = {}
        if charts:
            pngs = render_charts(compilation, "png")
            pictures = {name: (CHARTS[name], png) for name, png in pngs.items()}
        self.store.audit.record("report.contribution", "report", f"{first.isoformat()}/{last.isoformat()}")
        return c.Contribution(
            title=f"Contribution to the Secretary-General's report on reprisals, "
                  f"{first:%d %B %Y} – {last:%d %B %Y}",
            start=first, end=last, prepared_on=self.today(),
            intro=("Cases of intimidation and reprisal against people who cooperated, or sought "
                   "to cooperate, with the United Nations in the field of human rights, for the "
                   "reporting period above. Each case is described only with the consent of the "
                   "people concerned: those who did not agree to be named are described without "
                   "their names, and cases whose people did not agree to a public mention are "
                   "counted but not described.",),
            countries=c.country_sections(described, withheld), follow_ups=tuple(follow_ups),
            follow_ups_undescribed=follow_withheld, figures=figures, notices=notices, charts=pictures)

    def contribution(self: Workspace, start: str | date | None = None, end: str | date | None = None,
                     fmt: str = "pdf") -> bytes:
        """The contribution rendered as pdf, docx or md."""
        from amparo.reporting import render_contribution

        if fmt not in CONTRIBUTION_FORMATS:
            raise InvalidInput(Problem("--format", f"{fmt!r} is not one of {', '.join(CONTRIBUTION_FORMATS)}"))
        document = self.contribution_document(start, end, charts=fmt != "md")
        return render_contribution(document, fmt)

    def import_precedents(self: Workspace, path: Path) -> list[str]:
        """Add every precedent of a CSV or JSON file to the vault's library, or none of them.

        Every row is checked first (InvalidInput lists each bad row and column); the rows
        are then added in one transaction. Returns the new ids.
        """
        from amparo.knowledge.schema import precedent_problems
        from amparo.reporting.precedents_import import read_precedents

        rows = read_precedents(Path(path), precedent_problems)
        now = self.now()
        with self.store.transaction():
            return [self.store.precedents.add(row, now=now) for row in rows]
