"""Presentation mode: the findings one screen at a time, for an audience; ?slide=N is the screen shown."""

import pandas as pd
import streamlit as st

from components import slides
from components.blocks import block_styles
from components.chrome import review_citation
from components.terms import term
from components.text import markdown_escape
from components.url_state import plain_number
from queries import run_once, run_query

NO_FILTER = dict(subthemes=[], studies=[], stigma=[], sources=[], min_quality=None, search=None, quote_ids=[])
STYLES = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarCollapseButton"]
  { display: none !important; }
.st-key-present_clicker { display: none !important; }
/* The whole screen is the slide's: no app header above it, little margin. */
[data-testid="stHeader"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem !important; }
.ev-slide { font-size: 1.6rem; line-height: 1.45; min-height: 55vh; }
.ev-slide p, .ev-slide li { font-size: 1.6rem; line-height: 1.45; }
.ev-slide h1 { font-size: 2.8rem; line-height: 1.15; margin: .2rem 0 1rem 0; padding: 0; }
.ev-slide ul { margin: .5rem 0 1rem 1.4rem; } .ev-slide li { margin: .4rem 0; }
.ev-slide .ev-slide-count, .ev-slide .ev-slide-kicker { font-size: 1.1rem; color: #3d4250; margin: 0;
  text-transform: uppercase; letter-spacing: .04em; }
.ev-slide .ev-slide-headline { font-size: 2.1rem; font-style: italic; border-left: 6px solid #1f5c99;
  padding-left: 1rem; }
.ev-slide .ev-slide-lead { margin: .6rem 0; }
.ev-slide .ev-slide-quote { border-left: 4px solid #1f5c99; margin: 1rem 0; padding: .2rem 1rem; font-size: 1.4rem; }
.ev-slide .ev-slide-quote cite { display: block; font-size: 1.05rem; font-style: normal; color: #3d4250;
  margin-top: .3rem; }
.ev-slide .ev-slide-note { font-size: 1.05rem; color: #3d4250; }
.ev-slide .ev-slide-cite { font-size: 1rem; color: #3d4250; border-top: 1px solid #c9ccd3; padding-top: .5rem;
  margin-top: 1.5rem; }
.ev-slide .ev-chip { font-size: .9rem; vertical-align: middle; }
/* A projector's 720 lines: the slide, its source and the buttons on one screen. */
@media (max-height: 820px) and (min-width: 641px) {
  .ev-slide { min-height: 0; }
  .ev-slide p, .ev-slide li { font-size: 1.4rem; }
  .ev-slide h1 { font-size: 2.4rem; margin: .1rem 0 .6rem 0; }
  .ev-slide .ev-slide-headline { font-size: 1.8rem; margin: .4rem 0; }
  .ev-slide .ev-slide-quote { font-size: 1.25rem; margin: .6rem 0; }
  .ev-slide .ev-slide-quote cite { font-size: 1rem; margin-top: .15rem; }
  .ev-slide .ev-slide-cite { margin-top: .8rem; } }
@media (max-width: 640px) {
  .ev-slide h1 { font-size: 2rem; } .ev-slide p, .ev-slide li { font-size: 1.2rem; }
  .ev-slide .ev-slide-headline { font-size: 1.5rem; } .ev-slide .ev-slide-quote { font-size: 1.15rem; } }
</style>"""

review = run_once("review").iloc[0]
themes = run_once("themes_overview")
implications = run_once("review_points", section="implications")
deck = slides.slide_list(review, themes, len(implications))
total = len(deck)


def slide_from_url() -> int:
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


st.html(STYLES)
block_styles()  # the paper / editorial chips
current = slide_from_url()
slide, citation = deck[current - 1], review_citation()
if slide.kind == "theme":
    theme = next(themes[themes.id == slide.theme_id].itertuples(index=False))
    rows = run_query("quotes_filtered", themes=[theme.id], limit=20, offset=0, **NO_FILTER)
    chosen = theme.headline_in_quote_id if isinstance(theme.headline_in_quote_id, str) else None
    if chosen and chosen not in set(rows.id):
        rows = pd.concat([run_query("quotes_filtered", themes=[theme.id], limit=1, offset=0,
                                    **{**NO_FILTER, "quote_ids": [chosen]}), rows])
    html = slides.theme_html(slide, current, total, theme, slides.chosen_quotes(rows, chosen), citation,
                             term(review, "theme", capital=True))
elif slide.kind == "argument":
    html = slides.argument_html(slide, current, total, review.line_of_argument, run_once("constructs"), citation,
                                term(review, "constructs", capital=True))
elif slide.kind == "implications":
    html = slides.implications_html(slide, current, total, implications, citation)
else:
    html = slides.title_html(slide, current, total, review, len(themes), int(themes.studies_included.max()),
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
