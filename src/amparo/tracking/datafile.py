"""Reading the tracking data files (rules, calendar) as YAML or JSON.

Dates stay text until the validators read them: PyYAML's own date conversion raises a
bare ValueError on "2027-13-01", which would reach the user as a stack trace instead of
a message naming the file and the entry.
"""

from __future__ import annotations

from typing import Any

import yaml

from amparo.model.errors import InvalidInput, Message, Problem


class _TextDates(yaml.SafeLoader):
    """A safe loader that leaves timestamps as strings."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_data(text: str, source: str) -> Any:
    """Parse YAML (or JSON, a subset) into plain values; ``InvalidInput`` naming ``source``."""
    try:
        return yaml.load(text, Loader=_TextDates)  # noqa: S506 — a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        raise InvalidInput(Problem(where, Message("is not valid YAML or JSON")), source=source) from None
