"""Between domain dataclasses and case-facts dicts, without validation: the trusted reader and the writer.

Both are derived from the models' fields (``models.py``) when this module is imported:
for each model, which fields need converting (a date to and from ISO text, a consent to
and from its facts form, a list to a tuple, a nested part) and what an absent field
defaults to. The work per document is then a dict merge and a few conversions, as fast
as a reader written by hand (``bench/facts.py`` measures it), with no second list of
the fields to keep in step with the first.

The trusted reader is for documents this writer wrote into the vault: it checks nothing.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from pydantic_core import PydanticUndefined

from amparo.model.case import Case
from amparo.model.consent import Consent
from amparo.model.facts.models import CaseFacts, FactsModel

Convert = Callable[[Any], Any]


def _bare(annotation: Any) -> Any:
    """``annotation`` without ``Annotated`` and without ``| None``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(rest) != 1:
                return annotation
            annotation = rest[0]
        else:
            return annotation


def _converters(annotation: Any) -> tuple[Convert | None, Convert | None]:
    """(read, write) for a field of this type; None where the JSON value is the domain value."""
    bare = _bare(annotation)
    if bare is date:
        return date.fromisoformat, date.isoformat
    if bare is Consent:
        return Consent.parse, Consent.to_facts
    if isinstance(bare, type) and issubclass(bare, FactsModel):
        codec = _codec(bare)
        return codec.read, codec.write
    if typing.get_origin(bare) is tuple:
        item_read, item_write = _converters(typing.get_args(bare)[0])
        if item_read is None or item_write is None:
            return tuple, list
        return (lambda values: tuple(map(item_read, values))), (lambda values: [item_write(v) for v in values])
    if bare in (str, bool) or typing.get_origin(bare) is typing.Literal:
        return None, None
    # A field of a new kind must say how it is stored, rather than be stored as it comes.
    raise TypeError(f"no case-facts converter for {bare!r}")


class _Codec:
    """Reads and writes one model's part of a document, for its domain dataclass."""

    def __init__(self, model: type[FactsModel]):
        defaults: dict[str, Any] = {}  # what an absent optional field holds
        reads: list[tuple[str, Convert]] = []
        writes: list[tuple[str, Convert | None, bool]] = []
        for name, info in model.model_fields.items():
            if info.default_factory is not None:
                defaults[name] = info.default_factory()  # type: ignore[call-arg]
            elif info.default is not PydanticUndefined:
                defaults[name] = info.default
            read, write = _converters(info.annotation)
            if read is not None:
                reads.append((name, read))
            writes.append((name, write, name in model.written_when_empty))
        self.read = _reader(model.domain, defaults, frozenset(model.model_fields), tuple(reads))
        self.write = _writer(tuple(writes))


def _reader(domain: type, defaults: dict[str, Any], names: frozenset[str],
            reads: tuple[tuple[str, Convert], ...]) -> Callable[..., Any]:
    # A closure over locals, not a method: this runs for every part of every case a list
    # or a dashboard reads, and attribute lookups are a fair share of its time.
    size = len(names)

    def read(data: dict[str, Any], given: dict[str, Any] | None = None) -> Any:
        values = {**defaults, **data}
        if len(values) > size and not names.issuperset(values):
            values = {k: v for k, v in values.items() if k in names}  # a key of a later version
        for name, convert in reads:
            value = data.get(name)
            if value is not None:
                values[name] = convert(value)
        if given:
            values.update(given)
        # A required key missing from a corrupt document fails here, as a TypeError.
        return domain(**values)

    return read


def _writer(writes: tuple[tuple[str, Convert | None, bool], ...]) -> Callable[[Any], dict[str, Any]]:
    def write(value: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, convert, always in writes:
            v = getattr(value, name)
            if v is None or v is False or v == ():
                if always:  # absent, empty and false fields are left out, but for these
                    out[name] = [] if v == () else v
                continue
            out[name] = convert(v) if convert is not None else v
        return out

    return write


_CODECS: dict[type[FactsModel], _Codec] = {}


def _codec(model: type[FactsModel]) -> _Codec:
    if model not in _CODECS:
        _CODECS[model] = _Codec(model)
    return _CODECS[model]


_CASE = _codec(CaseFacts)


def read_trusted(data: dict[str, Any], *, case_id: str | None = None) -> Case:
    """The ``Case`` of a facts dict that this module wrote (the vault's own): no checks."""
    return _CASE.read(data, {"id": case_id})


def write_facts(case: Case) -> dict[str, Any]:
    """``case`` as a case-facts dict (what export writes and the vault stores)."""
    return _CASE.write(case)
