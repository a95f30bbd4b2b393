"""The web API against a served app (`streamlit run serve.py`, not a mocked app), on both test reviews: every route
in JSON and CSV, the quotes route matching the explorer's results for every filter value, cursors paging through a
whole result exactly once, a rebuild mid-paging reported, crafted parameters answered 400 in JSON, CORS off unless
configured, and docs/API.md generated from the declarations."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

import api
import queries
from components.quote_filters import query_of
from components.url_state import Choice, Number, Search
from evidence.build import build
from tests.browser.conftest import served
from tests.conftest import REVIEWS, html_text, open_page, point_app_at, quote_ids_shown


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def get_json(url: str) -> tuple[int, dict]:
    status, headers, body = fetch(url)
    assert headers.get("content-type", "").startswith("application/json"), (url, status, body[:200])
    return status, json.loads(body)


@pytest.fixture(scope="module", params=list(REVIEWS))
def server(request, tmp_path_factory):
    """The app served over one review: its base URL, the review's name and its database."""
    folder = tmp_path_factory.mktemp(f"api-{request.param}")
    with served(folder, REVIEWS[request.param]) as url:
        yield url, request.param, folder / "evidence.duckdb"


@pytest.fixture
def explorer(server, monkeypatch):
    """The explorer's own filter specs and query, over the served database."""
    url, name, db = server
    point_app_at(monkeypatch, db, REVIEWS[name])
    from components.quote_filters import quote_filters

    yield quote_filters()
    queries.close_all()


def all_quotes(base: str, query: list[tuple[str, str]], fmt: str = ".json") -> list[str]:
    """Every quote id the API gives for `query`, following `next` to the end."""
    ids, url = [], f"{base}/api/v1/quotes{fmt}?" + urlencode([*query, ("limit", "7")])
    while url:
        status, body = get_json(url)
        assert status == 200, body
        ids += [row["id"] for row in body["rows"]]
        url = body["next"] and base + body["next"]
    return ids


def test_every_route_answers_json_and_csv_with_its_envelope_and_stable_keys(server):
    base, name, _ = server
    for listing in api.LISTINGS:
        status, body = get_json(f"{base}/api/v1/{listing.name}")
        assert status == 200, body
        assert {"api", "data_version", "layout_version", "citation", "total", "next", "rows"} <= set(body)
        assert len(body["data_version"]) == 12 and body["citation"]
        for row in body["rows"]:
            assert set(listing.stable) <= set(row), (listing.name, set(listing.stable) - set(row))
        status, headers, text = fetch(f"{base}/api/v1/{listing.name}.csv")
        assert status == 200 and headers["content-type"].startswith("text/csv")
        assert headers["x-data-version"] == body["data_version"]
        if listing.name != "quotes":  # quotes: the explorer's own CSV, checked against the JSON below
            table = list(csv.DictReader(io.StringIO(text.decode())))
            assert len(table) == min(len(body["rows"]), body["limit"])
            if "id" in listing.stable:
                assert [r["id"] for r in table] == [r["id"] for r in body["rows"]]
    status, body = get_json(f"{base}/api/v1/openapi.json")
    assert status == 200 and {f"/api/v1/{n.name}.csv" for n in api.LISTINGS} <= set(body["paths"])


def _cases(filters) -> list[list[tuple[str, str]]]:
    """One query per value of every filter, one with two values, and a few combined."""
    cases = [[]]
    for spec in filters:
        if isinstance(spec, Choice):
            cases += [[(spec.key, value)] for value in spec.options]
            cases.append([(spec.key, value) for value in list(spec.options)[:2]])
        elif isinstance(spec, Number):
            cases += [[(spec.key, str(value))] for value in spec.options]
        elif isinstance(spec, Search):
            cases += [[(spec.key, "the")], [(spec.key, "a b")], [(spec.key, "zzzz-nothing")]]
    first = {spec.key: next(iter(spec.options)) for spec in filters if isinstance(spec, Choice) and spec.options}
    cases.append([("theme", first["theme"]), ("q", "e")])
    quality = next(spec for spec in filters if spec.key == "min_quality")
    cases.append([("study", first["study"]), ("min_quality", str(quality.options[-1]))])
    return cases


def _values(filters, query: list[tuple[str, str]]) -> dict:
    values = {}
    for spec in filters:
        given = [v for k, v in query if k == spec.key]
        values[spec.key] = given if isinstance(spec, Choice) else (int(given[-1]) if given else None) if isinstance(
            spec, Number) else (given[-1] if given else "")
    return values


def test_the_quotes_route_gives_the_explorers_quotes_in_its_order_for_every_filter(server, explorer):
    base, _, _ = server
    filters, _ = explorer
    for query in _cases(list(filters)):
        expected = queries.filtered_quotes(None, 0, **query_of(_values(filters, query), []))
        expected = [i for i in expected.id if i is not None]
        assert all_quotes(base, query) == expected, query


