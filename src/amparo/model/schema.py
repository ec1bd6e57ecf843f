"""The JSON Schema of the case-facts format, built from the vocabularies.

The schema file shipped beside this module (``case-facts.schema.json``) is this
function's output; a test keeps the two equal, so the vocabularies have one source.
Run ``python -m amparo.model.schema`` to rewrite the file after changing a vocabulary.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from amparo.model import vocabularies as vocab
from amparo.model.consent import CIRCLE_VALUES, CONSENT_LEVELS

SCHEMA_ID = "https://amparo.invalid/schemas/case-facts.schema.json"
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_TEXT = {"type": "string", "maxLength": 100_000}
_REFS = {"type": "array", "items": {"type": "string"}, "minItems": 1}


def _enum(values: tuple[str, ...], description: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(values), "description": description}


def case_facts_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one case-facts document."""
    consent = {
        "description": "A level (that circle and every narrower one; 'none' = no circle) "
                       "or an explicit list of circles.",
        "oneOf": [
            {"type": "string", "enum": list(CONSENT_LEVELS)},
            {"type": "array", "items": {"type": "string", "enum": list(CIRCLE_VALUES)},
             "uniqueItems": True},
        ],
    }
    person = {
        "type": "object", "additionalProperties": False, "required": ["ref", "name", "role"],
        "properties": {
            "ref": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$"},
            "name": {"type": "string", "minLength": 1},
            "role": _enum(vocab.ROLES, "The person's role."),
            "gender": _enum(vocab.GENDERS, "Default: undisclosed."),
            "organisation": _TEXT,
            "location": _enum(vocab.LOCATIONS, "Where the person is now. Default: unknown."),
            "consent": consent,
            "relation_to": {"type": ["string", "null"], "description": "Ref of a related person."},
            "description": {**_TEXT, "description": "How drafts describe the person when consent "
                                                    "withholds the name."},
            "consent_record": {
                "type": "object", "additionalProperties": False,
                "properties": {
                    "given_on": _DATE,
                    "method": _enum(vocab.CONSENT_METHODS, "How the consent was given."),
                    "recorded_by": _TEXT, "note": _TEXT,
                },
            },
        },
    }
    body = {"type": "string", "description": "hrc, upr, ohchr, un-country-team, un-peace-mission, "
                                             "sp:<mandate>, tb:<CODE>, rg:<body>",
            "pattern": r"^(hrc|upr|ohchr|un-country-team|un-peace-mission|"
                       r"sp:[a-z0-9]+(-[a-z0-9]+)*|rg:[a-z0-9]+(-[a-z0-9]+)*|"
                       r"tb:(" + "|".join(vocab.TREATY_BODIES) + "))$"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Amparo case facts",
        "type": "object",
        "required": ["title", "country", "people"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "id": {"type": "string", "description": "Ignored on import."},
            "status": {"description": "Ignored on import."},
            "history": {"description": "Ignored on import."},
            "consent_history": {"description": "Ignored on import."},
            "created_at": {"description": "Ignored on import."},
            "updated_at": {"description": "Ignored on import."},
            "title": {"type": "string", "minLength": 1},
            "country": {"type": "string", "pattern": "^[A-Za-z]{2}$",
                        "description": "ISO 3166-1 alpha-2 code."},
            "fictional": {"type": "boolean"},
            "people": {"type": "array", "minItems": 1, "items": person},
            "engagements": {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": ["body", "kind", "date", "people"],
                "properties": {
                    "body": body, "kind": _enum(vocab.ENGAGEMENT_KINDS, "What the person did."),
                    "date": _DATE, "people": _REFS, "session": _TEXT, "description": _TEXT,
                },
            }},
            "reprisals": {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": ["type", "date", "people"],
                "properties": {
                    "type": _enum(vocab.REPRISAL_TYPES, "The form of reprisal."),
                    "date": _DATE, "people": _REFS,
                    "perpetrator": _enum(vocab.PERPETRATORS, "Default: unknown."),
                    "description": _TEXT, "place": _TEXT,
                    "link": {**_TEXT, "description": "Why it is linked to the cooperation."},
                },
            }},
            "notes": _TEXT,
            "already_public": {"type": "boolean"},
            "un_references": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["symbol"],
                "properties": {"symbol": {"type": "string", "minLength": 1}, "date": _DATE,
                               "note": _TEXT},
            }},
            "steps_taken": {"type": "array", "items": {"type": "string"}},
            "writer": {"type": "object", "additionalProperties": False,
                       "properties": {"name": _TEXT, "capacity": _TEXT, "contact": _TEXT}},
        },
    }


def shipped_schema() -> dict[str, Any]:
    """The schema file as shipped in the package."""
    text = resources.files("amparo.model").joinpath("case-facts.schema.json").read_text("utf-8")
    return json.loads(text)


if __name__ == "__main__":
    target = Path(__file__).with_name("case-facts.schema.json")
    target.write_text(json.dumps(case_facts_schema(), indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {target}")
