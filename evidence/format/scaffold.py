"""`python -m evidence new DIR`: a small valid synthesis to start a new one from. No Streamlit here."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from .. import settings

TODO = "REPLACE:"
STUDY = {"citation": "Author et al. 2020", "included": True, "source": "interview", "year": 2020,
         "authors": ["Author A."], "title": "not confirmed", "journal": "not confirmed", "volume": "not confirmed",
         "issue": "not confirmed", "pages": "not confirmed", "doi": "not confirmed",
         "characteristics": {"label": "Author et al. (2020)", "aim": f"{TODO} the study's aim as your table prints it.",
                    "n": "10 participants", "definition": "not specified", "location": "not specified",
                    "data_collection": "Interviews.", "analysis": "Thematic analysis."},
         "sample_n": 10, "sample_unit": "participants", "quality_score": 1}

SECTIONS = {
    "review": {"review": {
        "id": "my_review", "short_citation": "Author et al. 2024", "authors": ["Author A.", "Author B."],
        "title": f"{TODO} the review's title", "journal": "not confirmed", "year": 2024, "volume": "not confirmed",
        "issue": "not confirmed", "pages": "not confirmed", "doi": "not confirmed",
        "design": "Qualitative evidence synthesis", "question": f"{TODO} the review question, in your words.",
        "aim": f"{TODO} the review's aim, in your words.", "condition_definition": "not specified",
        "search": {"date": "not specified", "databases": ["not specified"], "google_scholar": "not specified",
                   "reference_screening": "not specified", "terms": "not specified",
                   "reporting_standard": "not specified"},
        "eligibility": {"inclusion": [f"{TODO} an inclusion criterion."], "exclusion": [],
                        "screening_by": "not specified"},
        "quality": {"tool": "not specified", "appraised_by": "not specified", "approach": "not specified",
                    "summary": "not specified"},
        "synthesis": {"method": "not specified", "steps": [{"name": "Coding", "description": "not specified"}],
                      "appendix_note": "Nothing is held back."},
        "points": {"limitations": [], "future_research": [], "implications": [], "conclusions": []}}},
    "prisma": {"prisma": {"sources": [{"label": "Records identified through database searching", "n": 1}],
                          "identified": 1, "duplicates_removed": 0, "screened": 1,
                          "excluded_at_screening": {"n": 0, "reasons": []}, "full_text_assessed": 1,
                          "excluded_at_full_text": {"n": 0, "reasons": []}, "included": 1}},
    "studies": {"source_types": [{"id": "interview", "label": "interview", "plural": "interviews"}],
                "studies": [{"id": "study_one", **STUDY}]},
    "quality": {"quality": {"max_score": 1, "criteria": [{"id": "aims_clear", "short": "Aims clear",
                                                          "question": "Are the aims clearly stated?"}],
                            "ratings": [{"study": "study_one", "ratings": [1], "total": 1}]}},
    "statements": {"statements": [{"id": "theme_one_found", "section": "Results: First theme",
                                   "text": f"{TODO} a sentence of your paper, word for word.",
                                   "quantifier": "one study", "study_count": 1, "studies": ["study_one"]}]},
    "themes": {
        "themes": [{"id": "theme_one", "number": 1, "name": "First theme", "headline": "a phrase from the paper",
                    "summary": f"{TODO} the theme in your words, keeping the paper's hedges.",
                    "support": {"stated": "in one study", "count": 1,
                                "studies": [{"study": "study_one", "basis": "cited in the theme's section"}]},
                    "subthemes": [{"id": "subtheme_one", "name": "First subtheme",
                                   "description": "The subtheme in your words."}],
                    "summary_evidence": [{"statement": "theme_one_found", "relation": "states"}]}],
        "line_of_argument": {"text": f"{TODO} the line of argument, in your words.",
                             "evidence": [{"statement": "theme_one_found", "relation": "our reading"}]}},
    "quotes": {"quotes": [{"id": "q01", "study": "study_one", "page": 1, "printed_citation": "Author et al. 2020, p. 1",
                           "source": "interview", "theme": "theme_one",
                           "text": f"{TODO} a participant quote, word for word.",
                           "coding": {"subthemes": ["subtheme_one"]}}]},
    "guidance": {"guidance": {
        "title": "Talking points", "disclaimer": "Drawn from one evidence synthesis; not a clinical guideline.",
        "confidence_note": "Confidence in the findings was not rated.",
        "sections": [{"id": "first", "title": "First section", "points": [
            {"id": "first_point", "title": "A first point", "short": "The point in one line.",
             "body": "What the linked sentence says, in your words.",
             "evidence": [{"statement": "theme_one_found", "relation": "states"}]}]}],
        "leaflet": {"title": "A leaflet", "intro": "What this leaflet is about, in plain words.",
                    "sections": [{"id": "urgent", "heading": "If you need help now", "crisis": True,
                                  "text": "Call one of these numbers.", "evidence": [],
                                  "staff_note": "General safety advice, not a finding of the review."}]}}},
}


def schema_line(folder: Path) -> str:
    """The line that points an editor's YAML language server at the published schema, relative to a file in `folder`
    as FORMAT.md says (so the folder can move with the project); absolute only where no relative path exists (another
    drive)."""
    schema = settings.PROJECT_ROOT / "docs" / "evidence.schema.json"
    try:
        target = Path(os.path.relpath(schema, folder.resolve())).as_posix()
    except ValueError:
        target = schema.as_uri()
    return f"# yaml-language-server: $schema={target}\n"


def write_new(folder: Path) -> list[Path]:
    """Write a minimal valid synthesis into `folder` (which must not exist or be empty); return its files."""
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty: choose a new folder")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in SECTIONS.items():
        path = folder / f"{name}.yaml"
        path.write_text(schema_line(folder) + f"# Replace every '{TODO}' value; see docs/FORMAT.md for each field.\n"
                        + yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
        written.append(path)
    return written
