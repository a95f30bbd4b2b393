"""Crafted links on every page: no exception, a notice where a value is ignored, nothing rendered as markup."""

from __future__ import annotations

import re
from html import escape

import pytest

from components.url_state import NOTICE_HEADING
from tests.conftest import html_text
from tests.conftest import open_page as open_app_page

ICON = ":material/home:"
BIDI = "\u202eevil"
# (page, URL values, whether a notice must say something was ignored)
CASES = [
    ("quotes", {"theme": ICON}, True),
    ("quotes", {"theme": "&amp;"}, True),
    ("quotes", {"theme": ["safe_place", "**bold**"]}, True),
    ("quotes", {"subtheme": "[link](https://example.org)"}, True),
    ("quotes", {"study": "<script>alert(1)</script>"}, True),
    ("quotes", {"stigma": BIDI}, True),
    ("quotes", {"source": "$x^2$"}, True),
    ("quotes", {"min_quality": "abc"}, True),
    ("quotes", {"min_quality": "999"}, True),
    ("quotes", {"min_quality": "-1"}, True),
    ("quotes", {"min_quality": "1e9"}, True),
    ("quotes", {"min_quality": ICON}, True),
    ("quotes", {"size": "7"}, True),
    ("quotes", {"size": "60"}, True),
    ("quotes", {"page": "0"}, True),
    ("quotes", {"page": "abc"}, True),
    ("quotes", {"page": "99999"}, True),
    ("quotes", {"page": "1" * 400}, True),
    ("quotes", {"q": "x" * 500}, True),
    ("quotes", {"q": ICON}, False),
    ("quotes", {"q": "**bold** &amp; `code`"}, False),
    ("quotes", {"q": BIDI}, False),
    ("quotes", {"q": "%_\\"}, False),
    ("quotes", {"quote": ICON}, True),
    ("quotes", {"quote": ["q01", "&amp;<b>x</b>"]}, True),
    ("quotes", {"quote": BIDI}, True),
    ("quotes", {"theme": "\x00\x1b[31m"}, True),
    ("themes", {"theme": ICON}, True),
    ("themes", {"theme": "&amp;"}, True),
    ("themes", {"theme": BIDI}, True),
    ("studies", {"study": ICON}, True),
    ("studies", {"study": "&lt;b&gt;"}, True),
    ("studies", {"study": "# heading"}, True),
    ("stigma", {"stigma": ICON}, True),
    ("stigma", {"stigma": "**bold**"}, True),
    ("overview", {"theme": ICON, "x": "&amp;"}, False),
    ("guide", {"q": ICON, "point": BIDI}, False),
    ("methods", {"section": "**bold**", "y": ICON}, False),
    ("present", {"slide": ICON}, True),
    ("present", {"slide": "&amp;"}, True),
    ("present", {"slide": "99999"}, True),
    ("present", {"slide": "**2**"}, True),
    # numbers Python's int() takes silently, though no one wrote them as plain digits
    ("quotes", {"size": "1_0"}, True),
    ("quotes", {"size": "\u0661\u0660"}, True),
    ("quotes", {"min_quality": "\uff18"}, True),
    ("quotes", {"page": " 1_1"}, True),
    ("present", {"slide": "\u0663"}, True),
    ("present", {"slide": "\u00b2"}, True),
    ("present", {"slide": "1" * 75}, True),
    ("present", {"slide": "2_0"}, True),
]


def markdown_texts(at) -> list[str]:
    """Every string of the run that Streamlit reads as Markdown: bodies, notices and labels."""
    bodies = [e.value for kind in ("markdown", "caption", "warning", "info", "error", "success", "title",
                                   "header", "subheader") for e in getattr(at, kind)]
    labels = [e.label for e in at.expander] + [e.proto.label for e in at.get("page_link")]
    labels += [e.label for kind in ("selectbox", "multiselect", "text_input", "button") for e in getattr(at, kind)]
    return bodies + labels


def crafted_values(query: dict) -> list[str]:
    return [v for value in query.values() for v in (value if isinstance(value, list) else [value])]


MARKUP = set("\\`*_[]<>&:$~|")  # characters that make Markdown, HTML, LaTeX or an icon


def assert_literal(at, query: dict) -> None:
    """No crafted value reaches Markdown unescaped or HTML unescaped, and no control character the page."""
    texts, html = markdown_texts(at), html_text(at)
    assert "\u202e" not in "\n".join(texts) + html and "\x1b" not in "\n".join(texts) + html
    for value in crafted_values(query):
        if MARKUP & set(value):  # escaping must have changed it: seen verbatim, it was read as markup
            shown = [t for t in texts if re.search(r"(?<!\\)" + re.escape(value), t)]
            assert not shown, f"{value!r} reached Markdown unescaped: {shown[:2]}"
        if re.search(r":[\w/+-]+:", value):  # icons and emoji are matched after Markdown has dropped its backslashes
            read = [re.sub(r"\\(.)", r"\1", t) for t in texts]
            assert not [t for t in read if value in t], f"{value!r} would render as an icon or emoji"
        if "<" in value or (value.startswith("&") and value != "&amp;"):  # the app's own links hold &amp;
            assert value not in html.replace(escape(value), ""), f"{value!r} reached HTML unescaped"


