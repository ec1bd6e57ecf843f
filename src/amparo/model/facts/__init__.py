"""The case-facts JSON format: validation into a ``Case``, and the file it comes in.

This is the interchange format that import, export, triage and drafting accept
(docs/case-facts.md, and the JSON Schema shipped as ``case-facts.schema.json``). It is
defined once, by the pydantic models of ``models.py``; this module reads with them.
Validation collects every problem with its path, so that a person fixing a file sees
them all at once; messages never quote a name or a narrative.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from amparo.model.case import Case
from amparo.model.errors import InvalidInput, Message
from amparo.model.facts.fields import Reading, country_code
from amparo.model.facts.models import CaseFacts
from amparo.model.facts.problems import problems_of

__all__ = ["MAX_FILE_BYTES", "consent_scopes", "country_code", "load_case_facts", "parse_case_facts"]

#: A case-facts file is text: past this size it is something else (evidence goes in the
#: vault as evidence), and reading it whole would only tie up memory.
MAX_FILE_BYTES = 20 * 1024 * 1024


def parse_case_facts(data: Any, *, today: date, source: str | None = None,
                     kept_reviews: Iterable[date] = ()) -> Case:
    """Validate a case-facts document and return the ``Case`` it describes.

    Raises ``InvalidInput`` listing every problem found, each with its path.
    ``today`` is the date after which no event may lie and before which no consent
    review may fall: the caller's clock decides it (``amparo.model.clock``).
    ``source`` names the document in the message (a file name). ``kept_reviews`` are
    review dates the stored case already holds: editing a case whose consent review has
    passed keeps that (expired) consent instead of refusing the whole edit.
    """
    if not isinstance(today, date) or isinstance(today, datetime):
        raise TypeError("today must be a date (amparo.model.clock.today())")
    errors = None
    try:
        facts = CaseFacts.model_validate(data, context=Reading(today, kept_reviews=frozenset(kept_reviews)))
    except ValidationError as exc:
        # Only the list leaves this block: the exception itself (pydantic's wording, the
        # input) must not become the context of the error raised below.
        errors = exc.errors(include_url=False)
    if errors is not None:
        raise InvalidInput(problems_of(errors), source=source)
    return facts.to_domain()


def load_case_facts(path: str | Path, *, today: date) -> Case:
    """Read and validate a case-facts file; errors name the file and the position.

    Only a regular file of at most ``MAX_FILE_BYTES`` is read: a folder, a FIFO or a
    device is refused at once (a FIFO would block the reader forever), and a file past
    the cap is refused before it is read.
    """
    p = Path(path)
    label = p.name
    data = _decoded(_file_bytes(p, label), label)
    return parse_case_facts(data, today=today, source=label)


def _file_bytes(path: Path, label: str) -> bytes:
    # O_NONBLOCK: opening a FIFO with no writer would wait forever. O_NOCTTY: a terminal
    # device must not become the process's controlling terminal. The checks are made on
    # the open descriptor, so the file cannot be swapped between check and read.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InvalidInput(Message("cannot read the file ({value})",
                                   value=exc.strerror or 'unreadable'), source=label) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInput(Message("is not a regular file (a folder, a pipe or a device): give "
                                       "a .json file"),
                               source=label)
        if info.st_size > MAX_FILE_BYTES:
            raise InvalidInput(_too_large(), source=label)
        with os.fdopen(fd, "rb", closefd=False) as f:
            raw = f.read(MAX_FILE_BYTES + 1)  # the file may have grown since fstat
    except OSError as exc:
        raise InvalidInput(Message("cannot read the file ({value})",
                                   value=exc.strerror or 'unreadable'), source=label) from None
    finally:
        os.close(fd)
    if len(raw) > MAX_FILE_BYTES:
        raise InvalidInput(_too_large(), source=label)
    return raw


def _too_large() -> str:
    megabytes = MAX_FILE_BYTES // (1024 * 1024)
    return f"the file is larger than {megabytes} MB; case facts are text (add documents as evidence)"


def _decoded(raw: bytes, label: str) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidInput(Message("the file is not UTF-8 text"), source=label) from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            Message("not valid JSON at line {lineno}, column {colno}: {msg}",
                    lineno=exc.lineno, colno=exc.colno, msg=exc.msg), source=label
        ) from None
    except RecursionError:
        raise InvalidInput(Message("the JSON is nested too deeply to be case facts"), source=label) from None
    except ValueError:
        # Python refuses integers of more than 4,300 digits; its message is not for users.
        raise InvalidInput(Message("not valid JSON: a number is too long"), source=label) from None


def consent_scopes(case: Case) -> list[tuple[str, str]]:
    """Every avenue or family of avenues a consent is scoped to: (path, avenue key).

    The path reads like a problem's (``people[0].consent.per_avenue.'sg:report'``), so
    that the service, which checks the keys against the knowledge base, can report an
    unknown one where it is. Family keys (``sp:*``) are listed as written.
    """
    return [(f"people[{i}].consent.per_avenue.{avenue!r}", avenue)
            for i, person in enumerate(case.people) for avenue, _circles in person.consent.per_avenue]
