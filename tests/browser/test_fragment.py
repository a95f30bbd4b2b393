"""A filter change in the quote explorer reruns the explorer's part alone (a Streamlit fragment), over the real
server and its websocket, as a browser's messages would: nothing else of the page is run or sent again, it shows
what the link to the same view shows, and the router's care for the database (its check against the sources, the
rebuild of a damaged file) still happens in such a run."""

from __future__ import annotations

import shutil
from urllib.parse import parse_qs

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from scripts.benchmark_flood import connect
from scripts.benchmark_protocol import Choices, Page, interact
from tests.browser.conftest import ROOT, served
from tests.browser.test_server import off_loop
from tests.test_bootstrap import _corrupt_middle, _current

pytestmark = pytest.mark.browser

NOT_THE_FRAGMENT = ("navigation", "page_config_changed")  # the router's own messages


def drawn(answer: list[ForwardMsg], kind: str) -> list:
    """The elements of one kind the answer draws, in order."""
    return [getattr(m.delta.new_element, kind) for m in answer if m.WhichOneof("type") == "delta"
            and m.delta.WhichOneof("type") == "new_element" and m.delta.new_element.WhichOneof("type") == kind]


def shown(answer: list[ForwardMsg]) -> tuple[list[str], str]:
    """The headings and the quote cards' HTML an answer draws."""
    cards = [h.body for h in drawn(answer, "html") if 'class="quote-card"' in h.body]
    return [h.body for h in drawn(answer, "heading")], "".join(cards)


async def open_explorer(url: str) -> tuple[object, Page, set]:
    ws = await connect(url)
    page, cached = Page(), set()
    await interact(ws, "", cached, None, timeout=60, page=page)
    return ws, page, cached


async def choose_theme(url: str, option: int = 0) -> tuple[list[ForwardMsg], list[ForwardMsg], Page]:
    """Choose a theme in the explorer's filter, as a browser sends it; then, in another session, follow the link to
    the address that change wrote. Both answers, and what the first session knew of the page."""
    ws, page, cached = await open_explorer(url)
    try:
        choices = Choices({"quotes_theme": [page.options["quotes_theme"][option]]})
        changed = await interact(ws, choices.message(page, "quotes_theme", cached), cached, None, timeout=60, page=page)
    finally:
        await ws.close()
    linked_ws, linked_page, _ = await open_explorer(url)
    try:
        linked = await interact(linked_ws, page.query, set(), None, timeout=60, page=linked_page)
    finally:
        await linked_ws.close()
    return changed, linked, page


@pytest.mark.parametrize("review", ["app_url", "synthetic_url"])
def test_a_filter_change_reruns_the_explorer_alone_and_shows_what_its_link_shows(review, request):
    url = request.getfixturevalue(review)
    changed, linked, page = off_loop(choose_theme(url, option=-1))
    kinds = [m.WhichOneof("type") for m in changed]
    assert not set(NOT_THE_FRAGMENT) & set(kinds), f"the router ran again for a filter change: {kinds}"
    fragment = page.fragment["quotes_theme"]
    deltas = [m for m in changed if m.WhichOneof("type") == "delta"]
    assert fragment and deltas and {m.delta.fragment_id for m in deltas} == {fragment}, \
        "every element of the answer is the explorer's own part"
    assert not drawn(changed, "exception") and not drawn(linked, "exception")
    assert len(changed) < len(linked), "a filter change sends less than a full run of the page"
    # The address the change wrote names the theme, and following it shows the same quotes
    assert parse_qs(page.query).get("theme"), page.query
    (headings, cards), (linked_headings, linked_cards) = shown(changed), shown(linked)
    assert cards and cards == linked_cards
    assert headings[-1] == linked_headings[-1] and "matching quote" in headings[-1]
    assert set(NOT_THE_FRAGMENT) <= {m.WhichOneof("type") for m in linked}, "a link is a full run of the page"


