"""The minimal Streamlit page the benchmarks hold the quote explorer against: one multiselect of themes, one search
box and one pager over the same DuckDB rows, the query in DuckDB, and 50 bordered cards of escaped Markdown. Its
widgets carry the explorer's keys (quotes_theme, quotes_q, quotes_page), so the protocol driver changes them as it
changes the explorer's; a change of the themes or the search starts again at page 1, as on the explorer."""

from __future__ import annotations

from pathlib import Path

PAGE = '''
import duckdb
import streamlit as st

@st.cache_resource
def connect():
    return duckdb.connect({db!r}, read_only=True)

@st.cache_data
def themes():
    return dict(connect().cursor().execute("select id, name from themes order by number").fetchall())

def md(text):
    return "".join("\\\\" + c if c in "\\\\`*_{{}}[]()#+-.!|$<>~:" else c for c in text)

def first_page():
    st.session_state.pop("quotes_page", None)

names = themes()
chosen = st.multiselect("Theme", list(names), format_func=names.get, placeholder="Any", key="quotes_theme",
                        on_change=first_page)
word = st.text_input("Search the quotes", key="quotes_q", on_change=first_page).strip()
page = st.session_state.get("quotes_page", 1)
rows = connect().cursor().execute("""
    select q.id, count(*) over () as total, q.text, s.citation, q.page
    from quotes as q join studies as s on s.id = q.study_id
    where (len($themes) = 0 or list_contains($themes, q.theme_id))
      and ($word = '' or q.text ilike '%' || $word || '%')
    order by q.position limit 50 offset $skip""",
    {{"themes": chosen, "word": word, "skip": (page - 1) * 50}}).fetchall()
total = rows[0][1] if rows else 0
st.subheader(f"{{total}} matching quotes")
if total > 50:
    st.pagination(-(-total // 50), key="quotes_page")
for quote_id, _, text, citation, cited in rows:
    with st.container(border=True):
        st.markdown(md(text) + "\\n\\n" + md(f"{{citation}}, p. {{cited}}"))
'''


def write(folder: Path, db: Path) -> Path:
    """The page as a script reading `db`, written into `folder`: its path."""
    path = folder / "minimal_page.py"
    path.write_text(PAGE.format(db=str(db)), encoding="utf-8")
    return path