def test_a_link_copied_from_the_explorer_gives_the_quotes_the_page_shows(server, explorer):
    base, _, _ = server
    filters, _ = explorer
    theme = next(iter(filters[0].options))
    for query in ({"theme": theme, "size": "50"}, {"q": "e", "size": "10", "page": "2"}, {}):
        at = open_page("quotes", **query)
        link = re.search(r'id="quotes-api-link">([^<]*)</pre>', html_text(at)).group(1)
        assert link.startswith("/api/v1/quotes.json?")  # AppTest has no address: the link is from the root
        status, body = get_json(base + html.unescape(link))
        assert status == 200 and [row["id"] for row in body["rows"]] == quote_ids_shown(at), query


def test_csv_and_json_agree_and_cursors_page_through_everything_exactly_once(server):
    base, _, _ = server
    ids = all_quotes(base, [])
    status, body = get_json(f"{base}/api/v1/quotes?limit=500")
    assert ids == [row["id"] for row in body["rows"]] and len(ids) == len(set(ids)) == body["total"]
    csv_ids, url = [], f"{base}/api/v1/quotes.csv?limit=5"
    while url:
        status, headers, text = fetch(url)
        csv_ids += [row["id"] for row in csv.DictReader(io.StringIO(text.decode()))]
        link = headers.get("link")
        url = link and base + link.split(">")[0].lstrip("<")
    assert csv_ids == ids


def test_a_quote_about_distressing_content_carries_its_content_note(server):
    base, name, _ = server
    status, body = get_json(f"{base}/api/v1/quotes?limit=500")
    noted = [row for row in body["rows"] if row["content_note"]]
    assert name != "bundled" or noted  # the bundled review has quotes behind a content note
    assert all(isinstance(row["content_note"], str) for row in noted)


CRAFTED = [
    "thme=x", "theme=nope", "theme=%00", "subtheme=x", "study=", "study=%3Cscript%3E", "min_quality=-1",
    "min_quality=1e3", "min_quality=%D9%A3", "min_quality=99999999999", "confidence=0", "q=" + "x" * 201,
    "limit=0", "limit=501", "limit=abc", "limit=1_0", "cursor=", "cursor=abc", "cursor=W10", "cursor=%FF%FE",
    "page=0", "page=999", "size=7", "page=2&cursor=abc", "quote=" + "&quote=".join(["q"] * 51), "format=csv",
    "theme[]=x", "__proto__=1", "limit=1&limit=9999", "size=50&limit=5",
]


@pytest.mark.parametrize("query", CRAFTED)
def test_a_crafted_parameter_gets_a_400_json_body_naming_it_never_a_500(server, query):
    base, _, _ = server
    status, body = get_json(f"{base}/api/v1/quotes?{query}")
    assert status == 400, (query, body)
    error = body["error"]
    assert error["code"] in ("unknown_parameter", "bad_value", "value_too_long", "bad_cursor")
    assert error["message"] and "Traceback" not in json.dumps(body) and "/work" not in json.dumps(body)
    if error["code"] in ("unknown_parameter", "bad_value"):
        assert error["parameter"] and "allowed" in error


