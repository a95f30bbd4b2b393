"""The shape of every section of the YAML sources, as specs."""

from __future__ import annotations

from .spec import NOT_CONFIRMED, NOT_SPECIFIED, AnyOf, Bool, Id, Int, ListOf, Record, Ref, Text

PROVENANCES = ("paper", "editorial")
SOURCES = ("forum post", "interview")
TEXT = Text()
TEXTS = ListOf(TEXT)
YEAR = Int(1900, 2100)
COUNT = Int(0)
BIBLIO = AnyOf((Text((NOT_CONFIRMED,)), TEXT))

POINT = Record("point", {"text": TEXT, "provenance": Text(PROVENANCES)})
STEP = Record("step", {"name": TEXT, "description": TEXT})

REVIEW = Record("review", {
    "id": Id("review"), "short_citation": TEXT, "authors": ListOf(TEXT, 1), "title": TEXT,
    "journal": TEXT, "year": YEAR, "volume": BIBLIO, "issue": BIBLIO, "pages": BIBLIO,
    "doi": BIBLIO, "design": TEXT, "question": TEXT, "aim": TEXT, "mmi_definition": TEXT,
    "search": Record("search", {
        "date": TEXT, "databases": ListOf(TEXT, 1), "google_scholar": TEXT,
        "reference_screening": TEXT, "terms": TEXT, "reporting_standard": TEXT}),
    "eligibility": Record("eligibility", {
        "inclusion": ListOf(TEXT, 1), "exclusion": TEXTS, "screening_by": TEXT}),
    "quality": Record("quality", {
        "tool": TEXT, "appraised_by": TEXT, "approach": TEXT, "summary": TEXT}),
    "synthesis": Record("synthesis", {
        "method": TEXT, "steps": ListOf(STEP, 1), "construct_orders": ListOf(STEP),
        "appendix_note": TEXT}),
    "points": Record("points", {
        "limitations": ListOf(POINT), "future_research": ListOf(POINT),
        "implications": ListOf(POINT), "conclusions": ListOf(POINT)}),
}, {"year_note": TEXT})

COUNTED = Record("count", {"label": TEXT, "n": COUNT})
REASON = Record("reason", {"reason": TEXT, "n": COUNT})
EXCLUSION = Record("exclusion", {"n": COUNT, "reasons": ListOf(REASON)}, {"note": TEXT})
PRISMA = Record("prisma", {
    "sources": ListOf(COUNTED, 1), "identified": COUNT, "duplicates_removed": COUNT,
    "screened": COUNT, "excluded_at_screening": EXCLUSION, "full_text_assessed": COUNT,
    "excluded_at_full_text": EXCLUSION, "included": COUNT,
}, {"screened_label": TEXT, "included_label": TEXT, "added_from_references": COUNT,
    "exclusion_criteria_box": TEXTS})

TABLE1 = Record("Table 1 row", {
    "label": TEXT, "aim": TEXT, "n": TEXT, "definition": TEXT, "location": TEXT,
    "data_collection": TEXT, "analysis": TEXT})
RELATED_THEME = Record("related theme", {
    "id": Id("related theme"), "name": TEXT, "description": TEXT,
    "echoes": ListOf(Ref("theme")), "echo_rationale": TEXT})
RELATED = Record("related study details", {
    "relation": TEXT, "aim": TEXT, "design": TEXT, "sample": TEXT, "forum": TEXT,
    "location": TEXT, "conclusion": TEXT, "themes": ListOf(RELATED_THEME)})
STUDY = Record("study", {
    "id": Id("study"), "citation": TEXT, "included": Bool(), "source": Text(SOURCES),
    "year": YEAR, "authors": AnyOf((Text((NOT_CONFIRMED,)), ListOf(TEXT, 1))), "title": BIBLIO,
    "journal": BIBLIO, "volume": BIBLIO, "issue": BIBLIO, "pages": BIBLIO, "doi": BIBLIO,
    "sample_n": COUNT, "sample_unit": TEXT,
}, {"year_note": TEXT, "first_author": TEXT, "reference_note": TEXT, "table1": TABLE1,
    "quality_score": COUNT, "context": TEXTS, "related": RELATED})

CRITERION = Record("criterion", {"id": Id("criterion"), "short": TEXT, "question": TEXT},
                   {"group": TEXT})
