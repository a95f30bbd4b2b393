"""Presentation slides of a review: one per theme, then its line of argument, then its implications.

Built from the data alone: a slide list from the themes, a quote choice from each theme's quotes, and
the HTML of one slide. Every data value is escaped; every slide carries the review's citation.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.blocks import chip
from components.terms import term
from components.text import escape
from evidence.citations import page_label

QUOTES_PER_SLIDE = 3  # a few: an audience reads a slide in a minute


@dataclass(frozen=True)
class Slide:
    """One screen: what kind it is, its title, and the theme it shows (if any)."""

    kind: str  # "title", "theme", "argument" or "implications"
    title: str
    theme_id: str | None = None


def slide_list(review, themes: pd.DataFrame, implications: int = 1) -> list[Slide]:
    """The deck: the review's title, each theme in the paper's order, the line of argument, the implications
    (where the review lists any)."""
    deck = [Slide("title", str(review.title))]
    deck += [Slide("theme", f"{int(t.number)}. {t.name}", t.id) for t in themes.sort_values("number").itertuples()]
    return deck + [Slide("argument", "Line of argument")] + ([Slide("implications", "Implications")] if implications
                                                             else [])


def _noted(quote) -> bool:
    return isinstance(quote.content_note, str) and bool(quote.content_note)


def chosen_quotes(quotes: pd.DataFrame, chosen_id, limit: int = QUOTES_PER_SLIDE) -> list:
    """The quote the data chose for the theme first, then the first printed; content-noted ones only if chosen.

    A quote behind a content note is never put in front of an audience by accident: it is shown only when
    the data itself names it (the theme's headline is taken from it), and then with its note.
    """
    rows = [q for q in quotes.dropna(subset=["id"]).itertuples(index=False)]
    picked = [q for q in rows if isinstance(chosen_id, str) and q.id == chosen_id]
    picked += [q for q in rows if q.id != chosen_id and not _noted(q)]
    return picked[:limit]


def _frame(slide: Slide, number: int, total: int, body: str, citation: str) -> str:
    return (f'<section class="ev-slide" aria-roledescription="slide" '
            f'aria-label="Slide {number} of {total}: {escape(slide.title)}">'
            f'<p class="ev-slide-count">Slide {number} of {total}</p>{body}'
            f'<p class="ev-slide-cite">Source: {escape(citation)}</p></section>')


def title_html(slide: Slide, number: int, total: int, review, themes: int, studies: int, citation: str) -> str:
    """The opening slide: the review's title, its authors, and what it synthesised (in the method's own terms)."""
    body = (f"<h1>{escape(slide.title)}</h1>"
            f'<p class="ev-slide-lead">{escape(", ".join(review.authors))} ({escape(review.year)})</p>'
            f'<p class="ev-slide-lead">{escape(review.design)}: {studies} studies, {themes} '
            f"{escape(term(review, 'themes'))}.</p>")
    return _frame(slide, number, total, body, citation)


def theme_html(slide: Slide, number: int, total: int, theme, quotes: list, citation: str,
               theme_word: str = "Theme") -> str:
    """A theme's slide: its headline, its support as the paper states it, and a few quotes."""
    source = f" <span class='ev-slide-note'>({escape(theme.headline_citation)})</span>" \
        if isinstance(theme.headline_citation, str) and theme.headline_citation else ""
    body = (f'<p class="ev-slide-kicker">{escape(theme_word)} {int(theme.number)}</p><h1>{escape(theme.name)}</h1>'
            f'<p class="ev-slide-headline">"{escape(theme.headline)}"{source}</p>'
            f'<p class="ev-slide-lead">{chip("paper")} Supported by <strong>{int(theme.support_count)} of '
            f'{int(theme.studies_included)}</strong> included studies: "{escape(theme.support_stated)}"</p>'
            + "".join(_quote_html(q) for q in quotes))
    return _frame(slide, number, total, body, citation)


def _quote_html(quote) -> str:
    note = (f'<p class="ev-slide-note">Content note: {escape(quote.content_note)}</p>' if _noted(quote) else "")
    return (f'{note}<blockquote class="ev-slide-quote">{escape(quote.text)}'
            f"<cite>{escape(quote.citation)}, {escape(page_label(quote.page))}</cite></blockquote>")


def argument_html(slide: Slide, number: int, total: int, line_of_argument: str, links: pd.DataFrame,
                  citation: str, constructs_title: str = "Constructs") -> str:
    """The line of argument and the constructs (in the method's own term) it rests on."""
    constructs = links.drop_duplicates("construct_id").sort_values("construct_number")
    items = "".join(f"<li><strong>{escape(c.construct_name)}</strong></li>" for c in constructs.itertuples())
    body = (f"<h1>{escape(slide.title)}</h1>"
            f'<p class="ev-slide-lead">{chip("editorial")} {escape(line_of_argument)}</p>'
            + (f'<p class="ev-slide-kicker">{escape(constructs_title)}</p><ul>{items}</ul>' if items else ""))
    return _frame(slide, number, total, body, citation)


def implications_html(slide: Slide, number: int, total: int, points: pd.DataFrame, citation: str) -> str:
    """The review's implications, each with its provenance."""
    items = "".join(f"<li>{chip(p.provenance)} {escape(p.text)}</li>" for p in points.itertuples())
    body = f"<h1>{escape(slide.title)}</h1>" + (f"<ul>{items}</ul>" if items else
                                                  '<p class="ev-slide-lead">The review lists none.</p>')
    return _frame(slide, number, total, body, citation)
