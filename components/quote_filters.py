"""The quote explorer's filters as data: their URL keys, labels and options (from the review, once per data version),
how a choice of themes narrows the subthemes, and the query parameters a set of values asks for. The explorer page
and the web API (api.py) read a link with the same specs, so a link means the same quotes in both."""

from __future__ import annotations

from components import filter_bar
from components.terms import term
from components.url_state import Choice, Number, Search
from evidence.format.declaration import QUOTE_MARKS
from queries import per_version, run_once

PAGE_SIZES = (10, 20, 50)
PAGING = (Number("page", "Page", 1, 10**6), Number("size", "Quotes per page", 1, 10**6, options=PAGE_SIZES))
MAX_LINKED_QUOTES = 50  # quote ids one link may name


def _filters() -> tuple[tuple, dict[str, str]]:
    review = run_once("review").iloc[0]
    studies = run_once("studies")
    studies = studies[studies.included]
    scores = tuple(sorted(int(score) for score in studies.quality_score.dropna().unique()))
    subthemes = run_once("subthemes")
    subthemes = subthemes.assign(label=subthemes.name + " (" + subthemes.theme_name + ")")
    coded, sources, levels = run_once("stigma_types"), run_once("quote_sources"), run_once("confidence_levels")
    # A vocabulary the review does not declare gets no filter (and no link or URL key is read for it).
    filters = (
        filter_bar.choice_from(run_once("themes_overview"), "theme", term(review, "theme", capital=True)),
        filter_bar.choice_from(subthemes, "subtheme", term(review, "subtheme", capital=True), label_col="label"),
        filter_bar.choice_from(studies, "study", "Study", label_col="citation"),
        *([filter_bar.choice_from(coded, "stigma", term(review, "coded_type", capital=True), label_col="label")]
          if not coded.empty else []),
        *([filter_bar.choice_from(sources, "source", "Source", id_col="id", label_col="label")]
          if not sources.empty else []),
        Number("min_quality", "Minimum study quality score", 0, max(scores, default=0), options=scores),
        *([Number("confidence", "Supports a finding of at least", 1, len(levels), options=tuple(levels.position),
                  names=tuple(zip(levels.position, levels.label, strict=True)))] if not levels.empty else []),
        Search("q", "Search the quotes"),
    )
    return filters, dict(zip(subthemes.id, subthemes.theme_id, strict=True))


def quote_filters() -> tuple[tuple, dict[str, str]]:
    """Every filter with its options, and each subtheme's theme: read once per data version."""
    return per_version("quotes:filters", _filters)


def narrowed(subtheme: Choice, theme_of_subtheme: dict[str, str], themes: list[str]) -> Choice:
    """The subtheme filter with only the chosen themes' subthemes (all of them when no theme is chosen)."""
    if not themes:
        return subtheme
    return Choice(subtheme.key, subtheme.label, {s: label for s, label in subtheme.options.items()
                                                 if theme_of_subtheme[s] in themes})


def unquoted(search: str) -> str:
    """A search typed inside quote marks ("not alone", as in a web search) is that phrase: the search is
    literal already."""
    marks = {'"', *(mark for mark, straight in QUOTE_MARKS.items() if straight == '"')}
    if len(search) > 2 and search[0] in marks and search[-1] in marks:
        return search[1:-1].strip()
    return search


def query_of(values: dict, quote_ids: list[str]) -> dict:
    """The parameters of quotes_filtered for the chosen filters (or the linked quotes)."""
    return dict(themes=values["theme"], subthemes=values["subtheme"], studies=values["study"],
                stigma=values.get("stigma", []), sources=values.get("source", []),
                min_quality=values["min_quality"], search=unquoted(values["q"]) or None, quote_ids=quote_ids,
                min_confidence=values.get("confidence"), records=None)
