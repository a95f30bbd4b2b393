"""What every page shows around its content: the review's citation and the data version."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from components.text import escape
from evidence.citations import dashboard_name, review_reference
from evidence.database import data_version
from evidence.voice import voice_of
from queries import per_version, run_once


def _citation_and_version() -> tuple[str, str, str]:
    return per_version("chrome:citation_and_version", _read_citation_and_version)


def _read_citation_and_version() -> tuple[str, str, str]:
    review, build = run_once("review"), run_once("build_info")
    # A named tuple of the first row: a pandas Series of 30 mixed columns costs a millisecond to build.
    first = next(review.itertuples(index=False))
    citation = review_reference(first)[0]
    version = (f"data version {data_version(build.source_hash.iloc[0])}, "
               f"built {build.built_at.iloc[0]:%Y-%m-%d %H:%M} UTC")
    return citation, version, voice_of(first.presented_by).own_words


def review_citation() -> str:
    """The review's citation as every page shows it."""
    return _citation_and_version()[0]


def app_base_url() -> str:
    """The app's address without the current page's path segment or query (empty if unknown)."""
    url = st.context.url or ""
    parts = urlsplit(url)
    if not parts.netloc:
        return ""
    root = parts.path.rsplit("/", 1)[0]
    return f"{parts.scheme}://{parts.netloc}{root}"


def on_a_phone() -> bool:
    """Whether the browser says it is a phone: "Mobi" in its User-Agent, as MDN advises. The server never sees
    the screen's width, so a narrow desktop window or a tablet counts as a large screen."""
    if "chrome_on_a_phone" not in st.session_state:  # a session keeps its browser: its headers are read once
        st.session_state["chrome_on_a_phone"] = "Mobi" in (st.context.headers.get("User-Agent") or "")
    return st.session_state["chrome_on_a_phone"]


FOCUS = "#1f5c99"  # the theme's primary colour: 6.9:1 on white, 6.2:1 on the sidebar's grey

