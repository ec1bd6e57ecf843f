"""The Document: everything a letter says, already redacted, before any format.

Building (``build.py``) decides the content and applies the consent gate; rendering
(``render_*.py``) only lays the content out. Every string in a Document is safe for the
purpose's circle: no renderer needs to know about consent, and none can leak a name that
the builder removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from amparo.disclosure.passages import Passage
from amparo.disclosure.redaction import Redaction
from amparo.model.consent import Circle


@dataclass(frozen=True, slots=True)
class AddressLine:
    """One way to reach the addressee: a channel label and its address, or why none."""

    kind: str  # the channel kind from the knowledge base (email, online-form, post…)
    label: str  # the translated kind
    address: str | None  # None when the sources give no address: never invented
    #: What the letter prints in place of a missing address ("the sources give none").
    missing: str | None = None
    #: The knowledge base's note on the channel, for the person sending (not printed).
    note: str | None = None
    #: The line as printed: "Email: x@y", in the language's punctuation.
    text: str = ""


@dataclass(frozen=True, slots=True)
class Addressee:
    """The avenue written to and how it is reached."""

    avenue_id: str
    name: str
    lines: tuple[AddressLine, ...] = ()
    #: The message's ``To`` and ``Cc`` as the knowledge base gives them for the action
    #: (``knowledge.addressing``); ``to`` is None when the sources give no address.
    to: str | None = None
    cc: tuple[str, ...] = ()
    #: "The Rapporteur on reprisals, Committee against Torture": the role the letter is
    #: addressed to, when the sources say the body designated one (None: the body itself).
    role: str | None = None

    @property
    def heading(self) -> str:
        """The addressee block's first line: the role when there is one, else the body."""
        return self.role or self.name

    @property
    def email(self) -> str | None:
        """The address the letter is written to, if the knowledge base gives one."""
        return self.to


@dataclass(frozen=True, slots=True)
class Section:
    """A heading, its paragraphs, then a list (numbered or bulleted)."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    numbered: bool = False


@dataclass(frozen=True, slots=True)
class Attachment:
    """An evidence file the letter refers to, and whether it goes with the letter."""

    evidence_id: str
    filename: str  # already redacted: safe to show and to use as a MIME filename
    media_type: str
    description: str | None
    attach: bool
    warning: str | None = None
    #: SHA-256 of the file's content as received (chain of custody), printed in the annex.
    sha256: str | None = None

    def annex_text(self) -> str:
        """The annex line: file name, description, and its SHA-256 for chain of custody."""
        text = self.filename + (f" — {self.description}" if self.description else "")
        return text + (f" (SHA-256 {self.sha256})" if self.sha256 else "")


@dataclass(frozen=True, slots=True)
class Purpose:
    """The avenue action the draft is written for and the circle it reaches."""

    avenue_id: str
    action_id: str
    action_name: str
    circle: Circle
    anonymised: bool = False


@dataclass(frozen=True, slots=True)
class Metadata:
    """What file formats carry as properties (PDF info, DOCX core properties, eml headers)."""

    title: str
    subject: str
    author: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """A letter ready to render; see the module docstring for the safety contract."""

    title: str
    date: date
    date_text: str  # formatted for ``language``
    language: str
    direction: str  # "ltr" or "rtl", from the language's locale data
    sender: tuple[str, ...]  # the writer's block, first line the name or capacity
    addressee: Addressee
    subject: str
    salutation: str
    sections: tuple[Section, ...]
    closing: str
    signature: tuple[str, ...]
    attachments: tuple[Attachment, ...]
    metadata: Metadata
    purpose: Purpose
    redactions: tuple[Redaction, ...] = ()
    #: Passages of the user's own text that mention someone the letter does not name
    #: (rewritten, or kept verbatim by the user's recorded choice).
    passages: tuple[Passage, ...] = ()
    #: Shown at the very top (fictional cases) or as a reader's warning.
    notices: tuple[str, ...] = ()
    #: Notes for the person sending, not part of the letter (e.g. no email address known).
    sending_notes: tuple[str, ...] = ()
    case_id: str | None = None
    #: Labels the renderers print around the content, already translated.
    labels: dict[str, str] = field(default_factory=dict)
    #: The writer's own address (``From:``), from the writer's profile.
    sender_email: str | None = None
    #: When the letter is dated, in the writer's time zone (never after the clock's now).
    sent_at: datetime | None = None
    #: What the person sending must fix before the letter can go (no address for the
    #: body, no writer's profile): shown by the faces before the file is written.
    warnings: tuple[str, ...] = ()
    #: The answers to OHCHR's online questionnaire (Special Procedures avenues only),
    #: built with the same redactor as the letter.
    questionnaire: tuple[Section, ...] = ()

    @property
    def subject_line(self) -> str:
        """"Subject: …" as the letter prints it (no space after a full-width "：")."""
        label = self.labels.get("subject", "Subject:")
        return label + ("" if label.endswith("：") else " ") + self.subject

    def text_parts(self) -> list[str]:
        """Every string of the letter in reading order (for tests and full-text search)."""
        parts = [*self.notices, *self.sender, self.date_text, self.addressee.heading]
        for line in self.addressee.lines:
            parts += [line.label, line.address or line.missing or ""]
        parts += [self.subject, self.salutation]
        for s in self.sections:
            parts += [s.heading, *s.paragraphs, *s.items]
        parts += [self.closing, *self.signature]
        parts += [a.filename for a in self.attachments]
        parts += [a.sha256 for a in self.attachments if a.sha256]
        for s in self.questionnaire:
            parts += [s.heading, *s.paragraphs, *s.items]
        return [p for p in parts if p]