RATING_ROW = Record("rating row", {"study": Ref("study"), "ratings": ListOf(Int(0, 1), 1),
                                   "total": COUNT})
QUALITY = Record("quality", {"max_score": Int(1), "criteria": ListOf(CRITERION, 1),
                             "ratings": ListOf(RATING_ROW, 1)})

SUPPORT_LINK = Record("supporting study", {"study": Ref("study"), "basis": TEXT})
SUBTHEME = Record("subtheme", {"id": Id("subtheme"), "name": TEXT, "description": TEXT})
THEME = Record("theme", {
    "id": Id("theme"), "number": Int(1), "name": TEXT, "headline": TEXT, "summary": TEXT,
    "support": Record("support", {"stated": TEXT, "count": COUNT,
                                  "studies": ListOf(SUPPORT_LINK)}),
    "subthemes": ListOf(SUBTHEME, 1),
}, {"headline_citation": TEXT, "headline_in_quote": Ref("quote")})
CONSTRUCT = Record("construct", {
    "id": Id("construct"), "number": Int(1), "name": TEXT, "description": TEXT,
    "draws_on": ListOf(Ref("theme"), 1), "rationale": TEXT})

STIGMA_TYPE = Record("stigma type", {
    "id": Id("stigma type"), "label": TEXT,
    "paper_term": AnyOf((Text((NOT_SPECIFIED,)), TEXT)), "definition": TEXT})
CONSEQUENCE = Record("consequence", {
    "id": Id("consequence"), "label": TEXT, "paper_text": TEXT, "where": TEXT})

CODING = Record("coding", {}, {
    "subthemes": ListOf(Ref("subtheme")), "stigma": ListOf(Ref("stigma type")),
    "consequences": ListOf(Ref("consequence"))})
QUOTE = Record("quote", {
    "id": Id("quote"), "study": Ref("study"), "page": Int(1), "printed_citation": TEXT,
    "source": Text(SOURCES), "theme": Ref("theme"), "text": TEXT,
}, {"content_note": TEXT, "subthemes": ListOf(Ref("subtheme")), "stigma": ListOf(Ref("stigma type")),
    "coding": CODING})

# Practice guidance (all editorial): talking points that link the evidence behind them, and a leaflet.
REVIEW_POINT_SECTIONS = ("limitations", "future_research", "implications", "conclusions")
REVIEW_POINT_LINK = Record("review point link", {"section": Text(REVIEW_POINT_SECTIONS), "position": Int(1)})
EVIDENCE = Record("evidence", {}, {
    "themes": ListOf(Ref("theme")), "subthemes": ListOf(Ref("subtheme")), "quotes": ListOf(Ref("quote")),
    "studies": ListOf(Ref("study")), "review_points": ListOf(REVIEW_POINT_LINK)})
TALKING_POINT = Record("talking point", {
    "id": Id("talking point"), "title": TEXT, "short": TEXT, "body": TEXT, "evidence": EVIDENCE})
GUIDANCE_SECTION = Record("guidance section", {
    "id": Id("guidance section"), "title": TEXT, "points": ListOf(TALKING_POINT, 1)})
LEAFLET_SECTION = Record("leaflet section", {"id": Id("leaflet section"), "heading": TEXT},
                         {"text": TEXT, "bullets": ListOf(TEXT, 1), "evidence": EVIDENCE, "note": TEXT})
GUIDANCE = Record("guidance", {
    "title": TEXT, "disclaimer": TEXT, "confidence_note": TEXT, "sections": ListOf(GUIDANCE_SECTION, 1),
    "leaflet": Record("leaflet", {"title": TEXT, "intro": TEXT, "sections": ListOf(LEAFLET_SECTION, 1)})})

# Top-level keys of the YAML files; each must appear exactly once across all files.
SECTIONS: dict[str, object] = {
    "review": REVIEW,
    "prisma": PRISMA,
    "studies": ListOf(STUDY, 1),
    "quality": QUALITY,
    "themes": ListOf(THEME, 1),
    "constructs": ListOf(CONSTRUCT),
    "line_of_argument": TEXT,
    "stigma_types": ListOf(STIGMA_TYPE),
    "disclosure_consequences": ListOf(CONSEQUENCE),
    "quotes": ListOf(QUOTE, 1),
    "guidance": GUIDANCE,
}
