"""Nothing is required that a review may not have: a theme with no headline phrase, a search without Google Scholar.
The synthetic review leaves both out; the pages leave them out too, never printing a placeholder in their place."""

from __future__ import annotations

import shutil

import duckdb
import yaml

from evidence.format.rules import check_folder
from tests.conftest import SYNTHETIC, html_text, open_page, slide_total


def test_a_theme_without_a_headline_shows_none_on_its_page_and_slide(synthetic):
    with duckdb.connect(str(synthetic), read_only=True) as con:
        bare = con.execute("select id, number from themes where headline is null").fetchall()
    assert bare, "the synthetic review has a theme without a headline"
    slides = [html_text(open_page("present", slide=str(n))) for n in range(1, slide_total() + 1)]
    for theme_id, number in bare:
        html = html_text(open_page("themes", theme=theme_id))
        assert "heads this theme with" not in html and 'class="ev-headline"' not in html
        slide = next(s for s in slides if "ev-slide-theme" in s and f"theme {number}</p>" in s.lower())
        assert 'class="ev-slide-headline"' not in slide and '"not specified"' not in slide and "nan" not in slide


def test_a_search_without_google_scholar_has_no_such_line(synthetic):
    html = html_text(open_page("methods"))
    assert "Databases" in html and "Google Scholar" not in html


def test_a_headline_citation_without_a_headline_is_refused(tmp_path):
    folder = tmp_path / "review"
    shutil.copytree(SYNTHETIC, folder)
    path = folder / "themes.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    bare = next(t for t in content["themes"] if "headline" not in t)
    bare["headline_citation"] = "Example et al."
    path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
    problems = check_folder(folder)[1]
    assert any("gives headline_citation but no headline" in p.message for p in problems), [str(p) for p in problems]


def test_the_reviews_own_words_head_every_table_and_label_on_its_pages(synthetic):
    """A review that calls its themes 'analytical themes' and its subthemes 'descriptive themes' sees those words in
    the tables a phone shows, the subtheme labels and the links, never the neutral 'Theme' or 'Subtheme'."""
    from tests.conftest import html_tables

    with duckdb.connect(str(synthetic), read_only=True) as con:
        study = con.execute("select id from studies where included order by position limit 1").fetchone()[0]
    pages = [("themes", {}), ("overview", {}), ("studies", {"study": study}), ("stigma", {})]
    for name, query in pages:
        at = open_page(name, **query)
        headers = {column for table in html_tables(at) for column in table.columns}
        assert not headers & {"Theme", "Subtheme"}, (name, headers)
    themes_html = html_text(open_page("themes"))
    assert "(analytical theme 1)" in themes_html and "(theme 1)" not in themes_html
    labels = [link.proto.label for link in open_page("overview").get("page_link")]
    assert any(label.startswith("Analytical themes, descriptive themes") for label in labels), labels
    assert any(m.value == "##### Analytical themes" for m in open_page("studies", study=study).markdown)


def test_the_charts_tooltips_name_themes_in_the_reviews_own_word(synthetic):
    import json

    def titles(node):
        if isinstance(node, dict):
            yield from ([node["title"]] if "field" in node and isinstance(node.get("title"), str) else [])
            for value in node.values():
                yield from titles(value)
        elif isinstance(node, list):
            for value in node:
                yield from titles(value)

    for name in ("overview", "themes"):
        shown = {t for chart in open_page(name).get("vega_lite_chart") for t in titles(json.loads(chart.proto.spec))}
        assert "Analytical theme" in shown and "Theme" not in shown, (name, shown)
