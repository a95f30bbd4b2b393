"""Presentation mode: the findings one screen at a time, for an audience; ?slide=N is the screen shown."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.blocks import block_styles, chip
from components.chrome import review_citation
from components.findings import level_html
from components.quote_card import has_content_note
from components.terms import term
from components.text import escape, markdown_escape
from components.url_state import plain_number
from evidence.citations import page_label
from evidence.values import text_or_none
from evidence.voice import Voice, voice_of
from queries import filtered_quotes, per_version, run_once

QUOTES_PER_THEME = 3  # a few: an audience reads a slide in a minute
FINDINGS_PER_SLIDE = 2  # each with its confidence, at a size a room reads from a 720-line projector
# What a 1280x720 projector holds below a slide's title at the slides' 28 px type, in lines of about 70 characters
# (a little under what a line holds, so that a slide is never fuller than its screen): a theme's headline and support
# and its quotes share them; quotes that do not fit go on to the theme's next slide.
SLIDE_LINES, LINE_CHARS = 11, 70


@dataclass(frozen=True)
class Slide:
    """One screen: what kind it is, its title, the theme it shows (if any) and which of its quotes."""

    kind: str  # "title", "theme", "quotes" (a theme's further quotes), "findings", "argument" or "implications"
    title: str
    theme_id: str | None = None
    findings: tuple[str, ...] = ()  # the ids of the review findings a findings slide shows
    quotes: tuple[str, ...] = ()  # the ids of the quotes a theme's slide shows


def lines(text: object, scale: float = 1.0) -> int:
    """About how many lines a text takes on a slide (`scale`: its type's size against the body's)."""
    return max(1, -(-int(len(str(text)) * scale) // LINE_CHARS))


def theme_slides(theme, quotes: list, theme_word: str) -> list[Slide]:
    """A theme's slides: its headline, support and as many of its quotes as the screen holds, then its other quotes
    (as many as fit to a slide) under its name, so that no slide needs type below a room's reading size."""
    title = f"{int(theme.number)}. {theme.name}"
    used = (lines(theme.headline, 1.15) + 1 if text_or_none(theme.headline) else 0) + lines(theme.support_stated) + 1
    slides, shown, budget = [], [], SLIDE_LINES - used
    for quote in quotes:
        cost = lines(quote.text) + 1 + (1 if has_content_note(quote) else 0)  # its source line (and note)
        if shown and cost > budget:
            slides.append(shown)
            shown, budget = [], SLIDE_LINES
        shown.append(quote.id)
        budget -= cost
    slides.append(shown)
    return [Slide("theme" if n == 0 else "quotes", title if n == 0 else f"{title} ({theme_word.lower()} quotes, "
                  f"{n + 1} of {len(slides)})", theme.id, quotes=tuple(ids)) for n, ids in enumerate(slides)]


def slide_list(review, themes: pd.DataFrame, implications: int = 1, findings: tuple[str, ...] = (),
               quotes: dict[str, list] | None = None) -> list[Slide]:
    """The deck: the review's title, each theme in the paper's order with its quotes (`quotes`: each theme's chosen
    quotes) on as many slides as they need, its summarised findings with their confidence a few to a slide (where it
    has any), the line of argument, the implications (where the review lists any)."""
    deck = [Slide("title", str(review.title))]
    word = term(review, "theme", capital=True)
    for theme in themes.sort_values("number").itertuples():
        deck += theme_slides(theme, (quotes or {}).get(theme.id, []), word)
    parts = [findings[start:start + FINDINGS_PER_SLIDE] for start in range(0, len(findings), FINDINGS_PER_SLIDE)]
    title = term(review, "findings", capital=True)
    deck += [Slide("findings", f"{title} ({n} of {len(parts)})" if len(parts) > 1 else title, findings=part)
             for n, part in enumerate(parts, 1)]
    return deck + [Slide("argument", "Line of argument")] + ([Slide("implications", "Implications")] if implications
                                                             else [])


