"""Router: page config, navigation over views/ (see README), the shared sidebar and the data version."""

import streamlit as st

from components.bootstrap import ensure_database, recover_from_damage
from components.chrome import global_styles, sidebar, tab_title, version_footer
from components.terms import term
from components.text import markdown_escape
from evidence.database import DamagedDatabase
from queries import per_version, run_once


def navigation_facts() -> tuple[bool, bool, bool, str, str, str]:
    """Whether the review has a coded vocabulary, guidance and summarised findings, and its words for themes, coded
    types and findings."""
    review = run_once("review").iloc[0]
    return (not run_once("stigma_types").empty, not run_once("guidance").empty,
            not run_once("findings", confidence=None, themes=None).empty,
            term(review, "themes", capital=True), term(review, "coded_types", capital=True),
            term(review, "findings", capital=True))


st.set_page_config(page_icon=":material/menu_book:", layout="wide")  # neutral: any review's evidence

if not ensure_database():
    st.stop()

# A section the data does not have is left out of the navigation, never shown as a heading over nothing.
has_vocabulary, has_guidance, has_findings, themes_title, coded_title, findings_title = per_version(
    "app:navigation", navigation_facts)
pages = {
    "Evidence": [
        st.Page("views/overview.py", title="Overview", icon=":material/home:", default=True),
        st.Page("views/themes.py", title=markdown_escape(themes_title), icon=":material/category:", url_path="themes"),
        *([st.Page("views/findings.py", title=markdown_escape(findings_title), icon=":material/fact_check:",
                   url_path="findings")] if has_findings else []),
        st.Page("views/quotes.py", title="Quote explorer", icon=":material/format_quote:", url_path="quotes"),
        st.Page("views/studies.py", title="Studies", icon=":material/library_books:", url_path="studies"),
        *([st.Page("views/stigma.py", title=markdown_escape(coded_title), icon=":material/visibility:",
                   url_path="stigma")] if has_vocabulary else []),
    ],
    "Practice and methods": [
        *([st.Page("views/guide.py", title="Practice guidance", icon=":material/chat:", url_path="guide")]
          if has_guidance else []),
        st.Page("views/methods.py", title="Methods and provenance", icon=":material/science:", url_path="methods"),
        st.Page("views/present.py", title="Present the findings", icon=":material/slideshow:", url_path="present"),
    ],
}
page = st.navigation([p for group in pages.values() for p in group])  # flat: section headers break list semantics
# each page its own tab title; a title from the data as written (the navigation reads it as Markdown, the tab does not)
st.set_page_config(page_title=tab_title({"themes": themes_title, "stigma": coded_title,
                                         "findings": findings_title}.get(page.url_path, page.title)))
global_styles()
if page.url_path != "present":  # slides fill the screen; each carries the citation itself
    sidebar()
# Which page the last run drew: a page can tell the browser's Back and Forward through its own addresses (the same
# page again, at an address it did not write) from arriving from another page (components/url_state.came_back).
st.session_state["page_before"], st.session_state["page_now"] = st.session_state.get("page_now"), page.url_path
try:
    page.run()
except DamagedDatabase:  # the file was damaged after its check: rebuilt, then the page is drawn again, once
    recover_from_damage()
st.session_state.pop("app_rebuilt", None)
version_footer()
