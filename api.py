"""The evidence as a read-only web API under /api/v1/, served by serve.py beside the app in the same process.

Every list is JSON (`/api/v1/NAME` or `NAME.json`) and CSV (`NAME.csv`). Each reads the same database file as the
pages, through the same named queries, so it answers for the same data version. The quotes route reads the quote
explorer's own URL keys with the explorer's own filter specs (components/quote_filters.py): a link copied from the
explorer works as an API call and gives the same quotes in the same order.

- Envelope: every JSON answer carries the data version, the layout version and the review's citation. Lists page
  with `limit` (at most 500) and an opaque `next` cursor; a cursor written before a rebuild is refused (409) rather
  than mixing versions.
- Errors a program can act on: an unknown key or value is a 400 with a JSON body naming it and what is allowed,
  with the notice the page would show. Never a traceback or a path.
- Safe by default: GET only; the query string is bounded (4,096 characters); a query taking longer than 10 s is
  answered 503; CORS is off unless EVIDENCE_API_CORS names origins; a distressing quote carries its content note.

Run `python api.py` to write docs/API.md from the declarations below (a test checks it is current).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import csv
import hashlib
import io
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import anyio
import duckdb
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route

import queries
from components import url_state
from components.quote_filters import MAX_LINKED_QUOTES, PAGING, narrowed, query_of, quote_filters
from evidence import settings
from evidence.build import ensure_built
from evidence.citations import review_reference
from evidence.confidence import method_of
from evidence.database import DamagedDatabase, data_version
from evidence.exports import About, quote_records, quotes_csv, safe_cell
from queries import given, per_version, run_once, run_rows

PREFIX = "/api/v1"
DEFAULT_LIMIT, MAX_LIMIT = 100, 500
MAX_QUERY_CHARS = 4096
QUERY_SECONDS = 10.0
MAX_VALUE_CHARS = 200
PAGING_KEYS = ("limit", "cursor")
CLAIM_KINDS = ("theme_summary", "construct", "line_of_argument", "stigma_type", "review_point", "evidence_note",
               "talking_point", "leaflet_section")
DOC_FILE = Path(__file__).resolve().parent / "docs" / "API.md"
LOG = logging.getLogger(__name__)


class ApiError(Exception):
    """An answer other than 200: its status, a code a program can switch on, a sentence, and any details."""

    def __init__(self, status: int, code: str, message: str, **details):
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details


# --- the data version and the envelope ------------------------------------------------------------------------------

def _about_version() -> dict:
    build = run_once("build_info").iloc[0]
    review = next(run_once("review").itertuples(index=False))
    return {"data_version": data_version(build.source_hash), "layout_version": int(build.schema_version),
            "built_at": f"{build.built_at:%Y-%m-%dT%H:%M:%SZ}", "citation": review_reference(review)[0],
            "short_citation": review.short_citation}


def about_version() -> dict:
    """The data version, layout version and citation of the database file served now (read once per version)."""
    return per_version("api:version", _about_version)


def envelope(route: str) -> dict:
    about = about_version()
    return {"api": "v1", "route": route, "data_version": about["data_version"],
            "layout_version": about["layout_version"], "citation": about["citation"]}


# --- reading a request ---------------------------------------------------------------------------------------------

@dataclass
class Asked:
    """A request's query: each key's values in order, and the keys the route accepts."""

    pairs: list[tuple[str, str]]

    def get_all(self, key: str) -> list[str]:
        return [v for k, v in self.pairs if k == key]

    def refuse_unknown(self, allowed: list[str], documented: tuple = ()) -> None:
        for key, _ in self.pairs:
            if key in documented and key not in allowed:
                raise ApiError(400, "unknown_parameter", f"'{key[:40]}' filters only a review that declares what "
                               "it filters by (coded types, source types, assessed findings); this one does not",
                               parameter=key[:40], allowed=allowed)
            if key not in allowed:
                raise ApiError(400, "unknown_parameter", f"'{key[:40]}' is not a parameter of this route",
                               parameter=key[:40], allowed=allowed)
        for key, value in self.pairs:
            if len(value) > MAX_VALUE_CHARS:
                raise ApiError(400, "value_too_long", f"{key}: a value may hold at most {MAX_VALUE_CHARS} characters",
                               parameter=key)


def _allowed(spec) -> object:
    if isinstance(spec, url_state.Choice):
        return list(spec.options)
    if isinstance(spec, url_state.Number):
        return list(spec.options) if spec.options else {"from": spec.low, "to": spec.high}
    return f"text of at most {url_state.MAX_TEXT} characters"


def read_filters(asked: Asked, specs) -> dict:
    """Each filter's value as the page reads it; any notice the page would show is a 400 naming the key."""
    values = {}
    for spec in specs:
        state = url_state.read([spec], asked.get_all)
        if state.notices:  # the page would use the rest and say so; a program gets told instead
            raise ApiError(400, "bad_value", f"'{spec.key}' holds a value this route does not take",
                           parameter=spec.key, allowed=_allowed(spec), page_notice=state.notices[0])
        values[spec.key] = state.values[spec.key]
    return values


