"""The case-facts format, defined once: pydantic models of the interchange document.

Everything about the format derives from these classes: the validating reader
(``parse_case_facts``), the JSON Schema (``amparo.model.schema``), and the trusted reader
and the writer of ``codec.py``. Each model names the domain dataclass it becomes
(``domain``), field for field under the same names, so that the pure layers keep
taking the frozen dataclasses of ``model/case.py`` and never see pydantic.

A model is read only through ``parse_case_facts`` (its checks need a ``Reading``: the
date of reading and the people's refs).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationInfo, field_validator, model_validator

from amparo.model import vocabularies as vocab
from amparo.model.case import Case, ConsentRecord, Engagement, Person, Reprisal, UNReference, Writer
from amparo.model.consent import Consent
from amparo.model.errors import Message
from amparo.model.facts.fields import (
    REF_PATTERN,
    Body,
    ConsentValue,
    Country,
    Day,
    Line,
    Lines,
    Narrative,
    Narratives,
    OwnRef,
    Refs,
    RelationRef,
    RequiredLine,
    Says,
    fault,
    reading,
)
from amparo.model.facts.text import shown

#: Keys that ``case show --json`` adds: accepted and ignored on import, so that an export
#: can be imported again as a new case.
IGNORED_TOP_KEYS: tuple[str, ...] = (
    "$schema", "id", "status", "history", "consent_history", "created_at", "updated_at",
)

_REF = re.compile(REF_PATTERN)


class FactsModel(BaseModel):
    """A part of a case-facts document."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        # A ValidationError printed by accident must not carry a name: parse_case_facts
        # never lets one out, and this keeps values out of its text even if one escapes.
        hide_input_in_errors=True,
        # The validators are built at the first document read, not at import: listing
        # cases from the vault (the trusted reader) never needs them.
        defer_build=True,
    )
    #: The dataclass of ``model/case.py`` this part becomes.
    domain: ClassVar[type]
    #: Fields written even when empty (tools reading exports expect the keys).
    written_when_empty: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="before")
    @classmethod
    def _nulls_read_as_absent(cls, data: Any, info: ValidationInfo) -> Any:
        # Other tools write null for an absent value; a known key holding null is absent.
        if isinstance(data, dict):
            data = {k: v for k, v in data.items() if v is not None or k not in cls.model_fields}
            data = cls._prepare(data, info)
        return data

    @classmethod
    def _prepare(cls, data: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
        return data

    def to_domain(self) -> Any:
        """The domain dataclass holding this part's values."""
        return self.domain(**self._domain_values())

    def _domain_values(self) -> dict[str, Any]:
        return {name: _domain(getattr(self, name)) for name in type(self).model_fields}


def _domain(value: Any) -> Any:
    if isinstance(value, FactsModel):
        return value.to_domain()
    if isinstance(value, tuple) and value and isinstance(value[0], FactsModel):
        return tuple(v.to_domain() for v in value)
    return value


class ConsentRecordFacts(FactsModel):
    """When and how a person gave (or withdrew) the consent now in force."""

    model_config = ConfigDict(title="ConsentRecord")
    domain: ClassVar[type] = ConsentRecord

    given_on: Day | None = None
    method: Literal[vocab.CONSENT_METHODS] | None = Field(None, description="How the consent was given.")
    recorded_by: Line | None = None
    note: Narrative | None = None


class PersonFacts(FactsModel):
    """Someone the case is about or would expose (family, colleagues)."""

    model_config = ConfigDict(title="Person")
    domain: ClassVar[type] = Person

    ref: OwnRef = Field(description="A short reference used everywhere else in the document (p1).")
    name: RequiredLine = Field(description="Kept encrypted; shown only where consent allows.")
    role: Literal[vocab.ROLES]
    gender: Literal[vocab.GENDERS] = "undisclosed"
    organisation: Line | None = Field(None, description="Redacted with the name when it would identify them.")
    location: Literal[vocab.LOCATIONS] = Field("unknown", description="Where the person is now.")
    consent: ConsentValue = Field(default_factory=Consent.none)
    relation_to: RelationRef | None = Field(None, description="The ref of a related person.")
    description: Narrative | None = Field(
        None, description="How drafts describe the person when consent withholds the name.")
    consent_record: ConsentRecordFacts | None = None
    groups: tuple[Literal[vocab.PERSON_GROUPS], ...] = Field(
        (), description="Groups that change which bodies fit the case.")
    identifying_terms: Lines = Field(
        (), description="Words that identify the person besides the name (a nickname, a village, "
                        "a workplace); treated like the name.")

    @field_validator("groups")
    @classmethod
    def _each_group_once(cls, groups: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(groups))

    @field_validator("relation_to")
    @classmethod
    def _another_person(cls, ref: str | None, info: ValidationInfo) -> str | None:
        if ref is not None and (ref not in reading(info).refs or ref == info.data.get("ref")):
            raise fault(Message("{ref} is not the ref of another person", ref=shown(ref)))
        return ref


class EngagementFacts(FactsModel):
    """One act of cooperation with the UN (or a regional body)."""

    model_config = ConfigDict(title="Engagement")
    domain: ClassVar[type] = Engagement

    body: Body
    kind: Literal[vocab.ENGAGEMENT_KINDS] = Field(description="What the person did.")
    date: Day
    people: Refs
    session: Line | None = Field(None, description="The session or review (HRC 34th session).")
    description: Narrative | None = None


class ReprisalFacts(FactsModel):
    """One act of intimidation or reprisal."""

    model_config = ConfigDict(title="Reprisal")
    domain: ClassVar[type] = Reprisal

    type: Literal[vocab.REPRISAL_TYPES] = Field(description="The form of reprisal.")
    date: Day
    people: Refs
    perpetrator: Literal[vocab.PERPETRATORS] = "unknown"
    description: Narrative | None = None
    place: Line | None = None
    link: Narrative | None = Field(None, description="Why it is linked to the cooperation.")
    country: Country | None = Field(
        None, description="Where it happened, when not in the case's country (ISO 3166-1 alpha-2).")
    law: Literal[vocab.LAWS] | None = Field(
        None, description="The kind of law the charges, detention or restriction rely on.")


class UNReferenceFacts(FactsModel):
    """A UN document or communication that already raised the case."""

    model_config = ConfigDict(title="UNReference")
    domain: ClassVar[type] = UNReference

    symbol: RequiredLine
    date: Day | None = None
    note: Narrative | None = None


class WriterFacts(FactsModel):
    """Who writes to the UN on the case, and how to reach them safely."""

    model_config = ConfigDict(title="Writer")
    domain: ClassVar[type] = Writer

    name: Line | None = None
    capacity: Line | None = None
    contact: Line | None = Field(None, description="A safe way to reach them.")


_PEOPLE = Says(missing=Message("is required: a list of at least one person").text,
               wrong="is required: a list of at least one person",
               short="is required: a list of at least one person")


class CaseFacts(FactsModel):
    """A reprisal case: the people, their cooperation with the UN, the acts against them."""

    model_config = ConfigDict(title="Amparo case facts")
    domain: ClassVar[type] = Case
    written_when_empty: ClassVar[frozenset[str]] = frozenset({"engagements", "reprisals"})

    title: RequiredLine = Field(description="A short title; it may stay generic.")
    country: Country = Field(description="ISO 3166-1 alpha-2 code of the State concerned.")
    people: Annotated[tuple[PersonFacts, ...], Field(min_length=1), _PEOPLE]
    engagements: tuple[EngagementFacts, ...] = ()
    reprisals: tuple[ReprisalFacts, ...] = ()
    notes: Narrative | None = None
    already_public: StrictBool = Field(False, description="The case is already public.")
    un_references: tuple[UNReferenceFacts, ...] = ()
    steps_taken: Narratives = Field((), description="Steps already taken at home, other bodies notified.")
    writer: WriterFacts | None = None
    fictional: StrictBool = Field(False, description="Demo and training cases; every view says so.")

    @classmethod
    def _prepare(cls, data: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
        for key in IGNORED_TOP_KEYS:
            data.pop(key, None)
        # The refs are known before any field is read, so that an engagement, a reprisal
        # or a relation can be checked against them while every other field is checked too.
        people = data.get("people")
        if isinstance(people, list | tuple):
            reading(info).refs = frozenset(
                p["ref"] for p in people
                if isinstance(p, dict) and isinstance(p.get("ref"), str) and _REF.match(p["ref"]))
        return data

    def to_domain(self) -> Case:
        """The ``Case``, its engagements and reprisals in date order."""
        values = self._domain_values()
        for events in ("engagements", "reprisals"):
            values[events] = tuple(sorted(values[events], key=lambda event: event.date))
        return Case(**values)
