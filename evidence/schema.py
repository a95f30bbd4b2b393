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

# What an editorial claim rests on: one relation per link, to a stored statement of the paper (or of a
# related study), a quote, or a study's own record. A claim with no link is practice advice.
RELATIONS = ("states", "our reading")
LINK = Record("evidence link", {"relation": Text(RELATIONS)},
              {"statement": Ref("statement"), "quote": Ref("quote"), "study": Ref("study")}, docs={
                  "relation": "'states': the linked source says this; 'our reading': this project's interpretation.",
                  "statement": "A sentence of the paper (statements section). Give exactly one of statement, quote, "
                               "study.",
                  "quote": "A quote the paper prints.", "study": "A study's own record (its stated aim, say)."})
LINKS = ListOf(LINK)
POINT = Record("point", {"text": TEXT, "provenance": Text(PROVENANCES)}, {"evidence": LINKS})
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
    "subthemes": ListOf(SUBTHEME, 1), "summary_evidence": ListOf(LINK, 1),
}, {"headline_citation": TEXT, "headline_in_quote": Ref("quote")})
CONSTRUCT = Record("construct", {
    "id": Id("construct"), "number": Int(1), "name": TEXT, "description": TEXT,
    "draws_on": ListOf(Ref("theme"), 1), "rationale": TEXT, "evidence": ListOf(LINK, 1)})
LINE_OF_ARGUMENT = Record("line of argument", {"text": TEXT, "evidence": ListOf(LINK, 1)})
STATEMENT = Record("statement", {"id": Id("statement"), "section": TEXT, "text": TEXT}, {
    "from_study": Ref("study"), "quantifier": TEXT, "study_count": Int(1), "studies": ListOf(Ref("study"))}, docs={
        "section": "Where the sentence stands, e.g. 'Results: <theme>', 'Discussion', 'Conclusions'.",
        "text": "The sentence word for word (typographic quote marks may be made straight; a closing citation or "
                "introducing colon left off).",
        "quantifier": "The paper's own words for how widely it holds ('all studies', 'one study', 'some women').",
        "study_count": "How many studies the quantifier counts, where it counts studies.",
        "studies": "Only the studies the paper names for the sentence; fewer than study_count means the rest are "
                   "not specified.",
        "from_study": "For a sentence of a related study outside the synthesis: that study."})

STIGMA_TYPE = Record("stigma type", {
    "id": Id("stigma type"), "label": TEXT,
    "paper_term": AnyOf((Text((NOT_SPECIFIED,)), TEXT)), "definition": TEXT, "rule": TEXT},
    {"evidence": LINKS})
CONSEQUENCE = Record("consequence", {
    "id": Id("consequence"), "label": TEXT, "paper_text": TEXT, "where": TEXT, "rule": TEXT})

CODING = Record("coding", {}, {
    "subthemes": ListOf(Ref("subtheme")), "stigma": ListOf(Ref("stigma type")),
    "consequences": ListOf(Ref("consequence")), "note": TEXT},
    docs={"note": "Why a tag a reader could dispute was given or left off, against the coding rules."})
QUOTE = Record("quote", {
    "id": Id("quote"), "study": Ref("study"), "page": Int(1), "printed_citation": TEXT,
    "source": Text(SOURCES), "theme": Ref("theme"), "text": TEXT,
}, {"content_note": TEXT, "subthemes": ListOf(Ref("subtheme")), "stigma": ListOf(Ref("stigma type")),
    "coding": CODING}, docs={
    "study": "The study the paper cites for the quote.", "page": "The page of that study the paper cites.",
    "printed_citation": "The citation exactly as printed beside the quote.",
    "theme": "The theme in whose section the paper prints the quote.",
    "text": "The quote verbatim (typographic quote marks may be made straight).",
    "content_note": "Editorial: names distressing content (self-harm, harm to a child); the quote stays closed "
                    "until the reader opens it.",
    "subthemes": "Subthemes the paper itself ties the quote to.", "stigma": "Stigma types the paper itself names.",
    "coding": "Editorial coding: subthemes, stigma types and consequences, each meeting its vocabulary rule."})

# Practice guidance (all editorial): talking points and leaflet sections, each linking what it rests on.
TALKING_POINT = Record("talking point", {
    "id": Id("talking point"), "title": TEXT, "short": TEXT, "body": TEXT, "evidence": LINKS}, {"advice": TEXT},
    docs={"short": "The point in one line, for the summary and the printed guide.",
          "body": "What the linked evidence says, in your words and with the paper's hedges; for a point that links "
                  "nothing, the practice advice itself.",
          "evidence": "What the point rests on; empty for practice advice. A linked point links at least one "
                      "statement.",
          "advice": "Practice advice (not from the review), always labelled so."})
GUIDANCE_SECTION = Record("guidance section", {
    "id": Id("guidance section"), "title": TEXT, "points": ListOf(TALKING_POINT, 1)})
LEAFLET_SECTION = Record("leaflet section", {"id": Id("leaflet section"), "heading": TEXT, "evidence": LINKS},
                         {"text": TEXT, "bullets": ListOf(TEXT, 1), "staff_note": TEXT, "crisis": Bool()},
                         docs={"staff_note": "For the clinician handing the leaflet out; never printed on it.",
                               "crisis": "true for the section where local crisis contacts (or a box to write "
                                         "them in) are printed."})
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
    "line_of_argument": LINE_OF_ARGUMENT,
    "statements": ListOf(STATEMENT),
    "stigma_types": ListOf(STIGMA_TYPE),
    "disclosure_consequences": ListOf(CONSEQUENCE),
    "quotes": ListOf(QUOTE, 1),
    "guidance": GUIDANCE,
}