@dataclass
class Page:
    limit: int
    offset: int


def _signature(pairs: list[tuple[str, str]]) -> str:
    kept = sorted((k, v) for k, v in pairs if k not in (*PAGING_KEYS, "page", "size"))
    return hashlib.sha256(json.dumps(kept).encode()).hexdigest()[:16]


def cursor_for(offset: int, pairs: list[tuple[str, str]]) -> str:
    raw = json.dumps([about_version()["data_version"], offset, _signature(pairs)]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def read_page(asked: Asked) -> Page:
    """The limit and offset asked: `limit` (1 to 500) and an opaque `cursor` from a `next` link."""
    limit = url_state.read([url_state.Number("limit", "limit", 1, MAX_LIMIT)], asked.get_all)
    if limit.notices:
        raise ApiError(400, "bad_value", "'limit' holds a value this route does not take", parameter="limit",
                       allowed={"from": 1, "to": MAX_LIMIT}, page_notice=limit.notices[0])
    size = limit.values["limit"] or DEFAULT_LIMIT
    cursors = asked.get_all("cursor")
    if not cursors:
        return Page(size, 0)
    try:
        version, offset, signature = json.loads(base64.urlsafe_b64decode(cursors[-1] + "=" * (-len(cursors[-1]) % 4)))
        offset = int(offset)
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError):
        raise ApiError(400, "bad_cursor", "cursor is not one this API wrote: follow the `next` link of the previous "
                       "page", parameter="cursor") from None
    if version != about_version()["data_version"]:
        raise ApiError(409, "data_changed", f"the data changed since this cursor was written (data version {version} "
                       f"then, {about_version()['data_version']} now): start again from the first page, so no page "
                       "mixes versions", then=version, now=about_version()["data_version"])
    if signature != _signature(asked.pairs) or offset < 0:
        raise ApiError(400, "bad_cursor", "cursor belongs to other parameters: keep every parameter of the `next` "
                       "link as it is", parameter="cursor")
    return Page(size, offset)


def next_link(route: str, fmt: str, asked: Asked, page: Page, shown: int, total: int) -> str | None:
    if page.offset + shown >= total or not shown:
        return None
    pairs = [(k, v) for k, v in asked.pairs if k != "cursor"]
    return f"{PREFIX}/{route}{fmt}?" + urlencode([*pairs, ("cursor", cursor_for(page.offset + shown, asked.pairs))])


# --- routes ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Param:
    name: str
    meaning: str


@dataclass(frozen=True)
class Listing:
    """One route: its name (the path below /api/v1/), what it lists, the parameters it reads, an example query, and
    the row keys promised not to change within v1."""

    name: str
    summary: str
    stable: tuple[str, ...]
    params: tuple[Param, ...] = ()
    example: str = ""
    rows: Callable[[Asked], tuple[list[dict], dict]] | None = field(default=None, compare=False)
    paged: bool = True


def _dicts(rows) -> list[dict]:
    return [row._asdict() for row in rows]


def _fixed(name: str, make: Callable[[], list[dict]]) -> Callable[[Asked], tuple[list[dict], dict]]:
    """A list with no filters of its own: read once per data version."""
    def rows(asked: Asked) -> tuple[list[dict], dict]:
        asked.refuse_unknown(list(PAGING_KEYS))
        return per_version(f"api:{name}", make), {}
    return rows


