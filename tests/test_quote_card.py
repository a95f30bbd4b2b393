"""A quote card escapes every value from the data, with or without a search, tag names included."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from components.quote_card import quote_body
from queries import run_rows

MARKUP = '<b onmouseover="x()">bold</b> <img src=x onerror=alert(1)> **md** $x^2$'
NO_FILTER = dict(themes=[], subthemes=[], studies=[], stigma=[], sources=[], min_quality=None,
    min_confidence=None, search=None, records=None,
                 quote_ids=[])


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def tags_in(html: str) -> list[str]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("search", [None, "bold"])
def test_a_cards_quote_text_and_tag_names_render_literally(review, search):
    row = run_rows("quotes_filtered", limit=1, offset=0, **NO_FILTER)[0]
    tag = {"name": MARKUP, "provenance": "editorial"}
    hostile = row._replace(text=MARKUP, theme_name=MARKUP, subthemes=[tag], stigma=[tag])
    html = quote_body(hostile, search)
    assert "img" not in tags_in(html) and "b" not in tags_in(html)
    assert html.count("&lt;b onmouseover=") == 4, "the quote, the theme and both tag names, each escaped"
