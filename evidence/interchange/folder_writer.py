"""Write what an import read as a synthesis folder that passes `check`.

What the source holds is written as it is. What the format needs and the source does not hold (the review's
question, the appraisal, the PRISMA counts, a study's aim...) is written as a placeholder marked 'REPLACE:' on its
own line, text or number, so `check` lists each with its file and line, as it does after `new`. Nothing is made up
to look like evidence: a count left to fill is marked, never presented as the paper's.

The folder is written beside its destination and checked first; only a folder that passes takes its place, so a
failed import leaves nothing behind."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml

from ..format.rules import check_folder
from ..format.scaffold import SECTIONS, TODO, schema_line
from .synthesis import COMPONENTS, ImportProblem, Synthesis, Theme, printed_citation, slug

NOT_CONFIRMED = "not confirmed"
CHARACTERISTICS = ("aim", "n", "definition", "location", "data_collection", "analysis")
ASKS = {  # what a placeholder asks for, by characteristic
    "aim": "the study's aim as your table prints it", "n": "the sample as your table prints it",
    "definition": "how the study defined the topic, as printed (or 'not specified')",
    "location": "the location as printed (or 'not specified')",
    "data_collection": "the data collection as printed", "analysis": "the analysis as printed"}


def _ask(what: str) -> str:
    return f"{TODO} {what}"


def _source_types(synthesis: Synthesis) -> dict[str, str]:
    """Each source type label the source gives, with its id."""
    labels = [s.source for s in synthesis.studies if s.source] + [q.source for q in synthesis.quotes if q.source]
    taken: set[str] = set()
    return {label: slug(label, "source", taken) for label in dict.fromkeys(labels)}


def _coded_types(synthesis: Synthesis) -> dict[str, str]:
    taken: set[str] = set()
    return {label: slug(label, "type", taken) for label in dict.fromkeys(t for q in synthesis.quotes for t in q.coded)}


def _review(synthesis: Synthesis) -> dict:
    review = dict(SECTIONS["review"]["review"])
    review["presented_by"] = "authors"
    if synthesis.title:
        review["title"] = synthesis.title
        review["id"] = slug(synthesis.title, "review", set())
    return {"review": review}


def _prisma(synthesis: Synthesis) -> dict:
    n = len(synthesis.studies)
    return {"prisma": {"sources": [{"label": _ask("the first box of your PRISMA flow"), "n": n}], "identified": n,
                       "duplicates_removed": 0, "screened": n, "excluded_at_screening": {"n": 0, "reasons": []},
                       "full_text_assessed": n, "excluded_at_full_text": {"n": 0, "reasons": []}, "included": n}}


def _studies(synthesis: Synthesis, sources: dict[str, str]) -> dict:
    studies = []
    for study in synthesis.studies:
        record = {"id": study.id, "citation": study.citation, "included": True}
        if study.source:
            record["source"] = sources[study.source]
        record["year"] = study.year
        record["authors"] = study.authors or NOT_CONFIRMED
        record["title"] = study.title or NOT_CONFIRMED
        record["journal"] = study.journal or NOT_CONFIRMED
        record.update({key: NOT_CONFIRMED for key in ("volume", "issue", "pages", "doi")})
        record["characteristics"] = {"label": study.citation, **{
            key: study.characteristics.get(key) or _ask(ASKS[key]) for key in CHARACTERISTICS}}
        record["quality_score"] = 0
        studies.append(record)
    types = [{"id": ident, "label": label} for label, ident in sources.items()]
    return {"source_types": types, "studies": studies}


def _quality(synthesis: Synthesis) -> dict:
    """An appraisal to replace: one criterion, and every study 'not yet rated' (a level that scores nothing)."""
    return {"quality": {
        "max_score": 1,
        "scale": [{"id": "met", "label": _ask("your tool's top rating"), "score": 1},
                  {"id": "not_yet_rated", "label": _ask("not yet rated: replace with the study's rating")}],
        "criteria": [{"id": "criterion_1", "short": _ask("a criterion's short label"),
                      "question": _ask("the appraisal tool's first criterion")}],
        "ratings": [{"study": s.id, "ratings": ["not_yet_rated"], "total": 0} for s in synthesis.studies]}}


def _theme(theme: Theme, number: int, synthesis: Synthesis) -> dict:
    quotes = [q for q in synthesis.quotes if q.theme == theme.id]
    quoted = list(dict.fromkeys(q.study for q in quotes))
    return {"id": theme.id, "number": number, "name": theme.name,
            "summary": theme.description or _ask("the theme in your words, keeping the paper's hedges"),
            "support": {"stated": _ask("how the paper states the theme's support"), "count": len(quoted),
                        "studies": [{"study": s, "basis": "has a quote coded to the theme"} for s in quoted]},
            "subthemes": [{"id": s.id, "name": s.name, "description": s.description or _ask("the subtheme in your "
                                                                                           "words")}
                          for s in theme.subthemes],
            "summary_evidence": [{"statement": f"{theme.id}_reported", "relation": "states"}]}


LINE_OF_ARGUMENT = "line_of_argument_reported"


def _themes(synthesis: Synthesis) -> dict:
    return {"themes": [_theme(t, n, synthesis) for n, t in enumerate(synthesis.themes, 1)],
            "line_of_argument": {"text": _ask("the line of argument, in your words"),
                                 "evidence": [{"statement": LINE_OF_ARGUMENT, "relation": "states"}]}}


def _statements(synthesis: Synthesis) -> dict:
    """A sentence of the paper to rest each theme's summary and the line of argument on: the import cannot know
    them, so each is a placeholder to replace with the paper's own sentence."""
    return {"statements": [
        *({"id": f"{t.id}_reported", "section": f"Results: {t.name}",
           "text": _ask("the sentence of your paper the theme's summary reports, word for word")}
          for t in synthesis.themes),
        {"id": LINE_OF_ARGUMENT, "section": _ask("where the paper states its line of argument"),
         "text": _ask("the paper's sentence stating the line of argument, word for word")}]}