GLOBAL_CSS = """<style>
/* The accent (the theme's primary colour): focus rings and the rule beside a quote or headline. */
:root { --ev-accent: FOCUS; }
/* What is whose, in one vocabulary on every page: a chip outlined solid for the paper, dashed for what whoever
   presents the review added, dotted for practice advice (components/blocks.chip), and a small label over a passage. */
.ev-chip { display: inline-block; border: 1px solid #555; border-radius: .6rem; padding: 0 .45rem;
  margin: 0 .3rem .2rem 0; font-size: .75rem; color: #222; background: #fff; text-transform: none; letter-spacing: 0; }
.ev-chip-paper { border-style: solid; font-weight: 600; }
.ev-chip-editorial { border-style: dashed; }
.ev-chip-advice { border-style: dotted; }
.ev-meaning summary { cursor: pointer; font-size: .85rem; color: #31333f; }
.ev-meaning p { font-size: .85rem; margin: .2rem 0 0 0; }  /* a level's meaning, opened on demand */
.ev-label { font-size: .75rem; color: #444; text-transform: uppercase; letter-spacing: .03em; margin: .4rem 0 .1rem 0; }
/* Quote cards (components/quote_card). Here, once a session, not beside the cards: a style sheet drawn with
   them on every change of a filter made the browser restyle the whole page. */
.quote-card{border:1px solid rgba(49,51,63,.2);border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem 0}
.quote-text{font-size:1.05rem;line-height:1.5;border-left:4px solid var(--ev-accent);
 margin:0 0 .5rem 0;padding:.25rem .75rem;
 white-space:pre-wrap}
.quote-text mark{background:#ffe08a;color:#000;padding:0 .1em}
.quote-meta{font-size:.85rem;color:#333;margin:.2rem 0}
.quote-card summary{cursor:pointer;font-size:.9rem;padding:.3rem 0;color:#31333f}
.quote-card summary:focus-visible{border-radius:.25rem}
.quote-note>summary{font-weight:600;color:#7a4b00}
.ev-copy{font-size:.8rem;border:1px solid #8a8f9c;border-radius:.3rem;background:#fff;color:#1f2430;
 padding:.15rem .6rem;margin:0 0 .6rem 0;cursor:pointer}
@media (pointer:coarse){.ev-copy{min-height:2.75rem;padding:.4rem 1rem}}
.ev-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.quote-copy{font-size:.85rem;background:#f6f6f8;border-radius:.3rem;padding:.4rem .6rem;margin:.1rem 0 .5rem 0;
 white-space:pre-wrap;word-break:break-word;user-select:all}
/* Facts as a definition list (a study's characteristics, the review's search). */
.fact dt { font-weight: 600; margin-top: .4rem; } .fact dd { margin-left: 1rem; }
/* Streamlit draws captions grey at 60% opacity, below WCAG AA contrast on white: make them solid. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * { color: #4a4a55; opacity: 1; }
.ev-caption { font-size: .875rem; color: #4a4a55; margin: 0 0 .25rem 0; }
.ev-rule { border: none; border-top: 1px solid rgba(49, 51, 63, .2); margin: 1rem 0; }
/* A heading scrolled to (a link to it, a page turn) lands below the sticky app header, not under it. */
h1[id], h2[id], h3[id], h4[id] { scroll-margin-top: 4.5rem; }
/* Streamlit's "Link to heading" beside every heading is a Tab stop a keyboard reader must pass on each one;
   the headings keep their ids, so an address ending in #id still opens there. */
[data-testid="stHeaderActionElements"] { display: none !important; }
/* A chart's toolbar (show data, download, full screen) shows itself on hover only; a keyboard reader on one
   of its buttons must see it too. */
[data-testid="stElementToolbar"]:focus-within { opacity: 1 !important; }

/* Focus is always visible, and unlike the sidebar's current-page tint: a solid ring, 3:1 or more. */
:focus-visible, [data-testid="stSidebarNav"] a:focus-visible {
  outline: 3px solid var(--ev-accent) !important; outline-offset: 2px !important; }

/* Link and button labels wrap rather than being cut short with an ellipsis on a narrow page. */
.stPageLink a *, .stButton button *, .stDownloadButton button * {
  white-space: normal !important; text-overflow: clip !important; overflow: visible !important; }
.stPageLink a, .stButton button, .stDownloadButton button { height: auto !important; max-width: 100%; }

/* Wrapping tables (components/html_table.py): nothing is truncated at any width. */
.ev-table { border-collapse: collapse; width: 100%; font-size: .9rem; line-height: 1.4; }
.ev-table caption { text-align: left; font-weight: 600; padding: .2rem 0; }
.ev-table th, .ev-table td { border: 1px solid #c9ccd3; padding: .35rem .5rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; }  /* break-word: a column is never narrower than its longest word */
.ev-table th { background: #eef0f4; }
.ev-table-scroll { max-width: 100%; overflow-x: auto; }

/* A matrix as a phone reads it (components/html_table.compact_html): a row's name, then its filled cells as chips
   that wrap, each a link big enough for a finger. */
.ev-compact { list-style: none; margin: 0 0 .5rem 0; padding: 0; }
.ev-compact li { margin: 0 0 .6rem 0; }
.ev-cell-row { display: block; font-weight: 600; font-size: .9rem; margin: 0 0 .2rem 0; overflow-wrap: anywhere; }
.ev-cells { display: flex; flex-wrap: wrap; gap: .35rem; }
.ev-cell { display: inline-flex; align-items: center; gap: .35rem; min-height: 2.75rem; max-width: 100%;
  box-sizing: border-box; padding: .2rem .65rem; border: 1px solid #8a8f9c; border-radius: 1.4rem;
  font-size: .85rem; color: #1f2430 !important; text-decoration: none !important; overflow-wrap: anywhere; }
.ev-cell-n { font-weight: 700; background: #eef0f4; border-radius: .8rem; padding: 0 .45rem; }
.ev-full-table > summary { cursor: pointer; font-size: .9rem; padding: .6rem 0; min-height: 2.75rem;
  box-sizing: border-box; }

/* A grid of widgets (components/filter_bar.py): three to a row, fewer as the page narrows, in order. */
[class*="st-key-evgrid_"] > * { flex: 1 1 calc(33.3% - 1rem) !important; min-width: min(15rem, 100%) !important; }
/* Chosen values wrap onto lines, each whole, instead of a row of chips that scrolls sideways out of sight. */
[class*="st-key-evgrid_"] [data-testid="stMultiSelectTagsContainer"] { flex-wrap: wrap !important;
  overflow: visible !important; }
[class*="st-key-evgrid_"] [data-testid="stMultiSelectTagsContainer"] > span { flex-wrap: wrap !important;
  min-width: 0 !important; max-width: 100% !important; }
[class*="st-key-evgrid_"] [data-tag] { max-width: 100% !important; height: auto !important; }
[class*="st-key-evgrid_"] [data-tag] > span { white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; overflow-wrap: anywhere; }

/* The page's own width (not the window's, which includes the sidebar) decides layouts: a container. */
[data-testid="stMainBlockContainer"] { container: evmain / inline-size; }

/* Narrow pages: table rows become cards. Charts give way to their tables by their own widths
   (components/html_table.chart_or_table). */
@container evmain (max-width: 600px) {
  .ev-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  /* each header cell hidden the same way, so a long header row does not lay itself out past the page's edge */
  .ev-table thead th { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
    white-space: nowrap; padding: 0; border: 0; }
  .ev-table, .ev-table tbody, .ev-table tr, .ev-table td { display: block; width: 100%; box-sizing: border-box; }
  .ev-table tr { border: 1px solid #c9ccd3; border-radius: .4rem; margin: 0 0 .6rem 0; padding: .3rem .5rem; }
  .ev-table td { border: none; padding: .15rem 0; }
  .ev-table td::before { content: attr(data-label); display: block; font-weight: 600; font-size: .8rem; }
  .ev-table td:empty { display: none; }  /* a card shows no label over nothing (a PRISMA step with no reason) */
  .ev-table caption { display: block; width: 100%; }  /* as wide as the cards, not squeezed beside them */
}

/* Print a page as a document: no sidebar, header or widgets, and no inner scrolling that cuts it off. */
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stElementToolbar"], .stButton, .stDownloadButton, .stSelectbox, .stMultiSelect,
  .stTextInput, .stNumberInput, .stSlider, .stRadio, .stCheckbox, .stPageLink, .stSegmentedControl,
  .stPills, [data-testid="stExpander"] { display: none !important; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"], [data-testid="stAppScrollToBottomContainer"] {
    overflow: visible !important; height: auto !important; position: static !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
  .stVegaLiteChart, .ev-table tr, [data-testid="stVerticalBlockBorderWrapper"] { break-inside: avoid; }
}
</style>""".replace("FOCUS", FOCUS)