@pytest.mark.parametrize(("page", "query", "notice"), CASES, ids=[f"{p}-{i}" for i, (p, _, _) in enumerate(CASES)])
def test_a_crafted_link_opens_its_page_with_a_notice_and_nothing_as_markup(app, page, query, notice):
    at = app(page, **query)  # the fixture asserts no exception
    assert at.title or at.html, "the page drew its content"
    notices = [w.value for w in at.warning if NOTICE_HEADING in w.value or "is not a slide" in w.value]
    assert bool(notices) == notice, f"expected a notice: {notice}; got {notices}"
    assert_literal(at, query)


# Pages and keys only a review with assessed findings has: crafted against the synthetic review.
ASSESSED_CASES = [
    ("findings", {"confidence": ICON}, True),
    ("findings", {"confidence": ["moderate", "<script>alert(1)</script>"]}, True),
    ("findings", {"theme": BIDI}, True),
    ("findings", {"theme": "**t_one**", "confidence": "&amp;"}, True),
    ("quotes", {"confidence": "99"}, True),
    ("quotes", {"confidence": ICON}, True),
    ("quotes", {"confidence": "2", "theme": "t_one"}, False),
]


@pytest.mark.parametrize(("page", "query", "notice"), ASSESSED_CASES,
                         ids=[f"{p}-{i}" for i, (p, _, _) in enumerate(ASSESSED_CASES)])
def test_a_crafted_link_to_assessed_findings_opens_with_a_notice_and_nothing_as_markup(monkeypatch, tmp_path, page,
                                                                                       query, notice):
    from evidence.build import build
    from tests.conftest import SYNTHETIC, point_app_at

    db = tmp_path / "evidence.duckdb"
    assert build(SYNTHETIC, db).ok
    point_app_at(monkeypatch, db, SYNTHETIC)
    at = open_app_page(page, **query)
    assert at.title or at.html, "the page drew its content"
    notices = [w.value for w in at.warning if NOTICE_HEADING in w.value]
    assert bool(notices) == notice, f"expected a notice: {notice}; got {notices}"
    assert_literal(at, query)


def test_there_are_at_least_30_crafted_links_across_every_page():
    from tests.test_pages_smoke import PAGES

    assert len(CASES) >= 30 and {page for page, _, _ in CASES + ASSESSED_CASES} == set(PAGES)


# --- the same for text from the data: labels, expander titles and links built from data values -------

HOSTILE = ":material/home: &amp; &copy; **bold** [x](https://example.org)"


@pytest.fixture
def hostile_app(monkeypatch, data_copy, tmp_path):
    """The app on data whose study citation and content note are valid but full of markup."""
    from streamlit.testing.v1 import AppTest

    import queries
    from evidence.build import build
    from tests.test_validation import edit

    edit(data_copy, "studies.yaml", "citation: Evans et al. 2012", f'citation: "Evans {HOSTILE} 2012"')
    quotes = data_copy / "quotes.yaml"  # the quotes' printed citations name the study as it is now cited
    quotes.write_text(quotes.read_text(encoding="utf-8").replace('printed_citation: "Evans et al. 2012,',
                                                                  f'printed_citation: "Evans {HOSTILE} 2012,'),
                      encoding="utf-8")
    edit(data_copy, "quotes.yaml", 'content_note: "rejecting feelings', f'content_note: "{HOSTILE} rejecting feelings')
    for key, word in (("theme", "theme"), ("themes", "themes"), ("subthemes", "subthemes"),
                      ("constructs", "third-order constructs"), ("coded_types", "stigma types")):  # the review's words
        edit(data_copy, "review.yaml", f"      {key}: {word}\n", f'      {key}: "{HOSTILE} {word}"\n')
    db = tmp_path / "evidence.duckdb"
    result = build(data_copy, db)
    assert result.ok, result.problems
    monkeypatch.setenv("EVIDENCE_DATA_DIR", str(data_copy))
    monkeypatch.setenv("EVIDENCE_DB", str(db))

    def open_page(page: str, **query) -> AppTest:
        queries.close_all()
        return open_app_page(page, **query)

    yield open_page
    queries.close_all()


@pytest.mark.parametrize(("page", "query"), [("studies", {"study": "evans2012"}), ("quotes", {}),
                                             ("quotes", {"study": "evans2012"}), ("themes", {}), ("stigma", {}),
                                             ("overview", {}), ("methods", {}), ("present", {"slide": "2"})])
def test_markup_in_the_data_shows_literally_in_labels_and_titles(hostile_app, page, query):
    at = hostile_app(page, **query)
    texts = markdown_texts(at)
    assert any("example" in t for t in texts + [html_text(at)]), "the hostile values are shown"
    assert_literal(at, {"data": [":material/home:", "**bold**", "[x](https://example.org)", "&amp;", "&copy;"]})
