"""Pydantic's validation errors, told as Amparo's problems: a path and what is wrong.

Pydantic's own messages are never passed on: some quote the input ("Input should be
'a' or 'b'"), and the input may be a name typed into the wrong field. Each error type
is worded here from the field it concerns (its ``Says``, its choices) and from what
``text.shown`` allows to be quoted; a type not listed gets a plain "is not valid here".
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Sequence
from typing import Annotated, Any, Literal

from pydantic.fields import FieldInfo

from amparo.model.errors import Message, Problem
from amparo.model.facts.fields import FAULT, Says
from amparo.model.facts.models import CaseFacts, FactsModel
from amparo.model.facts.text import echoable, kind, shown, text_problem

Loc = Sequence[int | str]


def problems_of(errors: Iterable[dict[str, Any]], root: type[FactsModel] = CaseFacts) -> list[Problem]:
    """One ``Problem`` per pydantic error (``ValidationError.errors()``), in the models' field order."""
    errors = list(errors)
    out: dict[Problem, None] = {}  # a list of refs with three numbers is one problem, not three
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "too_short" and _inside(loc, errors):
            continue  # pydantic counts only the valid items: the items' own errors say it all
        out.setdefault(_problem(error, loc, root), None)
    return list(out)


def _inside(loc: tuple[int | str, ...], errors: list[dict[str, Any]]) -> bool:
    return any(len(e["loc"]) > len(loc) and tuple(e["loc"][: len(loc)]) == loc for e in errors)


def _problem(error: dict[str, Any], loc: tuple[int | str, ...], root: type[FactsModel]) -> Problem:
    kind_, given, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    parent, field, at = _locate(root, loc)
    says = _says(field) if field else Says()
    path = _path(loc)
    if kind_ == FAULT:
        sub = ctx.get("subpath") or ""
        return Problem(f"{path}.{sub}" if sub and path else sub or path, ctx.get("message") or Message("is not valid"))
    if kind_ == "extra_forbidden":
        known = ", ".join(sorted(parent.model_fields)) if parent else ""
        key = loc[-1]
        if isinstance(key, str) and echoable(key):
            return Problem(path, Message("unknown field; known fields are {known}",
                                         known=known))
        # A key can be a name typed as a field: the path stops at the object that holds it.
        return Problem(_path(loc[:-1]) or "(top level)",
                       Message("a field not shown here is unknown; known fields are {known}", known=known))
    item = at < len(loc) - 1  # the error is about an item of the field's list
    if kind_ == "missing":
        choices = _choices(field)
        generic = (Message("is required; one of {choices}", choices=", ".join(choices)) if choices
                   else Message("is required"))
        return Problem(path, Message(says.missing) if says.missing else generic)
    if kind_ in ("model_type", "model_attributes_type", "dict_type"):
        return Problem(path or "(top level)", Message("expected an object, got {given}",
                                                      given=kind(given)))
    if kind_ in ("tuple_type", "list_type", "iterable_type"):
        return Problem(path, _worded(says.wrong, given) or Message("expected a list, got {given}", given=kind(given)))
    if kind_ == "string_too_short":
        return Problem(path, Message("must not be empty"))
    if kind_ == "too_short":
        short = says.short or says.missing
        return Problem(path, Message(short) if short else Message("must not be empty"))
    if kind_ in ("string_type", "string_pattern_mismatch"):
        if item and says.wrong:
            return Problem(_path(loc[: at + 1]), _worded(says.wrong, given) or "")
        default = (Message("expected text, got {given}", given=kind(given)) if kind_ == "string_type"
                   else Message("{given} is not valid here", given=shown(given)))
        return Problem(path, _worded(says.wrong, given) or default)
    if kind_ == "string_unicode":
        # pydantic refuses a lone surrogate before any check of ours sees the text.
        return Problem(path, (isinstance(given, str) and text_problem(given, multiline=True))
                       or Message("contains a lone surrogate, which is not text"))
    if kind_ == "string_too_long":
        return Problem(path, Message("is longer than {value} characters",
                                     value=ctx.get('max_length')))
    if kind_ == "literal_error":
        return Problem(path, Message("{given} is not one of {choices}",
                                     given=shown(given), choices=', '.join(_choices(field))))
    if kind_ == "bool_type":
        return Problem(path, Message("expected true or false, got {given}",
                                     given=kind(given)))
    return Problem(path, Message("is not valid here"))


def _worded(template: str | None, given: Any) -> Message | None:
    # The template is a message id (its "{shown}" becomes the value, if it may be quoted).
    return Message(template, shown=shown(given)) if template else None


def _path(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _locate(root: type[FactsModel], loc: Loc) -> tuple[type[FactsModel] | None, FieldInfo | None, int]:
    """The model holding the deepest field named in ``loc``, that field, and its index in ``loc``."""
    model: type[FactsModel] | None = root
    parent, field, at = root, None, -1
    for i, part in enumerate(loc):
        if isinstance(part, int):
            continue
        if model is None:
            break
        found = model.model_fields.get(part)
        if found is None:
            return model, None, i
        parent, field, at = model, found, i
        model = _model_in(found.annotation)
    return parent, field, at


def _model_in(annotation: Any) -> type[FactsModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, FactsModel):
        return annotation
    for arg in typing.get_args(annotation):
        if found := _model_in(arg):
            return found
    return None


def _says(field: FieldInfo) -> Says:
    for meta in (*field.metadata, *_nested_metadata(field.annotation)):
        if isinstance(meta, Says):
            return meta
    return Says()


def _nested_metadata(annotation: Any) -> list[Any]:
    # Metadata of ``Annotated`` types inside ``X | None`` stay in the annotation itself.
    found: list[Any] = []
    if typing.get_origin(annotation) is Annotated:
        found += annotation.__metadata__
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, Annotated):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                found += _nested_metadata(arg)
    return found


def _choices(field: FieldInfo | None) -> tuple[str, ...]:
    """The values of the ``Literal`` a field (or its items) must be one of."""
    def search(annotation: Any) -> tuple[str, ...]:
        if typing.get_origin(annotation) is Literal:
            return typing.get_args(annotation)
        for arg in typing.get_args(annotation):
            if found := search(arg):
                return found
        return ()
    return search(field.annotation) if field else ()