def test_routes_and_formats_it_lacks_and_long_queries_are_named_too(server):
    base, _, _ = server
    assert get_json(f"{base}/api/v1/nothing")[0] == 404
    assert get_json(f"{base}/api/v1/quotes.xml")[0] == 404
    assert get_json(f"{base}/api/v1/studies?theme=x")[0] == 400
    status, body = get_json(f"{base}/api/v1/quotes?q=" + "x" * 5000)
    assert status == 414 and body["error"]["code"] == "query_too_long"
    assert fetch(f"{base}/_stcore/metrics")[0] == 404  # still private beside the API
    status, headers, _ = fetch(f"{base}/api/v1/quotes", {"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in headers  # CORS is off by default


def test_a_rebuild_mid_paging_is_reported_and_cors_follows_its_setting(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REVIEWS["synthetic"], data)
    with served(tmp_path, data, EVIDENCE_API_CORS="https://guideline.example") as base:
        status, first = get_json(f"{base}/api/v1/quotes?limit=3")
        assert status == 200 and first["next"]
        status, headers, _ = fetch(f"{base}/api/v1/quotes", {"Origin": "https://guideline.example"})
        assert headers.get("access-control-allow-origin") == "https://guideline.example"
        quotes = data / "quotes.yaml"
        quotes.write_text(quotes.read_text(encoding="utf-8").replace("(1)", "(one)", 1), encoding="utf-8")
        assert build(data, tmp_path / "evidence.duckdb").ok
        status, body = get_json(base + first["next"])
        assert status == 409 and body["error"]["code"] == "data_changed"
        assert body["error"]["then"] == first["data_version"] != body["error"]["now"] == body["data_version"]
        damaged = tmp_path / "damaged.duckdb"  # a file that is no database takes the place of the good one
        damaged.write_bytes(b"not a database" * 1000)
        damaged.replace(tmp_path / "evidence.duckdb")
        status, body = get_json(f"{base}/api/v1/quotes")  # rebuilt from the sources, as the app would
        assert status == 200 and body["total"] > 0
        quotes.write_text("quotes: [unclosed\n", encoding="utf-8")  # and now the sources cannot be built either
        damaged.write_bytes(b"not a database" * 1000)
        damaged.replace(tmp_path / "evidence.duckdb")
        status, body = get_json(f"{base}/api/v1/quotes")
        assert status == 503 and body["error"]["code"] == "no_database" and "Traceback" not in json.dumps(body)
        assert "python -m evidence check" in body["error"]["message"]


def test_docs_api_md_is_generated_from_the_route_declarations():
    doc = Path(api.DOC_FILE).read_text(encoding="utf-8")
    assert doc == api.reference(), "docs/API.md is stale: run python api.py"
    for listing in api.LISTINGS:
        assert f"### `/api/v1/{listing.name}`" in doc


def test_the_findings_route_gives_the_findings_pages_rows_for_every_filter(server, explorer):
    """The findings route reads the findings page's keys (confidence, theme) and answers from its query."""
    base, name, db = server
    every = queries.run_query("findings", confidence=None, themes=None)
    cases = [{}] + [{"confidence": level} for level in every.confidence.dropna().unique()] + \
        [{"theme": theme} for theme in every.theme_id.dropna().unique()]
    if every.confidence.isna().any():
        cases.append({"confidence": "not_assessed"})
    for case in cases:
        expected = queries.run_query("findings", confidence=[case["confidence"]] if "confidence" in case else None,
                                     themes=[case["theme"]] if "theme" in case else None)
        status, body = get_json(f"{base}/api/v1/findings?" + urlencode(case))
        assert status == 200 and [row["id"] for row in body["rows"]] == list(expected.id), case
        assert all("judgements" in row for row in body["rows"])
    assert name == "bundled" or len(cases) > 3  # the synthetic review's findings are judged at several levels


def test_every_answer_under_api_is_json_even_for_an_address_or_method_it_lacks(server):
    base, _, _ = server
    status, body = get_json(f"{base}/api/v1")
    assert status == 200 and "quotes" in body["routes"]
    for path in ("/api/v2/quotes", "/api/nope", "/api", "/api/v1/quotes/extra"):
        status, body = get_json(base + path)
        assert status == 404 and body["error"]["code"] == "not_found", path
    request = urllib.request.Request(f"{base}/api/v1/quotes", data=b"x", method="POST")
    try:
        urllib.request.urlopen(request, timeout=30)
    except urllib.error.HTTPError as error:
        assert error.code == 405 and json.loads(error.read())["error"]["code"] == "method_not_allowed"
    else:
        pytest.fail("a POST was answered")


def test_values_a_program_may_ask_for_are_answered_and_what_a_review_lacks_is_said(server):
    base, name, _ = server
    status, body = get_json(f"{base}/api/v1/findings?confidence=not_assessed")
    assert status == 200  # a valid level with no finding is no rows, not an error
    status, themes = get_json(f"{base}/api/v1/themes")
    for theme in themes["rows"]:
        assert get_json(f"{base}/api/v1/findings?theme={theme['id']}")[0] == 200
    status, body = get_json(f"{base}/api/v1/quotes?quote=zzz-no-such-quote")
    assert status == 400 and body["error"]["missing"] == ["zzz-no-such-quote"]
    status, body = get_json(f"{base}/api/v1/quotes?confidence=1")
    if name == "bundled":  # its findings are not assessed: the filter is documented but not offered
        assert status == 400 and "declares" in body["error"]["message"]
    else:  # a level by its id, as the findings route names it, or by its rank, as the explorer's link does
        levels = queries.run_query("confidence_levels", db_path=server[2])
        for level, rank in zip(levels.id, levels.position, strict=True):
            by_id, by_rank = (all_quotes(base, [("confidence", v)]) for v in (level, str(rank)))
            assert by_id == by_rank, level
        assert by_id and status == 200


def test_a_server_with_no_database_yet_builds_it_on_the_first_api_call(tmp_path):
    with served(tmp_path, REVIEWS["synthetic"], prebuilt=False) as base:
        assert not (tmp_path / "evidence.duckdb").exists()
        status, body = get_json(f"{base}/api/v1/version")
        assert status == 200 and body["rows"][0]["data_version"] == body["data_version"]
        assert (tmp_path / "evidence.duckdb").exists()