def _statements() -> list[dict]:
    return _dicts(run_rows("statements"))


def _claims() -> list[dict]:
    claims = []
    for kind in CLAIM_KINDS:
        claims += [{"claim_kind": kind, **row} for row in _dicts(run_rows("claim_support", claim_kind=kind))]
    return claims


def _prisma() -> list[dict]:
    return _dicts(run_rows("prisma_flow"))


def _finding_specs() -> list:
    """The findings page's filters, with every value a program may ask for: each overall level of the review's
    method, not_assessed, and every theme (a value no finding has gives no rows, not an error)."""
    assessed = run_once("confidence_levels")
    method = method_of(None if assessed.empty else {"method": assessed.method.iloc[0]})
    levels = {level.id: level.label for level in method.overall} | {"not_assessed": "not assessed"}
    themes = run_once("themes_overview")
    return [url_state.Choice("confidence", "Confidence", levels),
            url_state.Choice("theme", "Theme", dict(zip(themes.id, themes.name, strict=True)))]


def _findings(asked: Asked) -> tuple[list[dict], dict]:
    specs = per_version("api:finding_specs", _finding_specs)
    asked.refuse_unknown([s.key for s in specs] + list(PAGING_KEYS))
    values = read_filters(asked, specs)
    judgements: dict[str, list[dict]] = {}
    for row in per_version("api:finding_judgements", lambda: _dicts(run_rows("finding_judgements"))):
        judgements.setdefault(row["finding_id"], []).append({k: v for k, v in row.items() if k != "finding_id"})
    found = _dicts(run_rows("findings", confidence=values["confidence"] or None, themes=values["theme"] or None))
    return [{**f, "judgements": judgements.get(f["id"], [])} for f in found], values


def _review(asked: Asked) -> tuple[list[dict], dict]:
    asked.refuse_unknown([])
    return [{**_dicts(run_rows("review"))[0], "citation": about_version()["citation"]}], {}


def _version(asked: Asked) -> tuple[list[dict], dict]:
    asked.refuse_unknown([])
    return [{k: about_version()[k] for k in ("data_version", "layout_version", "built_at")}], {}


QUOTE_PARAMS = (
    Param("theme", "theme id; repeat for any of several"), Param("subtheme", "subtheme id (of the chosen themes)"),
    Param("study", "study id"), Param("stigma", "coded type id, where the review codes types"),
    Param("source", "source type id, where the review declares them"),
    Param("min_quality", "minimum study quality score: one of the included studies' scores (the page's choices)"),
    Param("confidence", "supports a finding of at least this level: its id (as the findings route takes it) or its "
                        "rank, 1 the highest (as the explorer's link writes it); where findings are assessed"),
    Param("q", "search the quote texts (literal; case, accents and quote marks aside)"),
    Param("quote", f"quote id; at most {MAX_LINKED_QUOTES}; with no filter, just these quotes"),
    Param("page", "the explorer's page (with size), instead of a cursor"),
    Param("size", "the explorer's page size: 10, 20 or 50"),
)
PAGE_PARAMS = (Param("limit", f"rows per answer, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT})"),
               Param("cursor", "the opaque cursor of a previous answer's `next` link"))