# Back after leaving a page by a link (a matrix cell, a table's link, a page link, a quote link inside an opened
# panel) returns to the same spot with the same panels open. The app scrolls inside its main container, which
# browsers do not restore, and reruns a page closed, so the offset and the open expanders are kept per address in
# sessionStorage and set again once the page has drawn them. A link within the page (#id) is the browser's to
# follow: it is never undone by a restore, an address opened with one lands on its target once the page has drawn
# it, and the target takes the keyboard focus; but Back to an address that still carries such a #id returns to
# where the reader left, not to the old target.
SCROLL_KEEPER = """<script>
(() => {
  if (window.evScrollKeeper) return;
  window.evScrollKeeper = true;
  const key = () => "ev-scroll:" + location.pathname + location.search;
  const openKey = () => "ev-open:" + location.pathname + location.search;
  const main = () => document.querySelector('[data-testid="stMain"]');
  const running = () => !!document.querySelector('[data-testid="stStatusWidget"]');
  const panels = () => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stExpander"] details')];
  let inPage = false;
  const save = (event) => {
    const link = event && event.target && event.target.closest && event.target.closest('a[href^="#"]');
    if (link) inPage = true;  // the browser jumps within the page, and Back from there returns here
    const m = main();
    if (!m) return;
    sessionStorage.setItem(key(), String(Math.round(m.scrollTop)));
    sessionStorage.setItem(openKey(), JSON.stringify(panels().map((d, i) => d.open ? i : -1).filter(i => i >= 0)));
  };
  document.addEventListener("click", save, true);
  window.addEventListener("pagehide", () => save());
  const kept = () => Number(sessionStorage.getItem(key()) || 0) > 0
    || JSON.parse(sessionStorage.getItem(openKey()) || "[]").length > 0;
  // Open the panels that were open, then set the saved offset once the page has run and grown tall enough; hold it
  // a few seconds while charts above it still grow, unless the reader scrolls meanwhile.
  const restore = () => {
    const target = Number(sessionStorage.getItem(key()) || 0);
    const open = JSON.parse(sessionStorage.getItem(openKey()) || "[]");
    let moved = false, reached = 0, opened = open.length === 0;
    const stop = () => { moved = true; };
    for (const kind of ["wheel", "touchstart", "keydown"]) addEventListener(kind, stop, {once: true});
    const started = Date.now();
    const step = () => {
      const m = main();
      if (moved || Date.now() - started > 20000 || (reached && Date.now() - reached > 3000)) return;
      if (!opened && !running()) {
        const all = panels();
        if (all.length > Math.max(...open)) {
          for (const i of open) if (!all[i].open) all[i].querySelector("summary").click();
          opened = true;
        }
      }
      if (opened && m && !running() && target > 0 && m.scrollHeight - m.clientHeight >= target) {
        m.scrollTop = target; reached = reached || Date.now(); }
      if (opened && target <= 0) return;
      setTimeout(step, 150);
    };
    setTimeout(step, 300);  // let the page's rerun begin first
  };
  // A target as the address names it; one that is not valid percent-encoding (a link cut short, typed by hand) names
  // nothing, where decoding it would throw.
  const named = () => { try { return decodeURIComponent(location.hash.slice(1)); } catch { return ""; } };
  const linked = () => { const id = named(); return id && document.getElementById(id); };  // "" for no target
  const focus = (el) => { if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
                          el.focus({preventScroll: true}); };
  // A part's heading on a phone titles the fold after it (components/sections.py): a link to it opens that fold,
  // whose title then takes the focus. Anything else is its own target.
  const unfold = (el) => {
    const head = el.closest('[data-testid="stLayoutWrapper"]:has(> [class*="st-key-evhead_"])');
    const fold = head && head.nextElementSibling && head.nextElementSibling.querySelector("details");
    if (!fold) return el;
    if (!fold.open) fold.querySelector("summary").click();
    return fold.querySelector("summary");
  };
  const toTarget = () => {  // wait until the page has drawn the target, then bring it into view
    const started = Date.now();
    const step = () => {
      const el = linked();
      if (el && !running()) { const target = unfold(el); el.scrollIntoView({block: "start"}); focus(target); return; }
      if (Date.now() - started < 20000) setTimeout(step, 150);
    };
    setTimeout(step, 300);
  };
  const entry = performance.getEntriesByType("navigation")[0];
  if (entry && entry.type === "back_forward" && kept()) restore();  // Back to an address loaded afresh
  else if (location.hash.length > 1) toTarget();  // an address with a target, opened afresh
  // A link within the page (which the browser has already followed), or Back and Forward between addresses
  addEventListener("popstate", () => {
    if (inPage) { inPage = false; if (location.hash.length > 1) toTarget(); return; }
    if (kept()) restore(); else if (location.hash.length > 1) toTarget();
  });
})();
</script>"""