def chosen_quotes(quotes: pd.DataFrame, chosen_id, limit: int = QUOTES_PER_THEME) -> list:
    """The quote the data chose for the theme first, then the first printed; content-noted ones only if chosen.

    A quote behind a content note is never put in front of an audience by accident: it is shown only when
    the data itself names it (the theme's headline is taken from it), and then with its note.
    """
    rows = [q for q in quotes.dropna(subset=["id"]).itertuples(index=False)]
    picked = [q for q in rows if isinstance(chosen_id, str) and q.id == chosen_id]
    picked += [q for q in rows if q.id != chosen_id and not has_content_note(q)]
    return picked[:limit]


def _frame(slide: Slide, number: int, total: int, body: str, citation: str) -> str:
    return (f'<section class="ev-slide ev-slide-{slide.kind}" aria-roledescription="slide" '
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
    """A theme's slide: its headline, its support as the paper states it, and the quotes that fit; or, on a theme's
    further slide, its name and more of its quotes."""
    if slide.kind == "quotes":
        body = (f'<p class="ev-slide-kicker">{escape(theme_word)} {int(theme.number)} · quotes</p>'
                f"<h1>{escape(theme.name)}</h1>" + "".join(_quote_html(q) for q in quotes))
        return _frame(slide, number, total, body, citation)
    source = f" <span class='ev-slide-note'>({escape(theme.headline_citation)})</span>" \
        if isinstance(theme.headline_citation, str) and theme.headline_citation else ""
    headline = (f'<p class="ev-slide-headline">"{escape(theme.headline)}"{source}</p>'
                if text_or_none(theme.headline) else "")  # a theme the paper heads with no phrase has none here
    body = (f'<p class="ev-slide-kicker">{escape(theme_word)} {int(theme.number)}</p><h1>{escape(theme.name)}</h1>'
            f'{headline}<p class="ev-slide-lead">{chip("paper")} Supported by <strong>{int(theme.support_count)} of '
            f'{int(theme.studies_included)}</strong> included studies: "{escape(theme.support_stated)}"</p>'
            + "".join(_quote_html(q) for q in quotes))
    return _frame(slide, number, total, body, citation)


def _quote_html(quote) -> str:
    note = (f'<p class="ev-slide-note">Content note: {escape(quote.content_note)}</p>' if has_content_note(quote)
            else "")
    return (f'{note}<blockquote class="ev-slide-quote">{escape(quote.text)}'
            f"<cite>{escape(quote.citation)}, {escape(page_label(quote.page))}</cite></blockquote>")


def findings_html(slide: Slide, number: int, total: int, findings: pd.DataFrame, citation: str,
                  theme_word: str = "Theme") -> str:
    """A few review findings, each with the confidence its authors place in it and that level's meaning on demand
    (or that they did not assess it), and where it sits in the synthesis."""
    shown = findings.set_index("id").loc[list(slide.findings)]
    items = "".join(
        f"<li>{escape(f.text)}<br><span class='ev-slide-note'>{int(f.number)}"
        + (f" · {escape(theme_word)} {int(f.theme_number)}" if not pd.isna(f.theme_number) else "")
        + f"</span> {level_html(f.confidence_label, f.confidence_meaning)}</li>"
        for f in shown.itertuples())
    body = (f"<h1>{escape(slide.title)}</h1><p class='ev-slide-lead'>{chip('paper')} How much confidence the "
            f"review's authors place in each</p><ul class='ev-slide-findings'>{items}</ul>")
    return _frame(slide, number, total, body, citation)


def argument_html(slide: Slide, number: int, total: int, line_of_argument: str, links: pd.DataFrame,
                  citation: str, voice: Voice, constructs_title: str = "Constructs") -> str:
    """The line of argument and the constructs (in the method's own term) it rests on."""
    constructs = links.drop_duplicates("construct_id").sort_values("construct_number")
    items = "".join(f"<li><strong>{escape(c.construct_name)}</strong></li>" for c in constructs.itertuples())
    body = (f"<h1>{escape(slide.title)}</h1>"
            f'<p class="ev-slide-lead">{chip("editorial", voice=voice)} {escape(line_of_argument)}</p>'
            + (f'<p class="ev-slide-kicker">{escape(constructs_title)}</p><ul>{items}</ul>' if items else ""))
    return _frame(slide, number, total, body, citation)


def implications_html(slide: Slide, number: int, total: int, points: pd.DataFrame, citation: str,
                      voice: Voice) -> str:
    """The review's implications, each with its provenance."""
    items = "".join(f"<li>{chip(p.provenance, voice=voice)} {escape(p.text)}</li>" for p in points.itertuples())
    body = f"<h1>{escape(slide.title)}</h1>" + (f"<ul>{items}</ul>" if items else
                                                  '<p class="ev-slide-lead">The review lists none.</p>')
    return _frame(slide, number, total, body, citation)


STYLES = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarCollapseButton"]
  { display: none !important; }
.st-key-present_clicker { display: none !important; }
/* The whole screen is the slide's: no app header above it, little margin. */
[data-testid="stHeader"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem !important; }
/* A room reads a slide from afar: body and quotes at 28 px (1.75rem) or more on every desk and projector screen,
   sources at 20 px or more. What does not fit goes on to the next slide (SLIDE_LINES), never into smaller type. */
.ev-slide { font-size: 1.75rem; line-height: 1.4; min-height: 55vh; }
.ev-slide p, .ev-slide li { font-size: 1.75rem; line-height: 1.4; }
.ev-slide h1 { font-size: 2.6rem; line-height: 1.15; margin: .2rem 0 .8rem 0; padding: 0; }
.ev-slide ul { margin: .5rem 0 1rem 1.4rem; } .ev-slide li { margin: .4rem 0; }
.ev-slide .ev-slide-count, .ev-slide .ev-slide-kicker { font-size: 1.25rem; color: #3d4250; margin: 0;
  text-transform: uppercase; letter-spacing: .04em; }
.ev-slide .ev-slide-headline { font-size: 2rem; font-style: italic; border-left: 6px solid var(--ev-accent);
  padding-left: 1rem; margin: .5rem 0; }
.ev-slide .ev-slide-lead { margin: .6rem 0; }
.ev-slide .ev-slide-quote { border-left: 4px solid var(--ev-accent);
  margin: .8rem 0; padding: .2rem 1rem; font-size: 1.75rem; line-height: 1.4; }
.ev-slide .ev-slide-quote cite { display: block; font-size: 1.4rem; font-style: normal; color: #3d4250;
  margin-top: .2rem; }
.ev-slide .ev-slide-note { font-size: 1.4rem; color: #3d4250; }
.ev-slide .ev-slide-cite { font-size: 1.25rem; color: #3d4250; border-top: 1px solid #c9ccd3; padding-top: .5rem;
  margin-top: 1.2rem; }
.ev-slide .ev-chip { font-size: 1.25rem; vertical-align: middle; }
.ev-slide .ev-slide-findings li { margin: .3rem 0 .7rem 0; }
.ev-slide .ev-meaning summary, .ev-slide .ev-meaning p { font-size: 1.4rem; }
/* On a screen a room watches, the title slide fills it above the buttons: the title large, in the middle, the
   source at the foot (a phone keeps the title slide its own height, its buttons on the first screen). */
@media (min-width: 641px) {
  .ev-slide.ev-slide-title { display: flex; flex-direction: column; min-height: calc(100vh - 9rem); }
  .ev-slide.ev-slide-title h1 { font-size: 3.4rem; margin-top: auto; }
  .ev-slide.ev-slide-title .ev-slide-lead { font-size: 2rem; }
  .ev-slide.ev-slide-title .ev-slide-cite { margin-top: auto; } }
/* A projector's 720 lines: the slide, its source and the buttons on one screen, at the same type sizes. */
@media (max-height: 820px) and (min-width: 641px) {
  .ev-slide { min-height: 0; }
  .ev-slide h1 { font-size: 2.3rem; margin: .1rem 0 .5rem 0; }
  .ev-slide .ev-slide-headline { font-size: 1.9rem; margin: .3rem 0; }
  .ev-slide .ev-slide-quote { margin: .5rem 0; }
  .ev-slide .ev-slide-cite { margin-top: .6rem; } }
@media (max-width: 640px) {
  .ev-slide h1 { font-size: 2rem; } .ev-slide p, .ev-slide li { font-size: 1.2rem; }
  .ev-slide .ev-slide-headline { font-size: 1.5rem; } .ev-slide .ev-slide-quote { font-size: 1.15rem; } }
</style>"""


def slide_from_url(total: int) -> int:
    """The slide the link asks for (1 = first), kept within the deck, with a notice when it is not one."""
    raw = st.query_params.get("slide", "1")
    number = plain_number(raw)
    if number is None or not 1 <= number <= total:
        last = number is not None and number > total
        st.warning(f"Slide: {markdown_escape(raw[:20])} is not a slide of this deck (1 to {total}); showing "
                   f"{'the last' if last else 'the first'}.")
        return total if last else 1
    return number


def go(number: int) -> None:
    st.query_params["slide"] = str(number)


def themes_quotes(themes: pd.DataFrame) -> dict[str, list]:
    """Each theme's quotes for its slides: the one the data chose for its headline first, then the first printed."""
    chosen = {}
    for theme in themes.itertuples(index=False):
        rows = filtered_quotes(20, themes=[theme.id])
        picked = theme.headline_in_quote_id if isinstance(theme.headline_in_quote_id, str) else None
        if picked and picked not in set(rows.id):
            rows = pd.concat([filtered_quotes(1, themes=[theme.id], quote_ids=[picked]), rows])
        chosen[theme.id] = chosen_quotes(rows, picked)
    return chosen


def deck_of_this_version() -> tuple[list[Slide], dict[str, list]]:
    """The deck and each theme's quotes: they depend only on the data, so they are made once per data version."""
    review = run_once("review").iloc[0]
    themes = run_once("themes_overview")
    quotes = themes_quotes(themes)
    findings = run_once("findings", confidence=None, themes=None)
    implications = run_once("review_points", section="implications", term=None)
    return slide_list(review, themes, len(implications), tuple(findings.id), quotes), quotes


def main() -> None:
    """Draw the page."""
    review = run_once("review").iloc[0]
    themes = run_once("themes_overview")
    implications = run_once("review_points", section="implications", term=None)
    findings = run_once("findings", confidence=None, themes=None)
    deck, quotes = per_version("present:deck", deck_of_this_version)
    voice = voice_of(review.presented_by)
    total = len(deck)
    st.html(STYLES)
    block_styles()  # the provenance chips
    current = slide_from_url(total)
    slide, citation = deck[current - 1], review_citation()
    if slide.kind in ("theme", "quotes"):
        theme = next(themes[themes.id == slide.theme_id].itertuples(index=False))
        html = theme_html(slide, current, total, theme, [q for q in quotes[theme.id] if q.id in slide.quotes],
                          citation, term(review, "theme", capital=True))
    elif slide.kind == "findings":
        html = findings_html(slide, current, total, findings, citation, term(review, "theme", capital=True))
    elif slide.kind == "argument":
        html = argument_html(slide, current, total, review.line_of_argument, run_once("constructs"), citation,
                             voice, term(review, "constructs", capital=True))
    elif slide.kind == "implications":
        html = implications_html(slide, current, total, implications, citation, voice)
    else:
        html = title_html(slide, current, total, review, len(themes), int(themes.studies_included.max()),
                          citation)
    with st.container(key="present_slide"):
        st.html(html)
    with st.container(horizontal=True, key="present_controls"):
        # no icons: each button already shows its arrow key
        st.button("Previous", key="present_previous", shortcut="Left",
                  disabled=current == 1, on_click=go, args=(current - 1,))
        st.button("Next", key="present_next", shortcut="Right",
                  disabled=current == total, on_click=go, args=(current + 1,))
        st.page_link("views/overview.py", label="Leave the presentation", icon=":material/close:")
    with st.container(key="present_clicker"):  # a presenter's clicker sends Page Down / Page Up: same moves, unseen
        st.button("Next", key="present_next_page", shortcut="PageDown", disabled=current == total, on_click=go,
                  args=(current + 1,))
        st.button("Previous", key="present_previous_page", shortcut="PageUp", disabled=current == 1, on_click=go,
                  args=(current - 1,))
    st.caption("Arrow keys (or a clicker's Page Down and Page Up) move between slides. Each slide has its own link: "
               "add ?slide=N to the address.")


if __name__ == "__main__":  # Streamlit runs a page as __main__; a test may import its parts
    main()