LISTINGS = (
    Listing("quotes", "Quotes matching the quote explorer's filters, in the explorer's order, with their tags, "
            "study quality and content note.",
            ("id", "text", "study", "study_id", "page", "printed_citation", "theme", "theme_id", "subthemes",
             "content_note"), QUOTE_PARAMS + PAGE_PARAMS, "theme={theme}&limit=2"),
    Listing("studies", "Every study: the included ones first, then related evidence, with its characteristics.",
            ("id", "citation", "included", "year", "authors", "title", "quality_score", "quotes"), PAGE_PARAMS,
            "limit=2", _fixed("studies", lambda: _dicts(run_rows("studies")))),
    Listing("themes", "Every theme with its support as the paper states it, its quotes and its subthemes.",
            ("id", "number", "name", "summary", "support_stated", "support_count", "quotes"), PAGE_PARAMS,
            "limit=2", _fixed("themes", lambda: _dicts(run_rows("themes_overview")))),
    Listing("subthemes", "Every subtheme under its theme, with its number of quotes.",
            ("id", "theme_id", "name", "description", "quotes"), PAGE_PARAMS, "limit=2",
            _fixed("subthemes", lambda: _dicts(run_rows("subthemes")))),
    Listing("findings", "The review's summarised findings, each with its confidence as the authors judged it and "
            "its component judgements (none where the review lists no findings).",
            ("id", "number", "text", "theme_id", "confidence", "judgements"),
            (Param("confidence", "an overall level id, or not_assessed"), Param("theme", "theme id"), *PAGE_PARAMS),
            "limit=2", _findings),
    Listing("statements", "Sentences of the paper stored verbatim, with the studies they name.",
            ("id", "section", "text", "quantifier", "study_count"), PAGE_PARAMS, "limit=2",
            _fixed("statements", _statements)),
    Listing("claims", "Every claim written about the evidence (summaries, guidance...), with its relation to what "
            "it rests on and how widely that holds.", ("claim_kind", "claim_id", "relation"), PAGE_PARAMS, "limit=2",
            _fixed("claims", _claims)),
    Listing("prisma", "The PRISMA flow, box by box.", ("position", "step", "label", "n"), PAGE_PARAMS, "",
            _fixed("prisma", _prisma)),
    Listing("review", "The review's metadata and citation: one row.", ("id", "short_citation", "title", "citation"),
            (), "", _review, paged=False),
    Listing("version", "The data version served, its layout version and when it was built: one row.",
            ("data_version", "layout_version", "built_at"), (), "", _version, paged=False),
)
BY_NAME = {listing.name: listing for listing in LISTINGS}


def _ranked(asked: Asked) -> Asked:
    """The query with a confidence level named by its id (moderate), as the findings route takes it, written as its
    rank (2), as the explorer's link writes it: the quotes route takes either."""
    levels = run_once("confidence_levels")
    ranks = dict(zip(levels.id, (str(p) for p in levels.position), strict=True))
    return Asked([(k, ranks.get(v, v) if k == "confidence" else v) for k, v in asked.pairs])


