"""The shipped JSON Schema matches the vocabularies and accepts what the validator accepts."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from amparo.model.schema import case_facts_schema, shipped_schema

DEMO = sorted((Path(__file__).parents[2] / "src/amparo/service/demo").glob("[0-9]-*.json"))


def test_shipped_file_is_up_to_date():
    assert shipped_schema() == case_facts_schema(), "run: python -m amparo.model.schema"


@pytest.mark.parametrize("path", DEMO, ids=lambda p: p.stem)
def test_demo_cases_validate_against_the_schema(path):
    jsonschema.Draft202012Validator(shipped_schema()).validate(json.loads(path.read_text()))


def test_schema_rejects_an_unknown_consent_level():
    data = json.loads(DEMO[0].read_text())
    data["people"][0]["consent"] = "public"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(shipped_schema()).validate(data)
