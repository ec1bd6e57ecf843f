"""The JSON Schema of the case-facts format, generated from its models.

The schema file shipped beside this module (``case-facts.schema.json``) is this
function's output; a test keeps the two equal, so the format has one source: the
pydantic models of ``amparo.model.facts.models``. Run ``python -m amparo.model.schema``
to rewrite the file after changing a model or a vocabulary.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from amparo.model.facts.models import IGNORED_TOP_KEYS, CaseFacts

SCHEMA_ID = "https://amparo.invalid/schemas/case-facts.schema.json"


def case_facts_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one case-facts document."""
    generated = _tidied(CaseFacts.model_json_schema(mode="validation"))
    ignored: dict[str, Any] = {key: {"description": "Ignored on import."} for key in IGNORED_TOP_KEYS}
    ignored["$schema"] = {"type": "string"}
    ignored["id"] = {"type": "string", "description": "Ignored on import."}
    generated["properties"] = {**ignored, **generated["properties"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **generated,
    }


def _tidied(node: Any, *, in_properties: bool = False) -> Any:
    """Pydantic's schema as a person reads it.

    An optional field is written ``X | None`` in the models, and the reader takes null as
    absent, but the format itself never holds null: the schema states the value's type
    alone. Property titles ("Given On") repeat the key and are left out.
    """
    if isinstance(node, list):
        return [_tidied(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = dict(node)
    options = node.get("anyOf")
    if isinstance(options, list) and {"type": "null"} in options and len(options) == 2:
        del node["anyOf"]
        node = {**next(o for o in options if o != {"type": "null"}), **node}
    if node.get("default", ...) is None:
        del node["default"]
    if in_properties:
        node.pop("title", None)
    return {key: (
        {name: _tidied(prop, in_properties=True) for name, prop in value.items()}
        if key == "properties" and isinstance(value, dict) else _tidied(value)
    ) for key, value in node.items()}


def shipped_schema() -> dict[str, Any]:
    """The schema file as shipped in the package."""
    text = resources.files("amparo.model").joinpath("case-facts.schema.json").read_text("utf-8")
    return json.loads(text)


if __name__ == "__main__":
    target = Path(__file__).with_name("case-facts.schema.json")
    target.write_text(json.dumps(case_facts_schema(), indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {target}")