# A quote card's "Copy" buttons (components/quote_card.py) put the text just above them on the clipboard;
# where the browser offers no clipboard (a page not served over https or from this machine) the text is
# selected instead, for Ctrl+C.
COPY_BUTTONS = """<script>
(() => {
  if (window.evCopyButtons) return;
  window.evCopyButtons = true;
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button.ev-copy");
    const source = button && button.previousElementSibling;
    if (!source) return;
    const say = (words) => { button.textContent = words;
                             setTimeout(() => { button.textContent = button.dataset.label; }, 2500); };
    const select = () => { const range = document.createRange(); range.selectNodeContents(source);
                           getSelection().removeAllRanges(); getSelection().addRange(range);
                           say("Selected: press Ctrl+C to copy"); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(source.textContent).then(() => say("Copied"), select);
    } else select();
  }, true);  // on the way down: the app's own elements may stop a click before it reaches the document
})();
</script>"""


def global_styles() -> None:
    """Styles and the scripts every page needs (scroll keeper, copy buttons), injected once per run by the
    router (one element: each element costs every rerun of every page)."""
    st.html(GLOBAL_CSS + SCROLL_KEEPER + COPY_BUTTONS, unsafe_allow_javascript=True)


def tab_title(page_title: str) -> str:
    """The browser tab's title: the page, then the dashboard it belongs to (named from the data)."""
    name = per_version("chrome:dashboard_name", lambda: dashboard_name(run_once("review").short_citation.iloc[0]))
    return f"{page_title} · {name}"


def sidebar() -> None:
    """The review's citation and the data version, in the sidebar."""
    citation, version, _ = _citation_and_version()
    st.sidebar.html(f'<p class="ev-caption" title="The review every page of this dashboard presents.">Evidence from</p>'
                    f'<p class="review-citation" style="font-size:0.85rem">{escape(citation)}</p>'
                    f'<p class="ev-caption">{escape(version)}</p>')


def version_footer() -> None:
    """The same facts at the foot of the page, where a printout or a narrow screen keeps them."""
    citation, version, own_words = _citation_and_version()
    st.html(f'<hr class="ev-rule"><footer style="font-size:0.8rem;color:#444"><p>Source: {escape(citation)}</p>'
            f"<p>{escape(version)}. Quotes are verbatim from the review; summaries and guidance are "
            f"{escape(own_words)}.</p></footer>")
