"""The JSON Schema of one YAML source file, derived from the declaration (declaration.py): editors validate against
it as the user types (docs/evidence.schema.json), and `check` validates with the very same schema (structure.py)."""

from __future__ import annotations

import json

from .declaration import SECTIONS
from .language import AnyOf, Bool, Id, Int, ListOf, Record, Ref, Spec, Text

SCHEMA_ID = "evidence.schema.json"
SCHEMA_LINE = "# yaml-language-server: $schema=../docs/evidence.schema.json"


def to_json_schema(spec: Spec) -> dict:
    """One spec as a JSON Schema fragment (ids and references as strings; cross-references are checked by
    `python -m evidence check`, which a schema cannot do)."""
    if isinstance(spec, Record):
        fields = {**spec.required, **spec.optional}
        schema = {"type": "object", "title": spec.noun, "additionalProperties": False,
                  "properties": {key: _described(spec, key, to_json_schema(value)) for key, value in fields.items()}}
        if spec.required:
            schema["required"] = list(spec.required)
        return schema
    if isinstance(spec, ListOf):
        schema = {"type": "array", "items": to_json_schema(spec.item)}
        return {**schema, "minItems": spec.min_items} if spec.min_items else schema
    if isinstance(spec, AnyOf):
        return {"anyOf": [to_json_schema(option) for option in spec.options]}
    if isinstance(spec, Id):
        # (?![\s\S]) ends the text in every regex dialect; Python's $ would also let one trailing newline by.
        return {"type": "string", "pattern": r"^[a-z0-9_]+(?![\s\S])", "description": f"a new {spec.kind} id"}
    if isinstance(spec, Ref):
        return {"type": "string", "minLength": 1, "description": f"the id of a {spec.kind}"}
    if isinstance(spec, Text):
        return {"type": "string", "enum": list(spec.choices)} if spec.choices else \
            {"type": "string", "minLength": 1, "pattern": r"\S"}
    if isinstance(spec, Int):
        bounds = {"minimum": spec.low, **({"maximum": spec.high} if spec.high is not None else {})}
        return {"type": "integer", **bounds}
    if isinstance(spec, Bool):
        return {"type": "boolean"}
    raise TypeError(f"no JSON Schema for {type(spec).__name__}")


def _described(record: Record, key: str, schema: dict) -> dict:
    doc = record.docs.get(key)
    return {**schema, "description": doc} if doc else schema


def json_schema() -> dict:
    """The schema of one YAML source file: any of the sections, each at most once (every section must appear
    in exactly one file of the folder)."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "A qualitative evidence synthesis: one YAML source file", "type": "object",
            "additionalProperties": False,
            "properties": {name: to_json_schema(spec) for name, spec in SECTIONS.items()}}


def schema_text() -> str:
    """The JSON Schema as the file docs/evidence.schema.json holds it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
