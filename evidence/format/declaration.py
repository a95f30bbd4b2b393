"""The one declaration of the format: every section of the YAML sources, what each field means, and the tables
the database stores them in. Validation, docs/FORMAT.md, the JSON Schema, the database's tables and their comments
(and so docs/DATA.md) are all derived from here."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..confidence import COMPONENT_IDS, COMPONENT_LEVEL_IDS, METHODS, OVERALL_IDS
from ..storage import Table, col, ddl
from ..voice import PRESENTERS
from .language import NOT_CONFIRMED, NOT_SPECIFIED, AnyOf, Bool, Id, Int, ListOf, Record, Ref, Text

PROVENANCES = ("paper", "editorial")
TEXT = Text()
TEXTS = ListOf(TEXT)
PRINTED = Text(verbatim=True)  # the source's own words, kept as printed ("Unknown" where a table says so)
YEAR = Int(1900, 2100)
COUNT = Int(0)
BIBLIO = AnyOf((Text((NOT_CONFIRMED,)), TEXT))
# A page as printed: a number (shown "p. 4"), or text such as "109-110" or "e123"; it sorts by its first number.
PAGE = AnyOf((Int(1), TEXT))

# What an editorial claim rests on: one relation per link, to a stored statement of the paper (or of a
# related study), a quote, or a study's own record. A claim with no link is practice advice.
STATES, OUR_READING = "states", "our reading"
RELATIONS = (STATES, OUR_READING)
LINK = Record("evidence link", {"relation": Text(RELATIONS)},
              {"statement": Ref("statement"), "quote": Ref("quote"), "study": Ref("study"), "finding": Ref("finding"),
               "theme": Ref("theme"), "limitation": Ref("limitation")},
              docs={
                  "relation": "'states': the linked source says this; 'our reading': this project's interpretation.",
                  "statement": "A sentence of the paper (statements section). Give exactly one of statement, quote, "
                               "study, finding, theme, limitation.",
                  "finding": "A summarised review finding (findings section): a claim resting on it takes its "
                             "confidence, as the review's authors judged it.",
                  "theme": "A theme of the synthesis (themes section): a claim resting on it is credited the studies "
                           "the paper ties to the theme, and holds as widely as the paper says the theme does.",
                  "limitation": "A limitation of the review (review.points.limitations, by its id): a claim resting "
                                "on it credits no study, since it speaks of the review, not of the studies' findings.",
                  "quote": "A quote the paper prints.", "study": "A study's own record (its stated aim, say)."})
LINKS = ListOf(LINK)
POINT = Record("point", {"text": TEXT, "provenance": Text(PROVENANCES)}, {"evidence": LINKS}, docs={
    "text": "The point, in your words.",
    "provenance": "'paper' if the paper makes the point, 'editorial' if you add it.",
    "evidence": "What the point rests on (a point marked 'paper' links at least one statement)."})
# A limitation may carry an id, so that a talking point can rest on it.
LIMITATION = Record("limitation", {"text": TEXT, "provenance": Text(PROVENANCES)},
                    {"id": Id("limitation"), "evidence": LINKS}, docs={
    "id": "Limitation id, where a claim links it (e.g. a talking point that rests on this limitation).",
    **POINT.docs})
STEP = Record("step", {"name": TEXT, "description": TEXT}, docs={
    "name": "Its name as the method or paper gives it.", "description": "What it means, in your words."})

# The words the interface uses for the synthesis' levels, as its method names them: meta-ethnography's second- and
# third-order constructs, thematic synthesis' descriptive and analytical themes, meta-aggregation's categories and
# synthesised findings. Each is optional; the interface says "theme", "subtheme" and "construct" otherwise.
TERMS = Record("terms", {}, {
    "theme": TEXT, "themes": TEXT, "subtheme": TEXT, "subthemes": TEXT, "construct": TEXT, "constructs": TEXT,
    "coded_type": TEXT, "coded_types": TEXT, "findings": TEXT}, docs={
    "theme": "What the method calls a theme (singular), e.g. 'analytical theme', 'category'.",
    "themes": "The plural of `theme`.", "subtheme": "What the method calls a subtheme (singular).",
    "subthemes": "The plural of `subtheme`.",
    "construct": "What the method calls the synthesis' highest level, e.g. 'third-order construct', "
                 "'synthesised finding'.",
    "constructs": "The plural of `construct`.",
    "coded_type": "What an entry of the coded vocabulary (the stigma_types section) is, e.g. 'stigma type'; it names "
                  "the vocabulary's page and filter.", "coded_types": "The plural of `coded_type`.",
    "findings": "What the review calls its summarised findings (the findings section), e.g. 'review findings', "
                "'synthesised findings'; it names their page."})
# The review's own names for its numbered tables, where it numbers them; the interface names each part by its
# content otherwise.
TABLE_NAMES = Record("table names", {}, {"characteristics": TEXT, "appraisal": TEXT, "subthemes": TEXT}, docs={
    "characteristics": "The review's name for its table of study characteristics, e.g. 'Table 1'.",
    "appraisal": "The review's name for its quality-appraisal table, e.g. 'Table 2'.",
    "subthemes": "The review's name for its table of themes and subthemes, e.g. 'Table 3'."})

REVIEW = Record("review", {
    "id": Id("review"), "short_citation": TEXT, "authors": ListOf(TEXT, 1), "title": TEXT,
    "journal": TEXT, "year": YEAR, "volume": BIBLIO, "issue": BIBLIO, "pages": BIBLIO,
    "doi": BIBLIO, "design": TEXT, "question": TEXT, "aim": TEXT, "condition_definition": TEXT,
    "search": Record("search", {
        "date": TEXT, "databases": ListOf(TEXT, 1), "reference_screening": TEXT, "terms": TEXT,
        "reporting_standard": TEXT}, {"google_scholar": TEXT}, docs={
        "date": "When the search was run, as the paper gives it.",
        "databases": "Databases searched, spelled as the paper prints them.",
        "google_scholar": "How Google Scholar (or other grey literature) was used, if it was.",
        "reference_screening": "How reference lists were screened, and the result.",
        "terms": "The structure of the search terms.", "reporting_standard": "Reporting standard followed."}),
    "eligibility": Record("eligibility", {
        "inclusion": ListOf(TEXT, 1), "exclusion": TEXTS, "screening_by": TEXT}, docs={
        "inclusion": "Inclusion criteria, one per item.", "exclusion": "Exclusion criteria, one per item.",
        "screening_by": "Who decided eligibility and how disagreements were settled."}),
    "quality": Record("quality", {
        "tool": TEXT, "appraised_by": TEXT, "approach": TEXT, "summary": TEXT}, docs={
        "tool": "The quality-appraisal checklist.", "appraised_by": "Who appraised quality.",
        "approach": "How quality scores were used (your wording).", "summary": "The paper's summary of the scores."}),
    "synthesis": Record("synthesis", {
        "method": TEXT, "steps": ListOf(STEP, 1), "appendix_note": TEXT},
        {"levels_title": TEXT, "levels": ListOf(STEP), "terms": TERMS}, docs={
        "method": "Synthesis method.", "steps": "The analysis steps, in order.",
        "appendix_note": "What of the paper is missing from the sources and what follows from it.",
        "levels_title": "What the method calls its levels of interpretation, e.g. 'Orders of construct'.",
        "levels": "The method's levels of interpretation, in order (e.g. first-, second- and third-order "
                  "constructs; descriptive and analytical themes).",
        "terms": "The words the interface uses for themes, subthemes and constructs."}),
    "points": Record("points", {
        "limitations": ListOf(LIMITATION), "future_research": ListOf(POINT),
        "implications": ListOf(POINT), "conclusions": ListOf(POINT)}, docs={
        "limitations": "Limitations.", "future_research": "Future research.", "implications": "Implications.",
        "conclusions": "Conclusions."}),
}, {"year_note": TEXT, "table_names": TABLE_NAMES, "presented_by": Text(PRESENTERS)}, docs={
    "id": "Review id.", "short_citation": 'In-text citation of the review, e.g. "Moore et al. 2019".',
    "authors": 'Authors in order, as "Surname I.".', "title": "Article title.", "journal": "Journal name.",
    "year": "Publication year.", "year_note": "Caveat on the year, if any.",
    "volume": 'Volume, or "not confirmed".', "issue": 'Issue, or "not confirmed".',
    "pages": 'Page range or article number, or "not confirmed".', "doi": 'DOI, or "not confirmed".',
    "design": "Kind of review.", "question": "The review question (your wording).",
    "aim": "The review aim (your wording).",
    "condition_definition": "How the review defined the condition or topic of interest.",
    "search": "How the literature was searched.", "eligibility": "Eligibility criteria and screening.",
    "quality": "How the included studies were appraised.", "synthesis": "The synthesis method and its levels.",
    "points": "The review's listed points, each marked paper or editorial.",
    "table_names": "The review's own names for its numbered tables.",
    "presented_by": "Who presents the review here: 'editors' (outside editors presenting a published review; the "
                    "default) or 'authors' (the review's own authors). Every label that says whose a text is follows "
                    "it: an author's own coding is never called 'editorial'."})

COUNTED = Record("count", {"label": TEXT, "n": COUNT}, docs={"label": "The box label.", "n": "The count printed."})
REASON = Record("reason", {"reason": TEXT, "n": COUNT}, docs={"reason": "The reason as printed.",
                                                               "n": "Records excluded for it."})
EXCLUSION = Record("exclusion", {"n": COUNT, "reasons": ListOf(REASON)}, {"note": TEXT}, docs={
    "n": "Records excluded.", "reasons": "The reasons, adding up to n.", "note": "A note on the count, if any."})
PRISMA = Record("prisma", {
    "sources": ListOf(COUNTED, 1), "identified": COUNT, "duplicates_removed": COUNT,
    "screened": COUNT, "excluded_at_screening": EXCLUSION, "full_text_assessed": COUNT,
    "excluded_at_full_text": EXCLUSION, "included": COUNT,
}, {"screened_label": TEXT, "included_label": TEXT, "added_from_references": COUNT,
    "exclusion_criteria_box": TEXTS}, docs={
    "sources": "Where records were identified (1 to 5 boxes).", "identified": "Records identified in total.",
    "duplicates_removed": "Duplicates removed.", "screened": "Records screened.",
    "excluded_at_screening": "Records excluded at screening.", "full_text_assessed": "Full texts assessed.",
    "excluded_at_full_text": "Full texts excluded.", "included": "Studies included.",
    "screened_label": "The screened box's label, if the paper words it differently.",
    "included_label": "The included box's label, if the paper words it differently.",
    "added_from_references": "Studies added from reference lists.",
    "exclusion_criteria_box": "Lines of the flow diagram's exclusion-criteria box, if it has one."})

# Where the evidence came from (forum posts, interviews, survey free text, ...): each review declares its own.
SOURCE = Record("source type", {"id": Id("source type"), "label": TEXT}, {"plural": TEXT}, docs={
    "id": "Source type id, e.g. forum_post, interview, survey_free_text.",
    "label": "What one item is, in the singular, e.g. 'forum post'.",
    "plural": "The plural, e.g. 'forum posts' (the label with an s otherwise)."})

CHARACTERISTICS = Record("study characteristics", {
    "label": PRINTED, "aim": PRINTED, "n": PRINTED, "definition": PRINTED, "location": PRINTED,
    "data_collection": PRINTED, "analysis": PRINTED}, docs={
    "label": "The study as labelled in the review's table of study characteristics.",
    "aim": "Aim, as printed.", "n": 'Sample as printed (e.g. "1,421 messages").',
    "definition": "How the study defined the condition or topic of interest, as printed.",
    "location": 'Location as printed ("Unknown" where the paper says so), or "not specified".',
    "data_collection": "Data collection, as printed.", "analysis": "Analysis, as printed."})
RELATED_THEME = Record("related theme", {
    "id": Id("related theme"), "name": TEXT, "description": TEXT,
    "echoes": ListOf(Ref("theme")), "echo_rationale": TEXT}, docs={
    "id": "Related theme id.", "name": "Short name (your wording).", "description": "The theme, in your words.",
    "echoes": "Synthesis themes it echoes (editorial).", "echo_rationale": "Why it echoes them, or why none."})
RELATED = Record("related study details", {
    "relation": TEXT, "aim": TEXT, "design": TEXT, "sample": TEXT, "setting": TEXT,
    "location": TEXT, "conclusion": TEXT, "themes": ListOf(RELATED_THEME)}, docs={
    "relation": "How it relates to the synthesis.", "aim": "Its aim (your wording).", "design": "Its design.",
    "sample": "Its sample, described.", "setting": "The setting or platform studied.",
    "location": 'Where, or "not specified".', "conclusion": "Its conclusion (your wording, keeping its hedges).",
    "themes": "Its themes."})
STUDY = Record("study", {
    "id": Id("study"), "citation": TEXT, "included": Bool(),
    "year": YEAR, "authors": AnyOf((Text((NOT_CONFIRMED,)), ListOf(TEXT, 1))), "title": BIBLIO,
    "journal": BIBLIO, "volume": BIBLIO, "issue": BIBLIO, "pages": BIBLIO, "doi": BIBLIO,
}, {"source": Ref("source type"), "sample_n": COUNT, "sample_unit": TEXT, "year_note": TEXT, "first_author": TEXT,
    "reference_note": TEXT, "characteristics": CHARACTERISTICS, "quality_score": COUNT, "context": TEXTS,
    "related": RELATED}, docs={
    "id": "Study id.", "citation": 'Short in-text citation exactly as the review prints it, e.g. "Moore et al. 2016".',
    "included": "True for the studies in the synthesis; false for related evidence, never counted with them.",
    "source": "What the study analysed: an id from the source_types section.",
    "year": "Publication year.", "year_note": "Caveat on the year, if any.",
    "authors": 'Authors in order as "Surname I.", or "not confirmed" (stored joined with "; ").',
    "first_author": "First author where only that is confirmed.", "title": 'Title, or "not confirmed".',
    "journal": 'Journal, or "not confirmed".', "volume": 'Volume, or "not confirmed".',
    "issue": 'Issue, or "not confirmed".', "pages": 'Pages or article number, or "not confirmed".',
    "doi": 'DOI, or "not confirmed".',
    "reference_note": "Where a bibliographic field came from, if not a public record.",
    "sample_n": "Sample size as a number.", "sample_unit": "Unit of sample_n, e.g. messages, participants.",
    "characteristics": "Included studies: the row of the review's table of study characteristics.",
    "quality_score": "Included studies: the total quality score the review prints.",
    "context": "Facts about the study from public records, beyond the review.",
    "related": "Related evidence only (included: false): its details."}, hints={
    key: "GRADE-CERQual and ConQual judge a review finding, never a single study: move the judgement to the finding "
         "it is about, under assessment: in the findings section" for key in ("assessment", "confidence", "cerqual",
                                                                              "conqual", "grade_cerqual")})

LEVEL = Record("rating level", {"id": Id("rating level"), "label": TEXT}, {"score": COUNT}, docs={
    "id": "Level id, e.g. yes, partial, no, unclear.", "label": "The level as the checklist words it.",
    "score": "Points it counts towards a study's total; none (as for 'unclear') counts nothing."})
CRITERION = Record("criterion", {"id": Id("criterion"), "short": TEXT, "question": TEXT}, {"group": TEXT}, docs={
    "id": "Criterion id.", "short": "Short label for charts.", "question": "The criterion as printed.",
    "group": "The heading the criterion sits under in the table, if any."})
RATING_ROW = Record("rating row", {"study": Ref("study"), "ratings": ListOf(AnyOf((Int(0), TEXT)), 1),
                                   "total": COUNT}, docs={
    "study": "The study rated.",
    "ratings": "One rating per criterion, in the criteria's order: a level id of the scale, or (with no scale) the "
               "points given.", "total": "The total the paper prints; it must equal the sum of the scores."})
QUALITY = Record("quality", {"max_score": Int(1), "criteria": ListOf(CRITERION, 1), "ratings": ListOf(RATING_ROW, 1)},
                 {"scale": ListOf(LEVEL, 1)}, docs={
    "max_score": "The highest total a study can score.", "criteria": "The checklist's criteria, in order.",
    "ratings": "Each study's ratings.",
    "scale": "The checklist's rating levels (e.g. yes / partial / no / unclear), each with an optional score. "
             "Without a scale, ratings are whole numbers of points."})

SUPPORT_LINK = Record("supporting study", {"study": Ref("study"), "basis": TEXT}, docs={
    "study": "A study the paper itself ties to the theme.",
    "basis": "What in the paper ties them, e.g. \"all studies\" or \"cited and quoted in the theme's section\"."})
SUBTHEME = Record("subtheme", {"id": Id("subtheme"), "name": TEXT, "description": TEXT}, docs={
    "id": "Subtheme id.", "name": "Name as printed.", "description": "What it covers, in your words (editorial)."})
SUPPORT = Record("support", {"stated": TEXT, "count": COUNT, "studies": ListOf(SUPPORT_LINK)}, docs={
    "stated": 'How the paper states the theme\'s support, e.g. "a theme in four of the five studies".',
    "count": "Number of studies the paper says support the theme; where fewer are named, the rest are not "
             "specified.", "studies": "The studies the paper names for the theme."})
THEME = Record("theme", {
    "id": Id("theme"), "number": Int(1), "name": TEXT, "summary": TEXT, "support": SUPPORT,
    "subthemes": ListOf(SUBTHEME, 1), "summary_evidence": ListOf(LINK, 1),
}, {"headline": TEXT, "headline_citation": TEXT, "headline_in_quote": Ref("quote")}, docs={
    "id": "Theme id.", "number": "The theme's number in the paper.", "name": "Name as printed.",
    "headline": "The quoted phrase the paper heads the theme with, if it heads it with one (leave it out if not).",
    "headline_citation": "Citation the paper gives the headline phrase, if any.",
    "headline_in_quote": "Editorial: the printed quote the headline phrase is taken from, if any.",
    "summary": "Summary in your words (editorial), keeping the paper's hedges.",
    "support": "The theme's support as the paper states it.", "subthemes": "Its subthemes, in order.",
    "summary_evidence": "The paper's sentences the summary rests on."})
CONSTRUCT = Record("construct", {
    "id": Id("construct"), "number": Int(1), "name": TEXT, "description": TEXT,
    "draws_on": ListOf(Ref("theme"), 1), "rationale": TEXT, "evidence": ListOf(LINK, 1)}, docs={
    "id": "Construct id.", "number": "Order in the paper.", "name": "Name as printed.",
    "description": "What it means (your wording).", "draws_on": "The themes it draws on (editorial).",
    "rationale": "Why it is linked to its themes (editorial).", "evidence": "The paper's sentences it rests on."})
LINE_OF_ARGUMENT = Record("line of argument", {"text": TEXT, "evidence": ListOf(LINK, 1)}, docs={
    "text": "The line of argument from themes to constructs (your wording).",
    "evidence": "The paper's sentences it rests on."})
STATEMENT = Record("statement", {"id": Id("statement"), "section": TEXT, "text": PRINTED}, {
    "from_study": Ref("study"), "quantifier": PRINTED, "study_count": Int(1), "studies": ListOf(Ref("study")),
    "theme_presence": Ref("theme")}, docs={
        "id": "Statement id.",
        "section": "Where the sentence stands, e.g. 'Results: <theme>', 'Discussion', 'Conclusions'.",
        "text": "The sentence word for word (typographic quote marks may be made straight; a closing citation or "
                "introducing colon left off).",
        "quantifier": "The paper's own words for how widely it holds ('all studies', 'one study', "
                      "'some participants').",
        "study_count": "How many studies the quantifier counts, where it counts studies.",
        "studies": "Only the studies the paper names for the sentence; fewer than study_count means the rest are "
                   "not specified.",
        "from_study": "For a sentence of a related study outside the synthesis: that study.",
        "theme_presence": "For a sentence that says in how many studies a theme was present ('X was a theme in four "
                          "of the five studies'): that theme. Its quantifier and studies then measure that theme's "
                          "summary only; any other claim linking it is placed in the theme by it, not credited "
                          "with its studies or its count."})

STIGMA_TYPE = Record("stigma type", {
    "id": Id("stigma type"), "label": TEXT,
    "paper_term": AnyOf((Text((NOT_SPECIFIED,)), TEXT)), "definition": TEXT, "rule": TEXT},
    {"evidence": LINKS}, docs={
        "id": "Coded type id.", "label": "Label shown in the interface.",
        "paper_term": 'The nearest term the paper uses for it, or "not specified"; the tag may be broader.',
        "definition": "Definition in your words; what it says of the studies is linked in `evidence`.",
        "rule": "The coding rule: what a quote must show to carry this tag (editorial).",
        "evidence": "What the definition rests on."})
CONSEQUENCE = Record("consequence", {
    "id": Id("consequence"), "label": TEXT, "paper_text": TEXT, "where": TEXT, "rule": TEXT}, docs={
    "id": "Consequence id.", "label": "Label shown in the interface.", "paper_text": "The paper's own phrase.",
    "where": "Where the paper gives it.",
    "rule": "The coding rule: what a quote must show to carry this tag (editorial)."})

CODING = Record("coding", {}, {
    "subthemes": ListOf(Ref("subtheme")), "stigma": ListOf(Ref("stigma type")),
    "consequences": ListOf(Ref("consequence")), "note": TEXT},
    docs={"subthemes": "Subthemes the editors tie the quote to (any theme's: a quote may illustrate a subtheme of "
                       "another theme than the one that prints it).",
          "stigma": "Coded types (stigma_types ids) the editors code.",
          "consequences": "Feared consequences of disclosure the editors code.",
          "note": "Why a tag a reader could dispute was given or left off, against the coding rules."})
QUOTE = Record("quote", {
    "id": Id("quote"), "study": Ref("study"), "page": PAGE, "printed_citation": TEXT,
    "theme": Ref("theme"), "text": PRINTED,
}, {"source": Ref("source type"), "language": TEXT, "content_note": TEXT, "subthemes": ListOf(Ref("subtheme")),
    "stigma": ListOf(Ref("stigma type")), "coding": CODING}, docs={
    "id": "Quote id.", "study": "The study the paper cites for the quote.",
    "page": 'The page of that study the paper cites, as printed: 4, "109-110" or "e123".',
    "printed_citation": "The citation exactly as printed beside the quote; check compares its page with `page`. "
                        "Cards print their own citation from the study and `page`.",
    "source": "What the quote comes from: an id from the source_types section.",
    "language": "The language the quote is printed in, where it is not the review's own (e.g. 'Russian').",
    "theme": "The theme in whose section the paper prints the quote.",
    "text": "The quote verbatim (typographic quote marks may be made straight).",
    "content_note": "Editorial: names distressing content (self-harm, harm to a child); the quote stays closed "
                    "until the reader opens it.",
    "subthemes": "Subthemes the paper itself ties the quote to (of any theme).",
    "stigma": "Coded types (stigma_types ids) the paper itself names.",
    "coding": "Editorial coding: subthemes, coded types and consequences, each meeting its vocabulary rule."})

# Practice guidance (all editorial): talking points and leaflet sections, each linking what it rests on.
TALKING_POINT = Record("talking point", {
    "id": Id("talking point"), "title": TEXT, "short": TEXT, "body": TEXT, "evidence": LINKS}, {"advice": TEXT},
    docs={"id": "Talking point id.", "title": "The point as a short instruction or heading.",
          "short": "The point in one line, for the summary and the printed guide.",
          "body": "What the linked evidence says, in your words and with the paper's hedges; for a point that links "
                  "nothing, the practice advice itself.",
          "evidence": "What the point rests on; empty for practice advice. A linked point links at least one "
                      "statement.",
          "advice": "Practice advice (not from the review), always labelled so."})
GUIDANCE_SECTION = Record("guidance section", {
    "id": Id("guidance section"), "title": TEXT, "points": ListOf(TALKING_POINT, 1)}, docs={
    "id": "Section id.", "title": "Section title (editorial).", "points": "Its talking points, in order."})
LEAFLET_SECTION = Record("leaflet section", {"id": Id("leaflet section"), "heading": TEXT, "evidence": LINKS},
                         {"text": TEXT, "bullets": ListOf(TEXT, 1), "staff_note": TEXT, "crisis": Bool()},
                         docs={"id": "Leaflet section id.", "heading": "Section heading.",
                               "evidence": "What the section rests on; empty for practice advice.",
                               "text": "Paragraph, if any.", "bullets": "Bullet points, in order.",
                               "staff_note": "For the clinician handing the leaflet out; never printed on it.",
                               "crisis": "true for the section where local crisis contacts (or a box to write "
                                         "them in) are printed."})
LEAFLET = Record("leaflet", {"title": TEXT, "intro": TEXT, "sections": ListOf(LEAFLET_SECTION, 1)},
                 {"write_in": ListOf(TEXT, 1)}, docs={
    "title": "Title of the patient leaflet.", "intro": "Opening paragraph, in plain language, to the patient.",
    "sections": "Its sections.",
    "write_in": "Where no local contacts are configured, the crisis section prints a box with a line to write each in: "
                "their labels, e.g. 'Your GP:' (neutral labels if left out)."})
GUIDANCE = Record("guidance", {
    "title": TEXT, "disclaimer": TEXT, "sections": ListOf(GUIDANCE_SECTION, 1),
    "leaflet": LEAFLET}, {"confidence_note": TEXT}, docs={
    "title": "Title of the clinician guide (and of its page).",
    "disclaimer": "What the guidance is derived from and that it is not a clinical guideline; shown first.",
    "confidence_note": "Why no confidence rating is given for the findings, and what is shown instead (leave it out "
                       "where the review's authors assessed their findings: the guide then says so).",
    "sections": "The guide's sections.", "leaflet": "The patient leaflet."})

# What a reader needs to weigh the evidence as a whole (kinds of data, who did what, what the method looked for,
# how old the search is): short notes, each linked to what it rests on like every other claim.
EVIDENCE_NOTE = Record("evidence note", {"id": Id("evidence note"), "topic": TEXT, "text": TEXT,
                                         "evidence": ListOf(LINK, 1)}, docs={
    "id": "Note id.", "topic": "What the note is about, in a few words (e.g. 'Kinds of data').",
    "text": "The note, in your words, keeping the paper's hedges.",
    "evidence": "What the note rests on: statements of the paper, quotes or study records (at least one)."})

# Top-level keys of the YAML files; each may appear once across all files. A section in OPTIONAL may be left out
# (it reads as empty, and the pages that would show it leave it out).
# How much confidence a review finding deserves, as the review's authors judged it (GRADE-CERQual or ConQual).
LEVEL_WORDING = Record("level wording", {"level": Text(tuple(dict.fromkeys((*OVERALL_IDS, *COMPONENT_LEVEL_IDS))))},
                       {"component": Text(COMPONENT_IDS), "label": TEXT, "meaning": TEXT}, docs={
    "level": "The id of one of the method's levels: an overall level (high, moderate, low, very_low) or, with "
             "component:, one of that component's levels.",
    "component": "The component whose level this is; leave it out for an overall level.",
    "label": "The level's name as the review writes it, in place of the method's.",
    "meaning": "What the level means, in the plain words the review gives clinicians, in place of the method's. "
               "Give label:, meaning: or both."})
CONFIDENCE = Record("confidence method", {"method": Text(tuple(METHODS))},
                    {"note": TEXT, "levels": ListOf(LEVEL_WORDING, 1)}, docs={
    "method": "The method the review's authors used to judge their findings (GRADE-CERQual unless said).",
    "note": "Anything the authors say about how they applied it, in your words.",
    "levels": "The review's own wording for some of the method's levels, where it words them differently (for "
              "example in its own table of what each level means); the method's wording stands for the rest. A "
              "review words the method's levels; it cannot add or drop one."})
JUDGEMENT = Record("component judgement", {
    "component": Text(COMPONENT_IDS), "concern": Text(COMPONENT_LEVEL_IDS), "explanation": TEXT}, docs={
    "component": "Which component of the method: for GRADE-CERQual methodological_limitations, coherence, adequacy "
                 "or relevance; for ConQual dependability or credibility.",
    "concern": "The level the authors gave it: for GRADE-CERQual no_or_very_minor, minor, moderate or serious "
               "(concerns); for ConQual dependability not_downgraded, downgraded_one or downgraded_two, and "
               "credibility unequivocal, equivocal or unsupported. A level, never a number or score.",
    "explanation": "Why, as the authors explain it: every judgement carries its explanation."})
ASSESSMENT = Record("assessment", {
    "components": ListOf(JUDGEMENT, 1), "confidence": Text(OVERALL_IDS), "explanation": TEXT}, docs={
    "components": "One judgement per component of the method, each once.",
    "confidence": "The overall level: high, moderate, low or very_low.",
    "explanation": "Why the finding has that overall level, as the authors explain it."})
FINDING = Record("finding", {
    "id": Id("finding"), "number": Int(1), "text": PRINTED, "studies": ListOf(Ref("study"), 1),
}, {"theme": Ref("theme"), "subtheme": Ref("subtheme"), "evidence": LINKS, "assessment": ASSESSMENT}, docs={
    "id": "Finding id.", "number": "The finding's number in the review's summary of findings.",
    "text": "The summarised review finding as the review words it.",
    "studies": "The studies contributing to the finding, as the review lists them.",
    "theme": "The theme it sits under, if any.", "subtheme": "The subtheme it sits under, if any.",
    "evidence": "The quotes and stored statements of the paper that support it.",
    "assessment": "The authors' judgement of how much confidence the finding deserves; leave it out where they "
                  "made none."})

SECTIONS: dict[str, object] = {
    "review": REVIEW,
    "prisma": PRISMA,
    "source_types": ListOf(SOURCE),
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
    "about_evidence": ListOf(EVIDENCE_NOTE),
    "confidence": CONFIDENCE,
    "findings": ListOf(FINDING),
}
OPTIONAL = {"source_types": [], "constructs": [], "statements": [], "stigma_types": [], "disclosure_consequences": [],
            "guidance": None, "about_evidence": [], "confidence": None, "findings": []}

# --- the database --------------------------------------------------------------------------------------------------
# Mirrored tables take their columns from the records above; computed columns (position, parent, provenance) are
# declared here. Columns a mirrored table holds come first from `lead`, then the record's fields, then `tail`.


def _pos(what: str) -> object:
    return col("position", "integer", f"Order {what}, from 1.")


def _prov(what: str) -> object:
    return col("provenance", "varchar", what)


EITHER = "'paper' (the paper states it) or 'editorial' (this project's coding)."
TABLES: list[Table] = [
    Table("build_info", "One row: which build of the YAML sources this file holds.", lead=(
        col("schema_version", "integer", "Version of the table layout, derived from this declaration and the "
                                         "search index's SQL; it changes when a table or column changes."),
        col("source_hash", "varchar", "SHA-256 of the YAML sources and the layout; the app rebuilds when it no "
                                      "longer matches."),
        col("built_at", "timestamp", "When the file was built (UTC)."),
        col("source_files", "varchar[]", "The YAML files the build read, relative to the data folder."))),
    Table("reviews", "One row per review: the synthesis this database presents, its citation and methods.", REVIEW,
          tail=(col("line_of_argument", "varchar", "The line of argument from themes to constructs (editorial "
                                                    "wording)."),),
          skip=frozenset({"eligibility.inclusion", "eligibility.exclusion"})),
    Table("review_points", "One row per listed point of a review: eligibility, limitations, future research, "
          "implications, conclusions, flow-diagram exclusion criteria.", lead=(
              col("review_id", "varchar", "The review."),
              col("section", "varchar", "One of inclusion, exclusion, flow_exclusion_criteria, limitations, "
                                        "future_research, implications, conclusions."),
              _pos("within the section"), col("text", "varchar", "The point (editorial wording of the paper's "
                                                                "content)."),
              _prov("'paper' if the paper makes the point, 'editorial' if this project adds it."),
              col("point_id", "varchar", "The point's id, where it has one (a limitation a claim links); null "
                                         "otherwise.", True))),
    Table("synthesis_steps", "One row per analysis step of the synthesis method, or level of interpretation.", STEP,
          lead=(col("kind", "varchar", "'step' (an analysis step) or 'level' (a level of interpretation, such as an "
                                       "order of construct)."), _pos("within its kind"))),
    Table("prisma_flow", "One row per box of the PRISMA flow diagram, in flow order.", lead=(
        _pos("in the flow"),
        col("step", "varchar", "source, identified, duplicates_removed, screened, excluded_at_screening, "
                               "full_text_assessed, excluded_at_full_text, included or added_from_references."),
        col("label", "varchar", "The box label."), col("n", "integer", "The count the paper prints."))),
    Table("prisma_exclusions", "One row per exclusion reason at a PRISMA step; they add up to that step's count.",
          REASON, lead=(col("step", "varchar", "excluded_at_screening or excluded_at_full_text."),
                        _pos("as printed"))),
    Table("source_types", "One row per kind of source the review's evidence comes from (its own vocabulary).", SOURCE,
          lead=(_pos("as declared"),)),
    Table("studies", "One row per study: the included studies and related evidence outside the synthesis "
          "(included = false).", STUDY, lead=(_pos("as the review lists its studies"),),
          tail=(col("quality_max", "integer", "Maximum possible quality score; null for related evidence.", True),),
          skip=frozenset({"context"})),
    Table("study_context", "One row per fact about a study from public records, beyond the review: context, never "
          "a finding of the synthesis.", lead=(
              col("study_id", "varchar", "The study."), _pos(""), col("text", "varchar", "The fact."),
              _prov("Always 'public record'."))),
    Table("rating_levels", "One row per level of the quality checklist's rating scale (declared, or the whole "
          "numbers the ratings use).", LEVEL, lead=(_pos("as declared (or by score)"),)),
    Table("quality_criteria", "One row per criterion of the quality checklist.", CRITERION,
          lead=(_pos("as the table prints them"),), names={"short": "short_label", "group": "group_label"}),
    Table("quality_ratings", "One row per study and criterion: the rating given. The scores of a study add up to "
          "studies.quality_score.", lead=(
              col("study_id", "varchar", "The study."), col("criterion_id", "varchar", "The criterion."),
              col("rating", "varchar", "The rating level's id (rating_levels.id)."),
              col("score", "integer", "Points the rating counts; null for a level with no score.", True))),
    Table("themes", "One row per theme of the synthesis.", THEME),
    Table("subthemes", "One row per subtheme.", SUBTHEME,
          lead=(col("theme_id", "varchar", "The theme it sits under (paper)."), _pos("under its theme"))),
    Table("constructs", "One row per construct (the synthesis' highest level) of the synthesis.", CONSTRUCT),
    Table("construct_themes", "One row per theme a construct draws on.", lead=(
        col("construct_id", "varchar", "The construct."), col("theme_id", "varchar", "The theme."),
        _prov(EITHER))),
    Table("study_themes", "One row per study the paper itself ties to a theme. A theme whose support_count exceeds "
          "its rows here has the rest not specified.", SUPPORT_LINK,
          lead=(col("theme_id", "varchar", "The theme."),), tail=(_prov("Always 'paper'."),)),
    Table("quotes", "One row per participant quote printed in the review, verbatim. No keys: the validator already "
          "guarantees unique ids and known references, and key indexes would triple the file at a million quotes.",
          QUOTE, lead=(_pos("of appearance in the paper"),),
          tail=(col("page_sort", "integer", "The page's first number, for sorting; null if it has none.", True),)),
    Table("quote_subthemes", "One row per subtheme a quote illustrates.", lead=(
        col("quote_id", "varchar", "The quote."), col("subtheme_id", "varchar", "The subtheme."), _prov(EITHER))),
    Table("stigma_types", "One row per coded type of the vocabulary (the stigma_types section).", STIGMA_TYPE,
          lead=(_pos("for display"),)),
    Table("quote_stigma", "One row per coded type a quote shows.", lead=(
        col("quote_id", "varchar", "The quote."), col("stigma_type_id", "varchar", "The coded type."),
        _prov(EITHER))),
    Table("disclosure_consequences", "One row per feared consequence of disclosure the paper lists.", CONSEQUENCE,
          lead=(_pos(""),), names={"where": "paper_location"}),
    Table("quote_consequences", "One row per feared consequence of disclosure a quote names.", lead=(
        col("quote_id", "varchar", "The quote."), col("consequence_id", "varchar", "The consequence."),
        _prov(EITHER))),
    Table("related_themes", "One row per theme of a related study outside the synthesis.", RELATED_THEME,
          lead=(col("study_id", "varchar", "The related study."), _pos("")),
          skip=frozenset({"echo_rationale"})),
    Table("related_theme_echoes", "One row per synthesis theme a related study's theme echoes.", lead=(
        col("related_theme_id", "varchar", "The related study's theme."),
        col("theme_id", "varchar", "The synthesis theme it echoes."), col("rationale", "varchar", "Why (editorial)."),
        _prov("Always 'editorial'."))),
    Table("guidance", "At most one row: the practice guidance drawn from the review (editorial), with its "
          "disclaimer.", GUIDANCE),
    Table("guidance_sections", "One row per section of the clinician guide; talking points are grouped under them.",
          GUIDANCE_SECTION, lead=(_pos("in the guide"),)),
    Table("talking_points", "One row per talking point for clinicians (editorial wording); what each rests on is in "
          "claim_evidence (claim_kind 'talking_point').", TALKING_POINT,
          lead=(col("section_id", "varchar", "The guide section it sits in."), _pos("within its section"))),
    Table("leaflet_sections", "One row per section of the patient leaflet (editorial, plain language).",
          LEAFLET_SECTION, lead=(_pos("in the leaflet"),)),
    Table("evidence_notes", "One row per note on what the evidence as a whole rests on (editorial wording); what "
          "each rests on is in claim_evidence (claim_kind 'evidence_note').", EVIDENCE_NOTE,
          lead=(_pos("as written"),)),
    Table("statements", "One row per sentence of the paper (or of a related study outside the synthesis) stored "
          "verbatim, so that editorial claims can link what they rest on.", STATEMENT, lead=(_pos("in the sources"),)),
    Table("statement_studies", "One row per study the source names for a statement. Fewer than study_count means "
          "the rest are not specified.", lead=(
              col("statement_id", "varchar", "The statement."), col("study_id", "varchar", "A study named for it."),
              _pos("named"))),
    Table("confidence_method", "At most one row: the method the review's authors judged their findings' confidence "
          "with, and its reference.", lead=(
              col("method", "varchar", "GRADE-CERQual or JBI ConQual."), col("reference", "varchar", "The method's "
                                                                                "reference."),
              col("overall_source", "varchar", "Whose words the overall levels' meanings are."),
              col("note", "varchar", "What the authors say about how they applied it, in our words.", True))),
    Table("confidence_levels", "One row per level of the review's confidence method: the overall levels (component "
          "null) and each component's levels, best first, with what each means.", lead=(
              col("component_id", "varchar", "The component the level belongs to; null for an overall level.", True),
              col("component_label", "varchar", "The component's name; null for an overall level.", True),
              col("component_meaning", "varchar", "What the component asks; null for an overall level.", True),
              col("component_position", "integer", "The component's order in the method; null for an overall "
                                                   "level.", True),
              col("id", "varchar", "The level's id as the YAML writes it."), col("label", "varchar", "Its label."),
              col("meaning", "varchar", "What it means, in plain words."), _pos("best first"))),
    Table("findings", "One row per summarised review finding, with its overall confidence where the authors assessed "
          "it.", FINDING, lead=(_pos("as listed"),), skip=frozenset({"assessment.components"}),
          names={"assessment.confidence": "confidence", "assessment.explanation": "confidence_explanation"}),
    Table("finding_studies", "One row per study contributing to a finding, as the review lists them.", lead=(
        col("finding_id", "varchar", "The finding."), col("study_id", "varchar", "A contributing study."),
        _pos("as listed"))),
    Table("finding_judgements", "One row per component judgement of a finding's assessment: its Evidence Profile.",
          JUDGEMENT, lead=(col("finding_id", "varchar", "The finding."), _pos("as written")),
          names={"component": "component_id", "concern": "concern_id"}),
    Table("claim_evidence", "One row per link from an editorial claim to what it rests on. A claim with no row is "
          "practice advice. Strength is computed from these links, never stored.", lead=(
              col("claim_kind", "varchar", "talking_point, leaflet_section, theme_summary, construct, "
                                           "line_of_argument, stigma_type, review_point, evidence_note or finding "
                                           "(a review finding's supporting quotes and statements)."),
              col("claim_id", "varchar", "The claim's id in its table; for a review_point, \"section:position\"; "
                                         "for the line of argument, the review id."),
              _pos("the links were written in"), col("evidence_kind", "varchar", "statement, quote or study."),
              col("evidence_id", "varchar", "Id in statements, quotes or studies."),
              col("relation", "varchar", "'states' (the source says this) or 'our reading' (this project's "
                                         "interpretation of it)."),
              _prov("Always 'editorial': this project chose what each claim rests on."))),
]

# Typographic quote marks and the straight mark each is searched as: the search index folds text with them
# (search_fold) and the quote explorer highlights a match the same way (components/text._folded).
QUOTE_MARKS = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u201c": '"', "\u201d": '"',
               "\u201e": '"'}


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# The search index the build derives from the quote tables (build.derive), its quote marks filled in.
DERIVE_SQL = (Path(__file__).resolve().parent.parent / "search_index.sql").read_text(encoding="utf-8") \
    .replace("{CURLY_MARKS}", _sql_text("".join(QUOTE_MARKS))) \
    .replace("{STRAIGHT_MARKS}", _sql_text("".join(QUOTE_MARKS.values())))
# The database's tables as SQL, fixed for the life of the process: those declared above, then the derived search
# index's. The schema version is derived from it, so a changed table or column never keeps an old number.
LAYOUT = ddl(TABLES) + "\n" + DERIVE_SQL
SCHEMA_VERSION = int(hashlib.sha256(LAYOUT.encode()).hexdigest()[:7], 16)
