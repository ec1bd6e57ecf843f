"""The follow-up rules, read from ``data/rules.yaml`` with their sources.

Deadlines are computed from these rules, never typed by hand. Each rule says whether it
is a sourced UN fact or an Amparo default (a working habit that the user can change),
and whether its fact is verified; the faces show both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from amparo.model.errors import InvalidInput, Message, Problem
from amparo.tracking.datafile import read_data

#: Rule ids the deadline code relies on; a rules file without one of them is refused.
RULE_IDS: tuple[str, ...] = (
    "follow-up-window", "acknowledgment-restarts-window", "sg-report-cutoff",
    "sp-communication-publication", "stale-case-review", "hrc-session", "treaty-body-session",
    "consent-review",
)


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """One rule: what it says, where it comes from, and whether it is Amparo's own habit."""

    id: str
    title: str
    note: str
    sources: tuple[str, ...] = ()
    verified: bool = True
    amparo_default: bool = False

    @property
    def source(self) -> str:
        """The sources in one line (for a deadline), or the Amparo-default label."""
        if self.sources:
            text = "; ".join(self.sources)
        else:
            text = "Amparo default (not a UN rule)" if self.amparo_default else ""
        return text + (" [not confirmed]" if not self.verified else "")


@dataclass(frozen=True, slots=True)
class Rules:
    """Every rule, and the numbers the deadline code reads from them."""

    rules: Mapping[str, DeadlineRule]
    default_window: int
    family_windows: Mapping[str, int | None]
    avenue_windows: Mapping[str, int | None]
    sg_period_start: tuple[int, int]  # (month, day)
    sg_remind_days_before: int
    sp_publication_days: int
    stale_after_days: int
    #: Days before a consent's review date at which it is due for review.
    consent_review_days: int = 30
    avenue_names: Mapping[str, str] = field(default_factory=dict)
    reviewed: date | None = None

    def rule(self, rule_id: str) -> DeadlineRule:
        """The rule with id ``rule_id``."""
        return self.rules[rule_id]

    def window(self, avenue: str, overrides: Mapping[str, int | None] | None = None) -> int | None:
        """Days to wait for an answer from ``avenue`` before a follow-up is due.

        ``overrides`` (settings merged with the knowledge base, see ``follow_up_windows``)
        win over this file's per-avenue entries, then its family defaults. None means the
        avenue gets no follow-up reminder.
        """
        if overrides is not None and avenue in overrides:
            return overrides[avenue]
        if avenue in self.avenue_windows:
            return self.avenue_windows[avenue]
        family = avenue.split(":", 1)[0]
        if family in self.family_windows:
            return self.family_windows[family]
        return self.default_window

    def avenue_name(self, avenue: str, names: Mapping[str, str] | None = None) -> str:
        """The avenue's name: the caller's (knowledge base) name, this file's, or its id."""
        if names and avenue in names:
            return names[avenue]
        return self.avenue_names.get(avenue, avenue)


def follow_up_windows(
    *,
    knowledge: Mapping[str, int | None] | None = None,
    settings: Mapping[str, int | None] | None = None,
) -> dict[str, int | None]:
    """Merge per-avenue windows: workspace settings win over the knowledge base.

    ``knowledge`` maps avenue ids to ``Avenue.follow_up_days``; a None there means "the KB
    says nothing", so the rules file decides. In ``settings`` a None means "no reminder".
    The result is what ``compute_deadlines(windows=…)`` takes.
    """
    merged: dict[str, int | None] = {
        k: v for k, v in (knowledge or {}).items() if v is not None
    }
    merged.update(settings or {})
    return merged


def _problem(problems: list[Problem], path: str, message: str) -> None:
    problems.append(Problem(path, message))


def _days(raw: Any, path: str, problems: list[Problem], *, nullable: bool = False) -> int | None:
    if raw is None and nullable:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 < raw <= 3660:
        _problem(problems, path, f"expected a number of days between 1 and 3660, got {raw!r}")
        return None
    return raw


