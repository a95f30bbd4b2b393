"""The quote explorer's downloads: matching quotes as CSV (each cell safe to open in a spreadsheet) and as JSON,
tags with their provenance. No Streamlit here."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from urllib.parse import urlencode

from .values import as_list, grouped, missing


@dataclass(frozen=True)
class About:
    """What a download is from: the review's citation, the data version read, and the filters that chose its quotes
    (as the page's link writes them: key, value pairs), so a file found later says where it came from."""

    review: str
    data_version: str = ""
    filters: tuple[tuple[str, str], ...] = ()

    def link_query(self) -> str:
        """The filters as the explorer's link writes them ('' for every quote)."""
        return urlencode(self.filters)

    def filter_values(self) -> dict[str, list[str]]:
        """The filters as a mapping of each key to its values, in the link's order."""
        return grouped(self.filters)


def _value(value):
    """A cell as plain Python: missing (None, NaN, NA) becomes None, so JSON says null, not NaN."""
    return None if missing(value) else value


def _tags(tags) -> list[dict]:
    return [dict(t) for t in as_list(tags)]


def quote_records(frame) -> list[dict]:
    """One plain dict per quote row of `quotes_filtered` (a DataFrame, or its rows as named tuples), tags with their
    provenance."""
    records = []
    for row in frame.itertuples(index=False) if hasattr(frame, "itertuples") else frame:
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
            "study_quality_max": None if _value(getattr(row, "quality_max", None)) is None else int(row.quality_max),
        })
    return records


def quotes_json(frame, about: About) -> str:
    """The quotes as a JSON document that names the review they come from, the data version and the filters."""
    return json.dumps({"source_review": about.review, "data_version": about.data_version,
                       "filters": about.filter_values(), "quotes": quote_records(frame)},
                      ensure_ascii=False, indent=2, allow_nan=False)


def quotes_csv(frame, about: About | None = None) -> str:
    """The quotes as CSV, one row per quote, header first; tags joined with '; ' and labelled with provenance; the
    review, data version and filters on every row, so that any program reads it as a plain table."""
    about = about or About("")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "text", "study", "page", "printed_citation", "source", "language", "theme (paper)",
                     "subthemes", "stigma types", "consequences", "content_note", "study_quality_score",
                     "study_quality_max", "review", "data_version", "filters"])
    for r in quote_records(frame):
        writer.writerow([safe_cell(cell) for cell in (
            r["id"], r["text"], r["study"], r["page"], r["printed_citation"], r["source"], r["language"] or "",
            r["theme"], _joined(r["subthemes"]), _joined(r["stigma"]), _joined(r["consequences"]),
            r["content_note"] or "",
            r["study_quality_score"] if r["study_quality_score"] is not None else "",
            r["study_quality_max"] if r["study_quality_max"] is not None else "",
            about.review, about.data_version, about.link_query())])
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