def _quotes(synthesis: Synthesis, sources: dict[str, str], coded: dict[str, str]) -> dict:
    citations = {s.id: s.citation for s in synthesis.studies}
    quotes = []
    for quote in synthesis.quotes:
        record = {"id": quote.id, "study": quote.study,
                  "page": quote.page if quote.page is not None else _ask("the page the review cites"),
                  "printed_citation": quote.printed_citation or printed_citation(citations[quote.study], quote.page)}
        if quote.source:
            record["source"] = sources[quote.source]
        record["theme"] = quote.theme
        if quote.language:
            record["language"] = quote.language
        record["text"] = quote.text
        if quote.content_note:
            record["content_note"] = quote.content_note
        record["subthemes"] = list(quote.subthemes)
        if quote.coded:
            record["stigma"] = [coded[label] for label in quote.coded]
        quotes.append(record)
    return {"quotes": quotes}


def _vocabulary(coded: dict[str, str]) -> dict:
    return {"stigma_types": [{"id": ident, "label": label, "paper_term": "not specified",
                              "definition": _ask("what the type means, in your words"),
                              "rule": _ask("what a quote must show to carry it")} for label, ident in coded.items()]}


def _findings(synthesis: Synthesis) -> dict:
    findings = []
    for finding in synthesis.findings:
        record = {"id": finding.id, "number": finding.number, "text": finding.text, "studies": finding.studies}
        if finding.theme:
            record["theme"] = finding.theme
        if finding.subtheme:
            record["subtheme"] = finding.subtheme
        if finding.quotes:
            record["evidence"] = [{"quote": q, "relation": "states"} for q in finding.quotes]
        if finding.confidence:
            record["assessment"] = {
                "components": [{"component": c, "concern": finding.components[c][0],
                                "explanation": finding.components[c][1]} for c in COMPONENTS
                               if c in finding.components],
                "confidence": finding.confidence, "explanation": finding.explanation}
        findings.append(record)
    return {"confidence": {"method": "GRADE-CERQual"}, "findings": findings}


# Lines whose number the source does not give: the key, and what the placeholder asks for.
NUMBERS = {
    "prisma": {key: "the count your PRISMA flow reports (the source holds none)" for key in (
        "n", "identified", "duplicates_removed", "screened", "full_text_assessed", "included")},
    "quality": {"max_score": "the appraisal's highest total", "ratings": "the study's ratings, one per criterion",
                "total": "the total the paper prints"},
    "studies": {"quality_score": "the study's appraisal total"},
    "themes": {"count": "the number of studies the paper says support the theme (here: those with a quote)"},
}


def _dump(name: str, content: dict, origin: str) -> str:
    text = yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=100, default_flow_style=None)
    marks = NUMBERS.get(name, {})
    lines = []
    for line in text.splitlines():
        key = line.strip().removeprefix("- ").split(":", 1)[0]
        if key in marks and not line.rstrip().endswith(":"):
            line = f"{line}  # {TODO} {marks[key]}"
        lines.append(line)
    return f"# Imported from {origin}. Replace every '{TODO}' value; see docs/FORMAT.md and docs/IMPORT.md.\n" + \
        "\n".join(lines) + "\n"


def sections_of(synthesis: Synthesis) -> dict[str, dict]:
    """The synthesis as the format's files, by name."""
    sources, coded = _source_types(synthesis), _coded_types(synthesis)
    files = {"review": _review(synthesis), "prisma": _prisma(synthesis), "studies": _studies(synthesis, sources),
             "quality": _quality(synthesis), "statements": _statements(synthesis), "themes": _themes(synthesis),
             "quotes": _quotes(synthesis, sources, coded)}
    if coded:
        files["vocabulary"] = _vocabulary(coded)
    if synthesis.findings:
        files["findings"] = _findings(synthesis)
    return files


def write_synthesis(synthesis: Synthesis, folder: Path) -> list[ImportProblem]:
    """Write `synthesis` into `folder` (new or empty) if the result passes check; else write nothing and return
    what check found, each at its file and line in the folder the import would have written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        return [ImportProblem(str(folder), "is not an empty folder", "name a new folder for the import")]
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for name, content in sections_of(synthesis).items():
            (staging / f"{name}.yaml").write_text(schema_line(folder) + _dump(name, content, synthesis.origin),
                                                  encoding="utf-8")
        _, problems = check_folder(staging)
        if problems:
            return [ImportProblem(f"{folder / Path(p.file).name}:{p.line}", p.message, p.fix) for p in problems]
        if folder.exists():
            folder.rmdir()
        staging.rename(folder)
        return []
    finally:
        if staging.exists():
            shutil.rmtree(staging)