def parse_rules(data: Any, *, source: str = "rules.yaml") -> Rules:
    """Validate a rules document into ``Rules``; ``InvalidInput`` lists every fault."""
    problems: list[Problem] = []
    if not isinstance(data, dict) or not isinstance(data.get("rules"), dict):
        raise InvalidInput(Problem("rules", Message("expected a mapping of rule ids")), source=source)
    raw_rules: dict[str, Any] = data["rules"]
    rules: dict[str, DeadlineRule] = {}
    for rid in RULE_IDS:
        if rid not in raw_rules:
            _problem(problems, f"rules.{rid}", "is required")
    for rid, raw in raw_rules.items():
        path = f"rules.{rid}"
        if not isinstance(raw, dict):
            _problem(problems, path, "expected a mapping")
            continue
        for key in ("title", "note"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                _problem(problems, f"{path}.{key}", "is required text")
        sources = raw.get("sources", [])
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            _problem(problems, f"{path}.sources", "expected a list of references")
            sources = []
        amparo_default = bool(raw.get("amparo_default", False))
        if not sources and not amparo_default:
            # A rule that is not Amparo's own habit must say where it comes from.
            _problem(problems, f"{path}.sources", "a sourced rule needs at least one source")
        rules[rid] = DeadlineRule(
            id=rid, title=str(raw.get("title", "")).strip(), note=str(raw.get("note", "")).strip(),
            sources=tuple(sources), verified=bool(raw.get("verified", True)),
            amparo_default=amparo_default,
        )
    if problems:
        raise InvalidInput(problems, source=source)

    fw = raw_rules["follow-up-window"]
    default_window = _days(fw.get("default"), "rules.follow-up-window.default", problems)
    families: dict[str, int | None] = {}
    for fam, days in (fw.get("families") or {}).items():
        families[fam] = _days(days, f"rules.follow-up-window.families.{fam}", problems,
                              nullable=True)
    avenues: dict[str, int | None] = {}
    for av, days in (fw.get("avenues") or {}).items():
        avenues[av] = _days(days, f"rules.follow-up-window.avenues.{av}", problems,
                            nullable=True)
    sg = raw_rules["sg-report-cutoff"]
    month, day = sg.get("period_start_month"), sg.get("period_start_day")
    try:
        date(2001, month, day)
    except (TypeError, ValueError):
        _problem(problems, "rules.sg-report-cutoff.period_start_month",
                 f"{month!r}/{day!r} is not a month and day")
    remind = _days(sg.get("remind_days_before"), "rules.sg-report-cutoff.remind_days_before",
                   problems)
    publication = _days(raw_rules["sp-communication-publication"].get("days"),
                        "rules.sp-communication-publication.days", problems)
    stale = _days(raw_rules["stale-case-review"].get("days"), "rules.stale-case-review.days",
                  problems)
    consent_review = _days(raw_rules["consent-review"].get("days"), "rules.consent-review.days", problems)
    names = data.get("avenue_names") or {}
    if not isinstance(names, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in names.items()
    ):
        _problem(problems, "avenue_names", "expected a mapping of avenue id to name")
        names = {}
    reviewed = None
    if data.get("reviewed") is not None:
        try:
            reviewed = date.fromisoformat(str(data["reviewed"]))
        except ValueError:
            _problem(problems, "reviewed", f"{data['reviewed']!r} is not a date as YYYY-MM-DD")
    if problems:
        raise InvalidInput(problems, source=source)
    return Rules(
        rules=rules, default_window=default_window or 45, family_windows=families,
        avenue_windows=avenues, sg_period_start=(month, day),
        sg_remind_days_before=remind or 30, sp_publication_days=publication or 60,
        stale_after_days=stale or 60, consent_review_days=consent_review or 30, avenue_names=dict(names),
        reviewed=reviewed,
    )


def load_rules(path: Path | None = None) -> Rules:
    """The rules shipped with Amparo, or those in ``path`` (same format)."""
    if path is None:
        return _package_rules()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(Message("cannot read the rules file ({strerror})",
                                   strerror=exc.strerror), source=str(path)) from None
    return parse_rules(read_data(text, str(path)), source=str(path))


@lru_cache(maxsize=1)
def _package_rules() -> Rules:
    text = resources.files("amparo.tracking").joinpath("data/rules.yaml").read_text("utf-8")
    return parse_rules(read_data(text, "amparo/tracking/data/rules.yaml"),
                       source="amparo/tracking/data/rules.yaml")
