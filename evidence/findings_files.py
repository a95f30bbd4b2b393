"""The review's Summary of Qualitative Findings and each finding's Evidence Profile as files: a Word document with
iSoQ's columns (the form journals and guideline panels take), CSV and JSON. Each carries the review's citation and
the data version. No Streamlit here."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd

from .exports import safe_cell
from .strength import NOT_ASSESSED
from .values import as_list, text_or_none

SUMMARY_COLUMNS = ("#", "Summarised review finding", "Assessment of confidence", "Explanation of the assessment",
                   "Contributing studies")  # iSoQ's Summary of Qualitative Findings, in its order
PROFILE_COLUMNS = ("Component", "Concern", "Explanation")


def finding_records(findings: pd.DataFrame, judgements: pd.DataFrame) -> list[dict]:
    """One plain dict per finding (rows of the findings query): its summary row and its Evidence Profile."""
    records = []
    for row in findings.itertuples(index=False):
        profile = judgements[judgements.finding_id == row.id]
        records.append({
            "id": row.id, "number": int(row.number), "finding": row.text,
            "theme": text_or_none(row.theme_name), "subtheme": text_or_none(row.subtheme_name),
            "confidence": text_or_none(row.confidence_label), "confidence_id": text_or_none(row.confidence),
            "explanation": text_or_none(row.confidence_explanation),
            "studies": [study["citation"] for study in as_list(row.studies)],
            "evidence_profile": [{"component": j.component_label, "concern": j.concern_label,
                                  "explanation": j.explanation} for j in profile.itertuples(index=False)],
        })
    return records


def _about(citation: str, version: str, method: str | None) -> dict:
    return {"review": citation, "data_version": version,
            "method": method or NOT_ASSESSED}


def findings_json(records: list[dict], citation: str, version: str, method: str | None) -> str:
    """The findings as JSON: what they are from, then one object per finding."""
    return json.dumps({**_about(citation, version, method), "findings": records}, ensure_ascii=False, indent=2)


def findings_csv(records: list[dict], citation: str, version: str, method: str | None) -> str:
    """The Summary of Qualitative Findings as CSV, one row per finding, the Evidence Profile as one column per
    component (its concern, then its explanation), and on every row what it is from (review, data version, method):
    a plain table any program reads, header first."""
    components = list(dict.fromkeys(j["component"] for r in records for j in r["evidence_profile"]))
    about = _about(citation, version, method)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*SUMMARY_COLUMNS, *[f"{c}: {part}" for c in components for part in ("concern", "explanation")],
                     *about])
    for r in records:
        judged = {j["component"]: j for j in r["evidence_profile"]}
        writer.writerow([safe_cell(cell) for cell in (
            r["number"], r["finding"], r["confidence"] or NOT_ASSESSED, r["explanation"] or "",
            "; ".join(r["studies"]),
            *[judged[c][part] if c in judged else "" for c in components for part in ("concern", "explanation")],
            *about.values())])
    return out.getvalue()


def findings_docx(records: list[dict], citation: str, version: str, method: str | None, title: str,
                  levels: list[tuple[str, str]] = (), levels_source: str | None = None) -> bytes:
    """A Word document: the Summary of Qualitative Findings table, what each confidence level means (`levels`, label
    and meaning, in whose words: `levels_source`), then each assessed finding's Evidence Profile."""
    from docx import Document  # python-docx: only the download needs it

    document = Document()
    document.add_heading(title, level=1)
    document.add_paragraph(f"From: {citation}. Data version {version}. Confidence judged with "
                           f"{method or 'no method: ' + NOT_ASSESSED}.")
    document.add_heading("Summary of Qualitative Findings", level=2)
    table = document.add_table(rows=1, cols=len(SUMMARY_COLUMNS))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, SUMMARY_COLUMNS, strict=True):
        cell.text = name
    for r in records:
        cells = table.add_row().cells
        for cell, value in zip(cells, (str(r["number"]), r["finding"], r["confidence"] or NOT_ASSESSED,
                                       r["explanation"] or "", "; ".join(r["studies"])), strict=True):
            cell.text = value
    if levels:
        document.add_heading("What the levels mean", level=2)
        if levels_source:
            document.add_paragraph(f"The meanings are {levels_source}.")
        for label, meaning in levels:
            document.add_paragraph(f"{label}: {meaning}.", style="List Bullet")
    for r in [r for r in records if r["evidence_profile"]]:
        document.add_heading(f"Evidence Profile: finding {r['number']}", level=2)
        document.add_paragraph(r["finding"])
        profile = document.add_table(rows=1, cols=len(PROFILE_COLUMNS))
        profile.style = "Table Grid"
        for cell, name in zip(profile.rows[0].cells, PROFILE_COLUMNS, strict=True):
            cell.text = name
        for j in r["evidence_profile"]:
            for cell, value in zip(profile.add_row().cells, (j["component"], j["concern"], j["explanation"]),
                                   strict=True):
                cell.text = value
        document.add_paragraph(f"Overall: {r['confidence']}. {r['explanation'] or ''}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
