"""Between domain dataclasses and case-facts dicts, without validation: the trusted reader and the writer.

Both are derived from the models' fields (``models.py``) when this module is imported:
for each model, which fields need converting (a date to and from ISO text, a consent to
and from its facts form, a list to a tuple, a nested part) and what an absent field
defaults to. The reader of each part is generated from that (``_reader``), so it does the
work of a reader written by hand and no more (``bench/facts.py`` measures it), with no
second list of the fields to keep in step with the first.

The trusted reader is for documents this writer wrote into the vault: it checks nothing.
"""

from __future__ import annotations

import dataclasses
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
        fields: list[tuple[str, Any, Convert | None]] = []  # (name, default or _REQUIRED, read)
        writes: list[tuple[str, Convert | None, bool]] = []
        for name, info in model.model_fields.items():
            if info.default_factory is not None:
                default = info.default_factory()  # type: ignore[call-arg]
            else:
                default = _REQUIRED if info.default is PydanticUndefined else info.default
            read, write = _converters(info.annotation)
            fields.append((name, default, read))
            writes.append((name, write, name in model.written_when_empty))
        # Fields of the domain type that the format does not hold (a case's id) are
        # parameters of the reader.
        extra = [f.name for f in dataclasses.fields(model.domain) if f.name not in model.model_fields]
        self.read = _reader(model.domain, fields, extra)
        self.write = _writer(tuple(writes))


_REQUIRED = object()


def _reader(domain: type, fields: list[tuple[str, Any, Convert | None]], extra: list[str]) -> Callable[..., Any]:
    """A function reading one part: the hand-written reader's code, generated from the fields.

    Generated, because a generic loop (merge the defaults into a dict, convert, call
    ``domain(**values)``) allocates a dict per part for the garbage collector to pass
    over, and measured 1.1 to 1.3 times slower than the hand-written reader on 20,000
    cases (bench/facts.py); this one is on par. It is what a person would write: one
    keyword call per part, ``data.get(key, default)`` for each field, a conversion only
    where a value is present. The source holds nothing but the models' field names.
    """
    env: dict[str, Any] = {"_domain": domain}
    arguments = []
    for name, default, read in fields:
        if not name.isidentifier():
            raise ValueError(f"not a field name: {name!r}")
        key = repr(name)
        env[f"_default_{name}"] = default
        env[f"_read_{name}"] = read
        if default is _REQUIRED:
            value = f"_read_{name}(data[{key}])" if read else f"data[{key}]"
        elif read:
            value = f"(_read_{name}(v) if (v := data.get({key})) is not None else _default_{name})"
        else:
            value = f"data.get({key}, _default_{name})"
        arguments.append(f"{name}={value}")
    arguments += [f"{name}={name}" for name in extra]
    parameters = ", ".join(["data", *(f"{name}=None" for name in extra)])
    source = f"def read({parameters}):\n    return _domain({', '.join(arguments)})\n"
    exec(compile(source, f"<case-facts reader of {domain.__name__}>", "exec"), env)  # noqa: S102 (see above)
    return env["read"]


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
    return _CASE.read(data, id=case_id)


def write_facts(case: Case) -> dict[str, Any]:
    """``case`` as a case-facts dict (what export writes and the vault stores)."""
    return _CASE.write(case)