def _quotes(asked: Asked, fmt: str) -> tuple[list[dict], dict, Page, int, object]:
    specs, theme_of_subtheme = quote_filters()
    specs = list(specs)
    asked.refuse_unknown([s.key for s in specs] + ["quote", "page", "size", *PAGING_KEYS],
                         documented=tuple(p.name for p in QUOTE_PARAMS))
    themes = read_filters(asked, specs[:1])["theme"]
    specs[1] = narrowed(specs[1], theme_of_subtheme, themes)
    values = read_filters(_ranked(asked), specs)
    quote_ids = [q for q in asked.get_all("quote") if q]
    if len(quote_ids) > MAX_LINKED_QUOTES:
        raise ApiError(400, "bad_value", f"quote: at most {MAX_LINKED_QUOTES} ids", parameter="quote",
                       allowed={"at_most": MAX_LINKED_QUOTES})
    if quote_ids and any(given(v) for v in values.values()):
        quote_ids = []  # as the page does: filters win over a link's quotes
    paging = read_filters(asked, PAGING)
    if paging["page"] or paging["size"]:
        if asked.get_all("cursor") or asked.get_all("limit"):
            raise ApiError(400, "bad_value", "page and size are the explorer's paging; give them or limit and "
                           "cursor, not both", parameter="page", allowed=[["page", "size"], ["limit", "cursor"]])
        size = paging["size"] or PAGING[1].options[0]
        page = Page(size, ((paging["page"] or 1) - 1) * size)
    else:
        page = read_page(asked)
    # JSON reads each quote's record as the build made it (quote_records); CSV, the explorer's own download.
    params = {**query_of(values, quote_ids), "records": fmt != ".csv" or None}
    frame = run_rows("quotes_filtered", limit=page.limit, offset=page.offset, **params)  # rows: no DataFrame
    total = frame[0].total_matches if frame else 0
    if paging["page"] and page.offset >= total > 0:  # the page would show its last page, with a notice
        pages = -(-total // page.limit)
        there = "is only 1 page" if pages == 1 else f"are only {pages} pages"
        raise ApiError(400, "bad_value", "'page' is past the last page", parameter="page",
                       allowed={"from": 1, "to": pages}, page_notice=f"Page: there {there} of matching quotes")
    chosen = {**values, "quote": quote_ids}
    if quote_ids and total < len(set(quote_ids)):  # the page names each missing id in a notice
        found = {row.id for row in run_rows("quotes_filtered", limit=None, offset=0,
                                            **{**params, "records": None})}
        missing = sorted(set(quote_ids) - found)
        raise ApiError(400, "bad_value", "'quote' names ids no quote has", parameter="quote", missing=missing,
                       allowed="ids of quotes (the id of each row of this route)",
                       page_notice="Quote: no quote matches id " + ", ".join(repr(q[:40]) for q in missing))
    records = [json.loads(row.record) for row in frame if row.record] if params["records"] else quote_records(frame)
    return records, chosen, page, total, frame


def answer(route: str, fmt: str, asked: Asked) -> Response:
    """The answer to one request, computed in a worker thread."""
    if route == "openapi" and fmt == ".json":
        asked.refuse_unknown([])
        return JSONResponse(openapi())
    listing = BY_NAME.get(route)
    if listing is None:
        raise ApiError(404, "not_found", f"no route '{route[:40]}'", allowed=[f"{PREFIX}/{n}" for n in BY_NAME])
    about = envelope(route)
    if route == "quotes":
        rows, chosen, page, total, frame = _quotes(asked, fmt)
        if fmt == ".csv":
            pairs = url_state.link_pairs(chosen)
            body = quotes_csv(frame, About(about_version()["short_citation"], about["data_version"], pairs))
            return _csv_response(body, about, next_link(route, fmt, asked, page, len(rows), total))
    else:
        rows, chosen = listing.rows(asked)
        total = len(rows)
        page = read_page(asked) if listing.paged else Page(max(total, 1), 0)
        rows = rows[page.offset:page.offset + page.limit]
        if fmt == ".csv":
            return _csv_response(_csv(rows, listing), about, next_link(route, fmt, asked, page, len(rows), total))
    following = next_link(route, fmt, asked, page, len(rows), total)
    return JSONResponse({**about, "filters": {k: v for k, v in chosen.items() if given(v)}, "total": total,
                         "limit": page.limit, "offset": page.offset, "next": following, "rows": rows},
                        headers={"X-Data-Version": about["data_version"]})


_BUILDING = threading.Lock()


def answer_built(route: str, fmt: str, asked: Asked) -> Response:
    """`answer`, after building the database if it is missing or damaged, as the app does on its first page (one
    build at a time; a request that meets a build in progress waits for it)."""
    try:
        return answer(route, fmt, asked)
    except (OSError, DamagedDatabase) as problem:
        with _BUILDING:
            result = ensure_built(settings.data_dir(), settings.db_path(),
                                  damaged=isinstance(problem, DamagedDatabase))
        if not result.ok:
            raise
        queries.serve_copy(Path(result.serve_from) if result.serve_from else None)
        return answer(route, fmt, asked)


def _cell(value):
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else safe_cell(value)


def _csv(rows: list[dict], listing: Listing) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    columns = list(rows[0]) if rows else list(listing.stable)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def _csv_response(body: str, about: dict, following: str | None) -> Response:
    headers = {"X-Data-Version": about["data_version"], "X-Layout-Version": str(about["layout_version"])}
    if following:
        headers["Link"] = f'<{following}>; rel="next"'
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)


def _error(error: ApiError) -> JSONResponse:
    body = {"error": {"status": error.status, "code": error.code, "message": error.message, **error.details}}
    with contextlib.suppress(Exception):  # with no database to name, the error alone
        body = {**envelope("error"), **body}
    return JSONResponse(body, status_code=error.status)


