"""Read the knowledge-base files, apply a workspace's overrides, and build the base.

The package files (``data/*.yaml``, one per family of mechanisms, plus the precedents)
are read once per process and cached. An organisation's overrides are YAML files in a
directory of its workspace; they add entries, or override fields and channels of
existing ones by id, without touching the package files. A file that fails the schema
is refused as a whole, with every problem named by file, entry id and field, and the
knowledge base stays as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from amparo.knowledge import entries
from amparo.knowledge import ratifications as ratification_table
from amparo.knowledge.base import KnowledgeBase
from amparo.knowledge.check import CheckReport
from amparo.knowledge.merge import with_defaults, with_override
from amparo.knowledge.schema import FAMILIES, avenue_problems, precedent_problems
from amparo.model.errors import InvalidInput, Problem

#: The package's own files, in the order their entries are listed.
PACKAGE_FILES: tuple[str, ...] = (
    "hrc.yaml", "special-procedures.yaml", "treaty-bodies.yaml", "sg.yaml",
    "investigative-bodies.yaml", "un.yaml", "regional.yaml", "precedents.yaml",
    "ratifications.yaml",
)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FILE_KEYS = ("family", "defaults", "avenues", "precedents", "ratifications")
_OVERRIDE_KEYS = ("avenues", "precedents", "ratifications")


@dataclass
class _Entries:
    """Raw (merged, validated) entries by id, with the file each came from."""

    avenues: dict[str, dict[str, Any]] = field(default_factory=dict)
    precedents: dict[str, dict[str, Any]] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)  # "avenue:<id>" / "precedent:<id>"
    ratifications: dict[str, Any] | None = None
    ratifications_origin: str = "package"

    def copy(self) -> _Entries:
        # Entries are never mutated in place (merge.py copies), so shallow dict copies
        # are enough to keep the cached package entries intact.
        return _Entries(dict(self.avenues), dict(self.precedents), dict(self.origins),
                        self.ratifications, self.ratifications_origin)


def _read_yaml(text: str, label: str) -> tuple[Any, list[Problem]]:
    try:
        # Safe loading only (no Python tags); the C loader when libyaml is present.
        return yaml.load(text, Loader=_SAFE_LOADER), []  # noqa: S506
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        return None, [Problem(where, f"is not valid YAML ({getattr(exc, 'problem', exc)})")]


def _where(raw: object, index: int, key: str) -> str:
    if isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
        return str(raw["id"])
    return f"{key}[{index}]"


def _package_file(text: str, label: str, into: _Entries) -> list[Problem]:
    """Add one package file's entries to ``into``; return its problems (paths by entry)."""
    data, problems = _read_yaml(text, label)
    if problems:
        return problems
    if not isinstance(data, Mapping):
        return [Problem("", "must be a mapping with 'avenues' or 'precedents'")]
    for key in data:
        if key not in _FILE_KEYS:
            problems.append(Problem(key, f"is not a known key (known: {', '.join(_FILE_KEYS)})"))
    family, defaults = data.get("family"), data.get("defaults")
    if defaults is not None and not isinstance(defaults, Mapping):
        problems.append(Problem("defaults", "must be a mapping of fields"))
        defaults = None
    for i, raw in enumerate(data.get("avenues") or []):
        where = _where(raw, i, "avenues")
        merged = with_defaults(raw, defaults, family) if isinstance(raw, Mapping) else raw
        problems += _add(into, "avenue", merged, where, label, avenue_problems)
    for i, raw in enumerate(data.get("precedents") or []):
        problems += _add(into, "precedent", raw, _where(raw, i, "precedents"), label,
                         precedent_problems)
    if "ratifications" in data:
        found = ratification_table.problems(data["ratifications"])
        problems += found
        if not found:
            into.ratifications = dict(data["ratifications"])
    return problems


