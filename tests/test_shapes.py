"""Every page holds at every shape of review: many or few studies, themes, subthemes and PRISMA sources, and
sections left empty. No exception, and no heading over nothing: a section with nothing to show is absent."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

import queries
from components.prisma_chart import CHAR_W, LINE_H, prisma_boxes
from evidence.build import build
from tests.conftest import ROOT, SYNTHETIC, open_page, point_app_at
from tests.shapes import SHAPES, generate

PAGES = sorted(p.stem for p in (ROOT / "views").glob("*.py"))
HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
ELEMENT_LEVELS = {"title": 1, "header": 2, "subheader": 3}


class _Outline(HTMLParser):
    """Headings and text of an HTML body, in order: (level, text) for a heading, (None, text) for anything else."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items, self._level, self._text, self._skip = [], None, [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        elif tag in HEADING_TAGS:
            self._flush()
            self._level = HEADING_TAGS[tag]

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1
        elif tag in HEADING_TAGS:
            self._flush()

    def handle_data(self, data):
        if not self._skip:
            self._text.append(data)

    def _flush(self):
        text = " ".join("".join(self._text).split())
        if text or self._level is not None:
            self.items.append((self._level, text))
        self._level, self._text = None, []

    def close(self):
        super().close()
        self._flush()


def _html_items(body: str) -> list[tuple[int | None, str]]:
    parser = _Outline()
    parser.feed(body)
    parser.close()
    return parser.items


def _markdown_items(body: str) -> list[tuple[int | None, str]]:
    heading = re.match(r"^(#{1,6})\s+(.*)$", body.strip())
    return [(len(heading.group(1)), heading.group(2))] if heading else [(None, body)]


def outline(node) -> list[tuple[int | None, str]]:
    """The page in reading order: each heading with its level, and each other thing that shows some text."""
    kind = getattr(node, "type", "")
    proto = getattr(node, "proto", None)
    if kind in ELEMENT_LEVELS or (kind == "heading" and getattr(proto, "tag", "")):
        level = ELEMENT_LEVELS.get(kind) or HEADING_TAGS.get(proto.tag, 2)
        return [(level, node.value)]
    if kind == "html":
        return _html_items(proto.body)
    if kind == "markdown":
        return _markdown_items(node.value)
    children = getattr(node, "children", None)
    if children is None:  # any other element (a chart, a widget, a caption) shows something
        return [(None, kind)]
    items = [item for child in children.values() for item in outline(child)]
    label = getattr(node, "label", None) or getattr(proto, "label", None) if kind == "expandable" else None
    return ([(None, label)] if label and items else []) + items


def empty_headings(items: list[tuple[int | None, str]]) -> list[str]:
    """Headings followed by nothing before the next heading of the same or a higher level (or the page's end)."""
    if (None, "divider") in items:  # the page's own content ends where the footer's divider begins
        items = items[:len(items) - items[::-1].index((None, "divider")) - 1]
    empty = []
    for i, (level, text) in enumerate(items):
        if level is None:
            continue
        rest = items[i + 1:]
        end = next((j for j, (other, _) in enumerate(rest) if other is not None and other <= level), len(rest))
        if not any(other is None for other, _ in rest[:end]):
            empty.append(text)
    return empty


@pytest.fixture(scope="module", params=list(SHAPES))
def shape(request, tmp_path_factory) -> tuple[str, Path, Path]:
    folder = tmp_path_factory.mktemp(f"shape-{request.param}")
    data = generate(folder / "data", **SHAPES[request.param])
    result = build(data, folder / "evidence.duckdb")
    assert result.ok, "\n".join(map(str, result.problems))
    return request.param, folder / "evidence.duckdb", data


def test_the_outline_reader_sees_a_heading_over_nothing():
    items = _html_items("<h2>Kept</h2><p>text</p><h2>Over nothing</h2><ul></ul><h2>Last</h2><h3>Sub</h3>")
    assert empty_headings(items) == ["Over nothing", "Last", "Sub"]
    assert empty_headings(items[:2] + [(None, "divider"), (None, "the footer")]) == []
    assert empty_headings([(2, "Over the footer"), (None, "divider"), (None, "the footer")]) == ["Over the footer"]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_of_every_shape_runs_with_no_heading_over_nothing(monkeypatch, shape, name):
    _, db, data = shape
    point_app_at(monkeypatch, db, data)
    at = open_page(name)  # checks that no exception was raised
    assert not empty_headings(outline(at.main)), f"{name}: headings over nothing"


def test_a_study_with_no_quotes_and_the_last_theme_show_no_heading_over_nothing(monkeypatch, shape):
    name, db, data = shape
    point_app_at(monkeypatch, db, data)
    with duckdb.connect(str(db), read_only=True) as con:
        bare = con.execute("select s.id from studies s where s.included and not exists "
                           "(select 1 from quotes q where q.study_id = s.id) order by s.position").fetchall()
        last = con.execute("select id from themes order by number desc limit 1").fetchone()[0]
    views = [("themes", {"theme": last})] + [("studies", {"study": study}) for (study,) in bare[:1]]
    assert bare or name == "small", "the large shape has studies without quotes"
    for page, query in views:
        at = open_page(page, **query)
        assert not empty_headings(outline(at.main)), (page, query)
        headings = [text for level, text in outline(at.main) if level is not None]
        assert page != "studies" or not any(h.startswith("Quotes from this study") for h in headings), headings


def slide_html(at) -> str:
    """The HTML of the slide a run of the presentation shows."""
    return next(h.proto.body for h in at.html if '<section class="ev-slide ' in h.proto.body)


def test_every_slide_of_every_shape_has_something_under_its_title(monkeypatch, shape):
    _, db, data = shape
    point_app_at(monkeypatch, db, data)
    total = int(re.search(r"Slide 1 of (\d+)", slide_html(open_page("present"))).group(1))
    for number in range(1, total + 1):
        slide = slide_html(open_page("present", slide=str(number)))
        assert not empty_headings([i for i in _html_items(slide) if not i[1].startswith(("Slide ", "Source: "))]), \
            f"slide {number}"
        assert "lists none" not in slide, f"slide {number} says it has nothing to show"


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5])
def test_prisma_source_boxes_never_overlap_and_hold_their_text(shape, count):
    _, db, _ = shape
    flow = queries.run_query("prisma_flow", db_path=db)
    sources = flow[flow.step == "source"]
    flow = flow[(flow.step != "source") | flow.position.isin(list(sources.position)[:count])]
    boxes = prisma_boxes(flow)
    assert len(boxes[boxes.column == "source"]) == min(count, len(sources))
    drawn = list(boxes.itertuples(index=False))
    for i, a in enumerate(drawn):
        lines = a.wrapped.split("\n")
        assert max(map(len, lines)) * CHAR_W <= a.x2 - a.x and len(lines) * LINE_H <= a.y2 - a.y, a.label
        for b in drawn[i + 1:]:
            assert min(a.x2, b.x2) <= max(a.x, b.x) or min(a.y2, b.y2) <= max(a.y, b.y), (a.label, b.label)


def test_the_synthetic_review_has_no_heading_over_nothing(monkeypatch, review_dbs):
    point_app_at(monkeypatch, review_dbs["synthetic"], SYNTHETIC)
    found = {name: empty_headings(outline(open_page(name).main)) for name in PAGES}
    assert not any(found.values()), found
