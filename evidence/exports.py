"""The quote explorer's downloads: matching quotes as CSV (each cell safe to open in a spreadsheet) and as JSON,
tags with their provenance. No Streamlit here."""

from __future__ import annotations

import csv
import io
import json

from .values import as_list, missing


def _value(value):
    """A cell as plain Python: missing (None, NaN, NA) becomes None, so JSON says null, not NaN."""
    return None if missing(value) else value


def _tags(tags) -> list[dict]:
    return [dict(t) for t in as_list(tags)]


def quote_records(frame) -> list[dict]:
    """One plain dict per quote row of `quotes_filtered`, tags with their provenance."""
    records = []
    for row in frame.itertuples(index=False):
        if row.id is None:
            continue
        records.append({
            "id": row.id, "text": row.text, "study": row.citation, "study_id": row.study_id,
            "page": row.page, "printed_citation": row.printed_citation, "source": row.source_label,
            "theme": row.theme_name, "theme_id": row.theme_id, "theme_provenance": "paper",
            "language": _value(getattr(row, "language", None)),
            "subthemes": _tags(row.subthemes), "stigma": _tags(row.stigma),
            "consequences": _tags(getattr(row, "consequences", None)),
            "content_note": _value(row.content_note),
            "study_quality_score": None if _value(row.quality_score) is None else int(row.quality_score),
        })
    return records


def quotes_json(frame, citation: str) -> str:
    """The quotes as a JSON document that names the review they come from."""
    return json.dumps({"source_review": citation, "quotes": quote_records(frame)}, ensure_ascii=False, indent=2,
                      allow_nan=False)


def quotes_csv(frame) -> str:
    """The quotes as CSV, one row per quote; tags joined with '; ' and labelled with provenance."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "text", "study", "page", "printed_citation", "source", "language", "theme (paper)",
                     "subthemes", "stigma types", "consequences", "content_note", "study_quality_score"])
    for r in quote_records(frame):
        writer.writerow([safe_cell(cell) for cell in (
            r["id"], r["text"], r["study"], r["page"], r["printed_citation"], r["source"], r["language"] or "",
            r["theme"], _joined(r["subthemes"]), _joined(r["stigma"]), _joined(r["consequences"]),
            r["content_note"] or "",
            r["study_quality_score"] if r["study_quality_score"] is not None else "")])
    return out.getvalue()


# OWASP's guidance on CSV injection: a spreadsheet runs a cell that starts with one of these as a formula
# (=HYPERLINK(...), a DDE call) when a colleague opens the file.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets a leading apostrophe, which
    spreadsheets hide and which stops the formula (the JSON export keeps the text exactly as stored)."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_START) else value


def _joined(tags: list[dict]) -> str:
    return "; ".join(f"{t['name']} ({t['provenance']})" for t in tags)