def _lifecycle_problems(table: Mapping[str, Mapping[str, Any]], ids: list[str]) -> list[Problem]:
    """Cross-entry checks of ``ids``: every successor exists, and an entry revived (its
    ``ended`` set back to null) says by what (a ``renewed`` step dated after the end)."""
    out: list[Problem] = []
    for entry_id in ids:
        raw = table.get(entry_id)
        if raw is None:
            continue
        for i, successor in enumerate(raw.get("succeeded_by") or []):
            if successor not in table:
                out.append(Problem(f"{entry_id}.succeeded_by[{i}]",
                                   f"{successor!r} is not an avenue of the knowledge base"))
            elif successor == entry_id:
                out.append(Problem(f"{entry_id}.succeeded_by[{i}]", "cannot name the entry itself"))
    return out


def _revival_problems(before: Mapping[str, Any], override: Mapping[str, Any], where: str) -> list[Problem]:
    """An override that clears ``ended`` (or ``not_started``) of an entry revives it: it
    must say so with a ``renewed`` step (the resolution) dated after the end."""
    out: list[Problem] = []
    for key in ("ended", "not_started"):
        step = before.get(key)
        if step is None or key not in override or override[key] is not None:
            continue
        renewed = override.get("renewed")
        when = str(step.get("date") or "") if isinstance(step, Mapping) else ""
        new = str(renewed.get("date") or "") if isinstance(renewed, Mapping) else ""
        if not renewed or not isinstance(renewed, Mapping) or not renewed.get("by") or (when and new < when):
            what = "ended" if key == "ended" else "was never started"
            out.append(Problem(f"{where}.{key}",
                               f"revives an avenue that {what} ({when or 'undated'}): say so with "
                               "'renewed: {date, by}' naming the resolution that revived it, dated after that"))
    return out


def _add(into: _Entries, kind: str, raw: Any, where: str, label: str, check: Any) -> list[Problem]:
    problems = check(raw, where)
    table = into.avenues if kind == "avenue" else into.precedents
    if not problems:
        if raw["id"] in table:
            first = into.origins[f"{kind}:{raw['id']}"]
            return [Problem(where, f"is already defined in {first}")]
        table[raw["id"]] = raw
        into.origins[f"{kind}:{raw['id']}"] = label
    return problems


def _override_file(text: str, label: str, base: _Entries) -> tuple[_Entries, list[Problem]]:
    """``base`` with one override file applied, or the problems that refuse the file."""
    data, problems = _read_yaml(text, label)
    if problems:
        return base, problems
    if data is None:
        return base, []
    if not isinstance(data, Mapping):
        return base, [Problem("", "must be a mapping with 'avenues' or 'precedents'")]
    problems += [Problem(k, f"is not a known key (known: {', '.join(_OVERRIDE_KEYS)})")
                 for k in data if k not in _OVERRIDE_KEYS]
    out = base.copy()
    for kind, check in (("avenue", avenue_problems), ("precedent", precedent_problems)):
        table = out.avenues if kind == "avenue" else out.precedents
        items = data.get(f"{kind}s") or []
        if not isinstance(items, list):
            problems.append(Problem(f"{kind}s", "must be a list of entries"))
            continue
        for i, raw in enumerate(items):
            where = _where(raw, i, f"{kind}s")
            if not isinstance(raw, Mapping) or not isinstance(raw.get("id"), str):
                problems.append(Problem(f"{kind}s[{i}].id", "is required"))
                continue
            entry_id = raw["id"]
            if raw.get("retired") is True:
                if entry_id not in table:
                    problems.append(Problem(where, "cannot be retired: no such entry"))
                table.pop(entry_id, None)
                continue
            if entry_id in table:
                if kind == "avenue":
                    problems += _revival_problems(table[entry_id], raw, where)
                merged = with_override(table[entry_id], raw)
            else:
                merged = dict(raw)
                prefix = entry_id.split(":", 1)[0]
                if kind == "avenue" and prefix in FAMILIES:
                    merged.setdefault("family", prefix)
            found = check(merged, where)
            problems += found
            if not found:
                table[entry_id] = merged
                out.origins[f"{kind}:{entry_id}"] = label
    touched = [r["id"] for r in data.get("avenues") or []
               if isinstance(r, Mapping) and isinstance(r.get("id"), str)]
    problems += _lifecycle_problems(out.avenues, touched)
    if data.get("ratifications") is not None:
        treaties = (out.ratifications or {}).get("treaties") or {}
        found = ratification_table.problems(data["ratifications"], partial=True, treaties=treaties)
        problems += found
        if not found:
            out.ratifications = ratification_table.merge(out.ratifications, data["ratifications"])
            out.ratifications_origin = label
    return (base, problems) if problems else (out, [])


