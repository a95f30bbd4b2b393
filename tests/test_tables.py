"""HTML tables: data text renders literally, links are real links only where there is an address."""

from __future__ import annotations

import pandas as pd

from components.html_table import table_html

MARKED = "*bold* $x$ <b>hi</b> & [link](http://example.org)"


def test_cells_headers_and_addresses_are_escaped():
    frame = pd.DataFrame({MARKED: [MARKED], "Open": ["go"], "href": ['quotes?q="><script>']})
    html = table_html(frame, {"Open": "href"}, caption=MARKED)
    assert "<b>" not in html and "<script>" not in html
    assert html.count("&lt;b&gt;hi&lt;/b&gt; &amp;") == 4  # caption, header, cell and its card label
    assert 'href="quotes?q=&quot;&gt;&lt;script&gt;"' in html
    assert "<th" in html and ">href<" not in html  # the address column is not shown as a column


def test_a_cell_without_an_address_is_plain_text_and_missing_values_are_blank():
    frame = pd.DataFrame({"Open": ["Open 2 quotes", "No quote printed"], "href": ["quotes?theme=a", None],
                          "n": [2.0, float("nan")]})
    html = table_html(frame, {"Open": "href"})
    assert html.count("<a ") == 1 and ">No quote printed</td>" in html
    assert 'data-label="n">2</td>' in html and 'data-label="n"></td>' in html
