"""The YAML format, derived from its one declaration (evidence/schema.py): a JSON Schema for editors and
docs/FORMAT.md for people. No Streamlit here."""

from __future__ import annotations

import json

from .schema import SECTIONS
from .spec import AnyOf, Bool, Id, Int, ListOf, Record, Ref, Spec, Text

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


FORMAT_HEADER = f"""# The YAML format of a synthesis

A synthesis is a folder of YAML files (`data/` for the bundled review; point `EVIDENCE_DATA_DIR` at
another). File names are free. Each file holds one or more of the top-level **sections** below, and
every section appears in exactly one file of the folder. `python -m evidence new DIR` writes a small
valid synthesis to start from; `python -m evidence check` reports every problem with its file, line
and a fix; `python -m evidence build` compiles the folder into the database (see DATA.md).

Editors get completion and inline errors from the JSON Schema in `docs/{SCHEMA_ID}`: start each
file with `{SCHEMA_LINE}` (the path relative to the file) and use an editor with the YAML language
server. `check` validates every file against the same schema, then checks what a schema cannot say:
that ids are unique and every id referred to exists, counts add up, claims are linked, and a field
that takes a reserved value holds no near-miss of it (`Not Confirmed`, `not-confirmed`, `n/a`).

Conventions:
- **Ids** are lowercase letters, digits and underscores, unique within their kind (`q01`, `safe_place`).
- **`not confirmed`** is the value of a bibliographic field the public records could not confirm;
  **`not specified`** marks a fact the paper does not give. Where a field accepts them, they are
  listed as allowed values. Never guess a value instead.
- **Paper or editorial.** Fields hold what the paper states unless their description says they are
  editorial (this project's coding or wording); `coding:` blocks are always editorial.
- **Claims and their evidence.** Every editorial sentence about the evidence links what it rests on
  in an `evidence` list of `{{statement|quote|study: ID, relation: states|our reading}}`; a claim
  that links nothing is practice advice and shows no study count.

This file is generated from evidence/schema.py by `python -m evidence docs`; a test fails when it
falls out of date.
"""


def _rows(record: Record, path: str, nested: list[tuple[str, Record]]) -> list[str]:
    rows = []
    for key, spec in {**record.required, **record.optional}.items():
        inner = spec.item if isinstance(spec, ListOf) else spec
        if isinstance(inner, Record):
            nested.append((f"{path}.{key}" + ("[]" if isinstance(spec, ListOf) else ""), inner))
        need = "required" if key in record.required else "optional"
        doc = record.docs.get(key, "")
        rows.append(f"| `{key}` | {need} | {spec.expects.replace('|', '/')} | {doc} |")
    return rows


def format_reference() -> str:
    """docs/FORMAT.md: every section and field, required or optional, its type and allowed values."""
    parts = [FORMAT_HEADER]
    for name, spec in SECTIONS.items():
        parts.append(f"\n## Section `{name}`\n\n{spec.expects[0].upper() + spec.expects[1:]}.")
        queue = [(name + ("[]" if isinstance(spec, ListOf) else ""), spec.item if isinstance(spec, ListOf) else spec)]
        while queue:
            path, record = queue.pop(0)
            if not isinstance(record, Record):
                continue
            nested: list[tuple[str, Record]] = []
            parts.append(f"\n### `{path}`: {record.noun}\n\n| field | | type and allowed values | meaning |"
                         "\n|---|---|---|---|")
            parts.extend(_rows(record, path, nested))
            queue.extend(nested)
    return "\n".join(parts) + "\n"
