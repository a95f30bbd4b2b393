"""docs/FORMAT.md, the format's reference for people, derived from the declaration (declaration.py): every section
and field, required or optional, its type and allowed values, what it means, and an example of each section."""

from __future__ import annotations

import yaml

from ..values import capitalised
from .declaration import OPTIONAL, SECTIONS
from .json_schema import SCHEMA_ID, SCHEMA_LINE
from .language import ListOf, Record
from .scaffold import SECTIONS as SCAFFOLD

FORMAT_HEADER = f"""# The YAML format of a synthesis

A synthesis is a folder of YAML files (`data/` for the bundled review; point `EVIDENCE_DATA_DIR` at
another). File names are free. Each file holds one or more of the top-level **sections** below; a
section appears in one file only, and an optional one may be left out. `python -m evidence new DIR`
writes a small valid synthesis to start from; `python -m evidence check DIR` reports every problem
with its file, line and a fix; `python -m evidence build DIR` compiles the folder into the database
(see DATA.md). Each section below has an example.

Open vocabularies: a review declares its own kinds of source (`source_types`), its checklist's
rating levels (`quality.scale`, each with an optional score), its coded types (`stigma_types`), the
words its method uses for its levels (`review.synthesis.terms`, `levels`) and the names of its
numbered tables (`review.table_names`). Pages are kept as printed: `4`, `"109-110"`, `"e123"`.

Editors get completion and inline errors from the JSON Schema in `docs/{SCHEMA_ID}`: start each
file with `{SCHEMA_LINE}` (the path relative to the file) and use an editor with the YAML language
server. `check` validates every file against the same schema, then checks what a schema cannot say:
that ids are unique and every id referred to exists, counts add up, claims are linked, and a field
that takes a reserved value holds no near-miss of it (`Not Confirmed`, `not-confirmed`, `n/a`).

Conventions:
- **Ids** are lowercase letters, digits and underscores, unique within their kind (`q01`, `safe_place`).
- **Quote what YAML would read otherwise:** unquoted `yes`, `no`, `on`, `off`, `true` and `false` are
  read as true/false, and `1.10` as a number; write `'yes'` or `"1.10"` where text is meant.
- **`not confirmed`** is the value of a bibliographic field the public records could not confirm;
  **`not specified`** marks a fact the paper does not give. Where a field accepts them, they are
  listed as allowed values. Never guess a value instead.
- **Paper or editorial.** Fields hold what the paper states unless their description says they are
  editorial (this project's coding or wording); `coding:` blocks are always editorial.
- **Claims and their evidence.** Every editorial sentence about the evidence links what it rests on
  in an `evidence` list of `{{statement|quote|study: ID, relation: states|our reading}}`; a claim
  that links nothing is practice advice and shows no study count.

This file is generated from evidence/format/declaration.py by `python -m evidence docs`; a test fails when it
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


# Examples of the sections `python -m evidence new` leaves out (it writes only what a synthesis needs).
EXTRA_EXAMPLES = {
    "constructs": [{"id": "belonging", "number": 1, "name": "Belonging", "description": "What it means, in your words.",
                    "draws_on": ["theme_one"], "rationale": "Why it draws on those themes (editorial).",
                    "evidence": [{"statement": "theme_one_found", "relation": "our reading"}]}],
    "stigma_types": [{"id": "anticipated", "label": "Anticipated", "paper_term": "not specified",
                      "definition": "The type, in your words.", "rule": "What a quote must show to carry this tag."}],
    "disclosure_consequences": [{"id": "judged", "label": "Being judged", "paper_text": "the paper's own phrase",
                                 "where": "Results, second theme", "rule": "What a quote must show to carry it."}],
    "confidence": {"method": "GRADE-CERQual", "note": "How the authors applied it, in your words."},
    "findings": [{"id": "finding_one", "number": 1, "text": "The summarised finding as the review words it.",
                  "theme": "theme_one", "studies": ["study_one"],
                  "evidence": [{"quote": "q01", "relation": "states"}],
                  "assessment": {"components": [
                      {"component": component, "concern": "minor", "explanation": "Why, as the authors explain it."}
                      for component in ("methodological_limitations", "coherence", "adequacy", "relevance")],
                      "confidence": "moderate", "explanation": "Why the finding has that overall level."}}],
    "about_evidence": [{"id": "search_date", "topic": "How old the evidence is",
                        "text": "The search was run in May 2020; later studies are not part of this evidence.",
                        "evidence": [{"statement": "search_date", "relation": "states"}]}],
}


def _example(name: str) -> str:
    """A short valid example of a section (the first item of a list), as YAML."""
    examples = {key: value for content in SCAFFOLD.values() for key, value in content.items()} | EXTRA_EXAMPLES
    value = examples.get(name)
    if value is None:
        return ""
    shown = {name: value[:1] if isinstance(value, list) else value}
    return "\n\nExample:\n\n```yaml\n" + yaml.safe_dump(shown, sort_keys=False, allow_unicode=True, width=100) + "```"


def format_reference() -> str:
    """docs/FORMAT.md: every section and field, required or optional, its type and allowed values, and an example
    of each section."""
    parts = [FORMAT_HEADER]
    for name, spec in SECTIONS.items():
        need = ("Optional: leave it out and it reads as empty; the pages that would show it leave it out."
                if name in OPTIONAL else "Required.")
        parts.append(f"\n## Section `{name}`\n\n{capitalised(spec.expects)}. {need}"
                     + _example(name))
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