async def endpoint(request: Request) -> Response:
    name = request.path_params.get("name", "")
    route, _, suffix = name.partition(".")
    fmt = f".{suffix}" if suffix else ""
    try:
        if fmt not in ("", ".json", ".csv"):
            raise ApiError(404, "not_found", f"no format '{fmt[:10]}': use .json or .csv", allowed=[".json", ".csv"])
        if len(request.url.query) > MAX_QUERY_CHARS:
            raise ApiError(414, "query_too_long", f"the query string may hold at most {MAX_QUERY_CHARS} characters")
        asked = Asked(list(request.query_params.multi_items()))
        started = time.perf_counter()
        with anyio.fail_after(QUERY_SECONDS):
            response = await anyio.to_thread.run_sync(answer_built, route, fmt, asked, abandon_on_cancel=True)
        # The server's own time for the answer, for a benchmark or a browser's network panel to read.
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.2f}"
        return response
    except ApiError as error:
        return _error(error)
    except TimeoutError:
        return _error(ApiError(503, "too_slow", f"the answer took longer than {QUERY_SECONDS:.0f} s: narrow the "
                                                "filters or lower the limit"))
    except (OSError, duckdb.Error, DamagedDatabase):
        return _error(ApiError(503, "no_database", "the evidence database could not be built from its sources: run "
                                                   "python -m evidence check, which names each problem"))
    except Exception:  # a defect of this API: logged on the server; the caller gets JSON, never a traceback
        LOG.exception("web API: %s failed", request.url.path)
        return _error(ApiError(500, "internal", "the answer failed on the server; it has been logged"))


async def index(request: Request) -> Response:
    return JSONResponse({"api": "v1", "routes": {n: f"{PREFIX}/{n}" for n in BY_NAME},
                         "openapi": f"{PREFIX}/openapi.json", "docs": "docs/API.md"})


