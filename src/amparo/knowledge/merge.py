"""How a file's ``defaults`` and a workspace's overrides combine with an entry.

Both work on the raw mappings read from YAML, before validation, so that the schema
judges each entry exactly as it will be used. Nothing here mutates its inputs: a
failed override must leave the package data untouched.

Defaults (docs/knowledge-base.md): a field the entry sets wins; ``sources``, ``triggers``,
``notes``, ``channels`` and ``actions`` are the defaults' items followed by the entry's
(an entry action with a default action's id replaces it), unless the entry lists the
field in ``replace_defaults``. ``use_defaults: false`` skips them. ``"{id}"`` in a
default list stands for the entry's own id (a mandate is the first to notify for its
own slug).

Overrides: for an existing id, every field given replaces the package value, except
``actions``, merged by action id, and ``add_<field>``, which appends to a list field.
``retired: true`` removes the entry.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

ADDITIVE: tuple[str, ...] = ("sources", "triggers", "notes", "channels", "actions")


def _by_id(base: list[Any], extra: list[Any]) -> list[Any]:
    """``base`` then ``extra``, an ``extra`` item replacing a ``base`` item of the same id."""
    out = list(base)
    index = {a.get("id"): i for i, a in enumerate(out) if isinstance(a, Mapping)}
    for item in extra:
        key = item.get("id") if isinstance(item, Mapping) else None
        if key is not None and key in index:
            out[index[key]] = item
        else:
            out.append(item)
    return out


def _substitute_id(value: Any, entry_id: object) -> Any:
    if isinstance(value, str) and value == "{id}":
        return entry_id
    if isinstance(value, list):
        return [_substitute_id(v, entry_id) for v in value]
    return value


def with_defaults(entry: Mapping[str, Any], defaults: Mapping[str, Any] | None,
                  family: str | None) -> dict[str, Any]:
    """The entry with its file's ``defaults`` (and the file's ``family``) filled in."""
    out = copy.deepcopy(dict(entry))
    use = out.pop("use_defaults", True)
    replace = out.pop("replace_defaults", []) or []
    if family is not None:
        out.setdefault("family", family)
    if not defaults or use is False:
        return out
    for key, value in copy.deepcopy(dict(defaults)).items():
        value = _substitute_id(value, out.get("id"))
        if key not in out:
            out[key] = value
        elif key in ADDITIVE and key not in replace and isinstance(value, list) \
                and isinstance(out[key], list):
            out[key] = _by_id(value, out[key]) if key == "actions" else value + out[key]
    return out


def with_override(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """An existing entry with a workspace override applied (see the module docstring)."""
    out = copy.deepcopy(dict(base))
    for key, value in copy.deepcopy(dict(override)).items():
        if key == "retired":
            continue
        if key.startswith("add_"):
            field = key[4:]
            current = out.get(field, [])
            if isinstance(current, list) and isinstance(value, list):
                out[field] = _by_id(current, value) if field == "actions" else current + value
            else:
                out[field] = value  # the schema reports the wrong shape by field name
        elif key == "actions" and isinstance(value, list) and isinstance(out.get(key), list):
            merged = []
            known = {a.get("id"): a for a in out[key] if isinstance(a, Mapping)}
            for item in value:
                if isinstance(item, Mapping) and item.get("id") in known:
                    merged.append({**known[item["id"]], **item})
                else:
                    merged.append(item)
            out[key] = _by_id(out[key], merged)
        else:
            out[key] = value
    return out