def _build(raw: _Entries) -> KnowledgeBase:
    def origin(key: str) -> str:
        # Package entries say "package"; an override's entries name their file.
        label = raw.origins[key]
        return "package" if label in PACKAGE_FILES else label

    return KnowledgeBase(
        avenues=tuple(entries.avenue(r, origin(f"avenue:{i}")) for i, r in raw.avenues.items()),
        precedents=tuple(entries.precedent(r, origin(f"precedent:{i}"))
                         for i, r in raw.precedents.items()),
        ratifications=ratification_table.build(raw.ratifications, raw.ratifications_origin),
    )


def _package_texts() -> list[tuple[str, str]]:
    data = resources.files("amparo.knowledge") / "data"
    return [(name, (data / name).read_text(encoding="utf-8")) for name in PACKAGE_FILES]


def _collect_package() -> tuple[_Entries, list[Problem]]:
    raw, problems = _Entries(), []
    for label, text in _package_texts():
        problems += [_in_file(label, p) for p in _package_file(text, label, raw)]
    problems += [_in_file(raw.origins.get(f"avenue:{p.path.split('.')[0]}", "package"), p)
                 for p in _lifecycle_problems(raw.avenues, list(raw.avenues))]
    return raw, problems


@cache
def _package() -> tuple[_Entries, KnowledgeBase]:
    raw, problems = _collect_package()
    if problems:
        raise InvalidInput(problems, source="amparo knowledge base")
    return raw, _build(raw)


def _in_file(label: str, problem: Problem) -> Problem:
    return Problem(f"{label}: {problem.path}" if problem.path else label, problem.message)


def override_files(overrides_dir: Path) -> list[Path]:
    """The override files of a workspace directory, in the order they are applied."""
    if not overrides_dir.is_dir():
        return []
    return sorted(p for p in overrides_dir.iterdir()
                  if p.is_file() and p.suffix in (".yaml", ".yml"))


def load(overrides_dir: Path | None = None) -> KnowledgeBase:
    """The knowledge base: the package files plus, if given, a workspace's overrides.

    ``overrides_dir`` holds YAML files (applied in name order) that add entries or
    override existing ones by id (docs/knowledge-base.md). Raises ``InvalidInput``
    naming the file, entry id and field when a file fails the schema; nothing of it is
    applied then. The package part is read once per process.
    """
    raw, kb = _package()
    if overrides_dir is None:
        return kb
    for path in override_files(Path(overrides_dir)):
        raw, problems = _override_file(path.read_text(encoding="utf-8"), str(path), raw)
        if problems:
            raise InvalidInput(problems, source=str(path))
    return _build(raw)


def check_files(today: date, overrides_dir: Path | None = None) -> CheckReport:
    """Check every file (package and overrides) without raising: ``amparo kb check``.

    Schema problems are errors named by file, entry id and field; when every file
    passes, the loaded base's own checks (``KnowledgeBase.check``) are added.
    """
    try:
        raw, problems = _package()[0], []
    except InvalidInput:
        raw, problems = _collect_package()
    for path in override_files(Path(overrides_dir)) if overrides_dir is not None else []:
        raw, found = _override_file(path.read_text(encoding="utf-8"), str(path), raw)
        problems += [_in_file(str(path), p) for p in found]
    if problems:
        return CheckReport(errors=tuple(problems))
    return _build(raw).check(today)