@pytest.fixture
def own_server(tmp_path):
    """A server of its own over a copy of the bundled review's sources, which a test may edit or damage."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("*.duckdb*"))
    with served(tmp_path, data) as url:
        yield url, data, tmp_path / "evidence.duckdb"


async def change_after(url: str, harm, search: str | None = None) -> list[ForwardMsg]:
    """Open the explorer, `harm()` the review's files, then change a filter (choose the first theme, or search):
    the answer to that change."""
    ws, page, cached = await open_explorer(url)
    try:
        harm()
        choices = Choices({"quotes_q": search} if search else {"quotes_theme": [page.options["quotes_theme"][0]]})
        key = "quotes_q" if search else "quotes_theme"
        return await interact(ws, choices.message(page, key, cached), cached, None, timeout=60, page=page)
    finally:
        await ws.close()


def test_a_source_edited_between_two_filter_changes_is_built_and_shown(own_server):
    """The router checks the database against the YAML on each run; a filter change that reruns the explorer
    alone checks it too, so the edit shows at once, not after the next page load."""
    url, data, _ = own_server
    themes = data / "themes.yaml"
    text = themes.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.strip().startswith("name:"))
    renamed = first.replace("name:", "name: Edited", 1)

    def edit() -> None:
        themes.write_text(text.replace(first, renamed, 1), encoding="utf-8")

    answer = off_loop(change_after(url, edit))
    assert not drawn(answer, "exception")
    _, cards = shown(answer)
    assert "Edited" in cards, "the filter change showed the database built before the edit"


def test_a_database_damaged_before_a_filter_change_is_rebuilt_and_the_quotes_shown(own_server):
    """Damaged with its size and time kept, so nothing about the file looks changed: a search (whose word index the
    page has not read before, so it comes from the file) meets the damage in a run of the explorer alone, which
    becomes a run of the whole app, whose router rebuilds the file."""
    url, data, db = own_server
    answer = off_loop(change_after(url, lambda: _corrupt_middle(db, keep_stamp=True, everything=True), "the"))
    assert not drawn(answer, "exception"), "the damage reached the reader as an error"
    _, cards = shown(answer)
    assert cards, "no quotes shown after the rebuild"
    assert _current(db, data)


WIDGETS = ("multiselect", "selectbox", "text_input", "pagination")


async def rerun_twice(url: str) -> tuple[list[ForwardMsg], list[ForwardMsg]]:
    """Open the explorer and send the same filters twice (nothing chosen): both answers."""
    ws, page, cached = await open_explorer(url)
    try:
        choices = Choices({"quotes_q": ""})
        first = await interact(ws, choices.message(page, "quotes_q", cached), cached, None, timeout=60, page=page)
        second = await interact(ws, choices.message(page, "quotes_q", cached), cached, None, timeout=60, page=page)
        return first, second
    finally:
        await ws.close()


@pytest.mark.parametrize("review", ["app_url", "synthetic_url"])
def test_a_widget_whose_value_did_not_change_is_sent_as_it_was(review, request):
    """The browser reuses an element sent again unchanged (the same hash) and draws it afresh when its value was set
    from code (`set_value`): each filter list drawn afresh rebuilt its options on every change of any filter. So the
    page writes a widget's value only when it changes: the filters (components/filter_bar) and the pagers
    (components/paging)."""
    first, second = off_loop(rerun_twice(request.getfixturevalue(review)))

    def widgets(answer):
        return {tuple(m.metadata.delta_path): m for m in answer if m.WhichOneof("type") == "delta"
                and m.delta.WhichOneof("type") == "new_element" and m.delta.new_element.WhichOneof("type") in WIDGETS}

    before, after = widgets(first), widgets(second)
    kinds = sorted(m.delta.new_element.WhichOneof("type") for m in after.values())
    assert kinds.count("multiselect") >= 3 and "pagination" in kinds, kinds
    for path, message in after.items():
        kind = message.delta.new_element.WhichOneof("type")
        widget = getattr(message.delta.new_element, kind)
        assert not widget.set_value, f"the {kind} {widget.id} had its value set from code in a run that changed nothing"
        assert path in before and before[path].hash == message.hash, f"the {kind} {widget.id} was sent changed"