def _cors() -> list[Middleware]:
    origins = [o for o in os.environ.get("EVIDENCE_API_CORS", "").replace(",", " ").split() if o]
    return [Middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET"])] if origins else []


async def elsewhere(request: Request, exc: Exception | None = None) -> Response:
    """Any other address under /api/, or a method other than GET: a JSON answer that names the routes."""
    status = getattr(exc, "status_code", 404)
    code, message = ("method_not_allowed", "the API is read-only: use GET") if status == 405 else \
        ("not_found", f"no route {request.url.path[:80]!r}: the API's routes are under {PREFIX}/")
    return _error(ApiError(status, code, message, allowed=[f"{PREFIX}/{n}" for n in BY_NAME]))


def routes() -> list:
    """The API's routes (for st.App's routes=): /api/v1/NAME, and a JSON 404 for anything else under /api/."""
    inner = Starlette(routes=[Route("/", index, methods=["GET"]), Route("/{name}", endpoint, methods=["GET"]),
                              Route("/{rest:path}", elsewhere)],
                      middleware=_cors(), exception_handlers={404: elsewhere, 405: elsewhere})
    every = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    return [Route(PREFIX, index, methods=["GET"]), Mount(PREFIX, app=inner), Route("/api", elsewhere, methods=every),
            Route("/api/{rest:path}", elsewhere, methods=every)]


# --- the description: OpenAPI and docs/API.md -----------------------------------------------------------------------

SCHEMAS = {"limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
           "page": {"type": "integer", "minimum": 1}, "size": {"type": "integer", "enum": list(PAGING[1].options)},
           "min_quality": {"type": "integer", "minimum": 0}}


def openapi() -> dict:
    """An OpenAPI 3.1 description of every route, from the declarations above."""
    paths = {}
    for listing in LISTINGS:
        parameters = [{"name": p.name, "in": "query", "required": False, "description": p.meaning,
                       "schema": SCHEMAS.get(p.name, {"type": "string"})} for p in listing.params]
        for fmt, media in (("", "application/json"), (".json", "application/json"), (".csv", "text/csv")):
            paths[f"{PREFIX}/{listing.name}{fmt}"] = {"get": {
                "summary": listing.summary, "parameters": parameters,
                "responses": {"200": {"description": "rows, in an envelope naming the data version" if media ==
                                      "application/json" else "rows as CSV; the data version in X-Data-Version",
                                      "content": {media: {}}},
                              "400": {"description": "an unknown parameter or value, named with what is allowed"},
                              "404": {"description": "no such route or format"},
                              "409": {"description": "a cursor written before the data changed"},
                              "414": {"description": "a query string over 4,096 characters"},
                              "503": {"description": "too slow, or no database to read"}}}}
    return {"openapi": "3.1.0", "info": {"title": "Evidence API", "version": "v1",
                                         "description": "Read-only: the evidence this dashboard presents."},
            "paths": paths}


def reference() -> str:
    """docs/API.md."""
    lines = [
        "# The web API", "",
        "<!-- Written by `python api.py` from the route declarations in api.py; a test checks it is current. -->", "",
        "Every list the dashboard shows is also data: JSON at `/api/v1/NAME` (or `NAME.json`) and CSV at "
        "`NAME.csv`, read-only, from the same database file as the pages. A link copied from the quote explorer "
        "works as a call (its **Copy API link** gives it), with the same quotes in the same order.", "",
        "## The envelope", "",
        "A JSON answer is an object: `api` (`v1`), `route`, `data_version` (the build's source hash, as the "
        "pages' footer gives it), `layout_version` (the database layout), `citation` (the review's), `filters` "
        "(what was asked), `total`, `limit`, `offset`, `next` (the address of the next page, or null) and `rows`. "
        "A CSV answer is the rows, with the data version in the `X-Data-Version` header and the next page in a "
        "`Link: <...>; rel=\"next\"` header.", "",
        f"Lists page with `limit` (1 to {MAX_LIMIT}, default {DEFAULT_LIMIT}) and `cursor`: follow `next` to the "
        "end and each row comes exactly once. A cursor names the data version it was written for: after a "
        "rebuild it is refused with 409 `data_changed`, so no listing mixes versions. Start again from the first "
        "page.", "",
        "## Errors", "",
        "An error is JSON with an `error` object: `status`, `code`, `message` and, for a parameter, `parameter` "
        "and `allowed` (the values or keys that would be accepted); for a value, `page_notice` is what the page would "
        "show for the same link (the page uses the rest of the link and says so; the API answers nothing). Codes: "
        "`unknown_parameter`, `bad_value`, `value_too_long`, `bad_cursor` (400), `not_found` (404), "
        "`data_changed` (409), `query_too_long` (414), `internal` (500, logged on the server), `too_slow`, "
        "`no_database` (503). There is never a traceback.", "",
        "## Routes", "",
    ]
    for listing in LISTINGS:
        lines += [f"### `{PREFIX}/{listing.name}`", "", listing.summary, ""]
        if listing.params:
            lines += ["| parameter | meaning |", "|---|---|"]
            lines += [f"| `{p.name}` | {p.meaning} |" for p in listing.params]
            lines.append("")
        if not listing.paged:
            lines += ["One row, never paged: it takes no parameter.", ""]
        example = listing.example.replace("{theme}", "THEME_ID")
        lines += ["```sh", f"curl 'http://localhost:8501{PREFIX}/{listing.name}" + (f"?{example}" if example else "")
                  + "'", "```", "", "Stable keys of each row: " + ", ".join(f"`{k}`" for k in listing.stable) + ".",
                  ""]
    lines += [
        f"### `{PREFIX}/openapi.json`", "", "An OpenAPI 3.1 description of these routes.", "",
        "## What v1 promises", "",
        "Within v1, routes, parameters and the stable keys listed for each route keep their names and meanings, "
        "and the envelope keeps its keys. Rows may gain keys (a field added to the data format appears as a new "
        "key); a consumer should ignore keys it does not know. Anything else may change with a new version under "
        "`/api/v2/`.", "",
        "## Citing what a program read", "",
        "Cite the review by its `citation`, and the dashboard's data by the `data_version` of the answer you read, "
        "with the date you read it: the same data version always means the same evidence.", "",
        "## Safe by default", "",
        f"GET only; the query string holds at most {MAX_QUERY_CHARS} characters and each value "
        f"{MAX_VALUE_CHARS}; an answer taking more than {QUERY_SECONDS:.0f} s is 503 `too_slow`. Other sites' "
        "pages may not call the API from a browser unless `EVIDENCE_API_CORS` names their origins (separated by "
        "spaces or commas). `/_stcore/metrics` stays private. A quote about distressing content carries its "
        "`content_note` in every row, so no consumer can miss it.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    DOC_FILE.write_text(reference(), encoding="utf-8")
    print(f"wrote {DOC_FILE}")
