"""Tables as plain HTML: text wraps at every width, links are real links, and a narrow screen gets cards.

Streamlit's data grid is a canvas: it truncates long text and its cells cannot be reached as links by
keyboard. These tables are read by every screen reader, wrap instead of truncating, and below 640 px
each row becomes a card of "column: value" lines (the styles are in components/chrome.py).
Keys of `chart_or_table` are written into CSS, so they are plain identifiers.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.text import escape
from evidence.values import missing


def _cell(value) -> str:
    if missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def table_html(frame: pd.DataFrame, links: dict[str, str] | None = None, caption: str | None = None,
               html: frozenset[str] = frozenset()) -> str:
    """An escaped HTML table of `frame`; `links` maps a shown column to the column holding its address; the columns
    named in `html` hold HTML their caller has escaped already (several links in one cell, say)."""
    links = links or {}
    shown = [c for c in frame.columns if c not in set(links.values())]
    head = "".join(f'<th scope="col" role="columnheader">{escape(c)}</th>' for c in shown)
    rows = []
    for record in frame.to_dict("records"):
        cells = []
        for column in shown:
            text = _cell(record[column]) if column in html else escape(_cell(record[column]))
            href = _cell(record[links[column]]) if column in links else ""
            if href:
                text = f'<a href="{escape(href)}" target="_self">{text}</a>'
            cells.append(f'<td role="cell" data-label="{escape(column)}">{text}</td>')
        rows.append(f'<tr role="row">{"".join(cells)}</tr>')
    title = f"<caption>{escape(caption)}</caption>" if caption else ""
    # A table wider than its place (many columns of long words) scrolls inside its own box, never the page.
    return (f'<div class="ev-table-scroll"><table class="ev-table" role="table">{title}<thead><tr role="row">{head}'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def table(frame: pd.DataFrame, links: dict[str, str] | None = None, caption: str | None = None,
          html: frozenset[str] = frozenset()) -> None:
    """Draw `frame` as a wrapping HTML table (cards on a narrow screen)."""
    st.html(table_html(frame, links, caption, html))


def chart_or_table(key: str, draw_chart, draw_table=None, expander_label: str | None = None,
                   min_width: int = 760, draw_narrow=None) -> None:
    """The chart where the page is at least `min_width` px wide (its table in an expander if labelled);
    the table alone where it is narrower.

    Both are drawn, and a container query on the page's width shows one, so no page needs to know the
    screen. Without `draw_table` the chart is only left out on a narrow page: its page already shows the
    same facts as text. `draw_narrow`, if given, stands in for the table on a narrow page (a matrix's compact
    form, say).
    """
    st.html(f"<style>@container evmain (max-width: {min_width - 1}px) {{ .st-key-evwide_{key} "
            f"{{ display: none !important; }} }} @container evmain (min-width: {min_width}px) "
            f"{{ .st-key-evnarrow_{key} {{ display: none !important; }} }}</style>")
    with st.container(key=f"evwide_{key}"):
        draw_chart()
        if draw_table and expander_label:
            with st.expander(expander_label):
                draw_table()
    if draw_table or draw_narrow:
        with st.container(key=f"evnarrow_{key}"):
            (draw_narrow or draw_table)()


@dataclass(frozen=True)
class Cell:
    """One filled cell of a matrix in its compact form: the column's label, its count and the address it opens."""

    label: str
    count: int
    href: str
    name: str  # what the link says to a screen reader, e.g. "Moore 2016: open 3 quotes"


def compact_html(rows: list[tuple[str, list[Cell]]], left_out: str, table: str, table_label: str) -> str:
    """A matrix as a phone reads it: one line per row, its name then a chip per filled cell (the column and its
    count, opening that cell's quotes); rows with no filled cell and empty cells are left out, and `left_out` says
    how many and why; the full table (`table`'s HTML) one tap away."""
    lines = []
    for name, cells in rows:
        if not cells:
            continue
        chips = "".join(f'<a class="ev-cell" href="{escape(c.href)}" target="_self" aria-label="{escape(c.name)}">'
                        f'{escape(c.label)} <span class="ev-cell-n">{c.count}</span></a>' for c in cells)
        lines.append(f'<li><span class="ev-cell-row">{escape(name)}</span><span class="ev-cells">{chips}</span></li>')
    return (f'<ul class="ev-compact">{"".join(lines)}</ul>' + (f'<p class="ev-note">{escape(left_out)}</p>'
                                                               if left_out else "")
            + f'<details class="ev-full-table"><summary>{escape(table_label)}</summary>{table}</details>')
