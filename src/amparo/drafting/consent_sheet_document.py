"""The consent conversation sheet as a value: parts, the answer box, one section per person.

Built by ``consent_sheet.build_consent_sheet``; laid out by the renderers
(``consent_sheet_pdf``, ``…_docx``, ``…_md``). Every string in it is final, translated and
safe to print: a renderer needs to know nothing about consent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from amparo.drafting.document import Metadata


@dataclass(frozen=True, slots=True)
class Part:
    """A heading (``level`` 1 for a part, 2 for an avenue within it), paragraphs, a list, a last word."""

    heading: str
    level: int = 1
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Blank:
    """One line of the answer box: a space to write in, boxes to tick, or a heading over rows.

    ``kind`` is "write", "choose" or "heading"; ``indent`` marks the rows under a heading.
    """

    label: str
    kind: str = "write"
    choices: tuple[str, ...] = ()
    hint: str = ""
    indent: bool = False


@dataclass(frozen=True, slots=True)
class PersonSheet:
    """One person's section: complete on its own, naming nobody else."""

    ref: str
    heading: str
    notices: tuple[str, ...]
    parts: tuple[Part, ...]
    record_heading: str
    record_intro: str
    blanks: tuple[Blank, ...]

    def text_parts(self) -> list[str]:
        """Every string of the section in reading order."""
        out = [self.heading, *self.notices]
        for part in self.parts:
            out += [part.heading, *part.paragraphs, *part.items, *part.after]
        out += [self.record_heading, self.record_intro]
        for blank in self.blanks:
            out += [blank.label, *blank.choices, blank.hint]
        return [t for t in out if t]


@dataclass(frozen=True, slots=True)
class ConsentSheet:
    """The sheet, ready to render: every string final, translated and safe to print."""

    title: str
    date: date
    date_text: str
    language: str
    direction: str
    case_id: str | None
    people: tuple[PersonSheet, ...]
    metadata: Metadata
    labels: dict[str, str] = field(default_factory=dict)

    def text_parts(self) -> list[str]:
        """Every string the sheet prints, in reading order (for tests and checks)."""
        out = [self.title, self.date_text]
        for section in self.people:
            out += section.text_parts()
        return out
