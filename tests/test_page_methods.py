"""The Methods page: the PRISMA diagram's numbers, points labelled paper or editorial, provenance counts, citing."""

from __future__ import annotations

import json
import re
from html import escape

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

from components.prisma_chart import prisma_arrows, prisma_boxes, prisma_diagram, prisma_reasons
from queries import run_query
from tests.conftest import html_text, table_with

NC = "not confirmed"


def fetch(db, sql: str, params=None) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).df()


@pytest.fixture
def methods(app):
    return app("methods")


def chart_frames(at) -> list[pd.DataFrame]:
    """Every dataset of every Vega-Lite chart on the page, decoded from Arrow."""
    frames = []
    for chart in at.get("vega_lite_chart"):
        for dataset in chart.proto.datasets:
            frames.append(pa.ipc.open_stream(dataset.data.data).read_pandas())
        inline = json.loads(chart.proto.spec).get("datasets", {})
        frames += [pd.DataFrame(rows) for rows in inline.values()]
    return frames


def test_prisma_component_takes_every_count_from_the_queries(use_db, built_db):
    flow = fetch(built_db, "select position, step, label, n from prisma_flow order by position")
    exclusions = fetch(built_db, "select step, position, reason, n from prisma_exclusions order by step, position")
    boxes = prisma_boxes(run_query("prisma_flow"))
    assert boxes[["step", "label", "n"]].values.tolist() == flow[["step", "label", "n"]].values.tolist()
    assert boxes.text.tolist() == [f"{r.label} (n = {r.n})" for r in flow.itertuples()]
    reasons = prisma_reasons(boxes, run_query("prisma_exclusions"))
    assert sorted(reasons[["step", "reason", "n"]].values.tolist()) == \
        sorted(exclusions[["step", "reason", "n"]].values.tolist())
    # Each reason sits beside its own box, to its right.
    for reason in reasons.itertuples():
        box = boxes[boxes.step == reason.step].iloc[0]
        assert reason.x > box.x2
    segments, heads = prisma_arrows(boxes)
    # One arrow ends at (or, for additions, leaves) every box below the sources.
    assert len(heads) == (flow.step != "source").sum() and len(segments) >= len(heads)


def test_prisma_chart_layers_carry_only_query_numbers(use_db, built_db):
    chart = prisma_diagram(run_query("prisma_flow"), run_query("prisma_exclusions"))
    flow_n = fetch(built_db, "select n from prisma_flow order by position").n.tolist()
    reason_n = fetch(built_db, "select n from prisma_exclusions order by step desc, position").n.tolist()
    box_layers = [layer.data for layer in chart.layer if "label" in layer.data.columns]
    assert box_layers and all(data.n.tolist() == flow_n for data in box_layers)
    reason_layers = [layer.data for layer in chart.layer if "reason" in layer.data.columns]
    assert reason_layers[0].n.tolist() == reason_n


def test_page_diagram_and_table_show_the_flow(methods, built_db):
    flow = fetch(built_db, "select step, label, n from prisma_flow order by position")
    exclusions = fetch(built_db, "select e.reason, e.n, f.label from prisma_exclusions e "
                                 "join prisma_flow f on f.step = e.step order by f.position, e.position")
    frames = chart_frames(methods)
    drawn = [f for f in frames if {"step", "label", "n"} <= set(f.columns)]
    assert drawn and drawn[0][["step", "n"]].values.tolist() == flow[["step", "n"]].values.tolist()
    table = table_with(methods, "Stage")
    boxes = table[table.Reason == ""]
    assert boxes[["Stage", "n"]].values.tolist() == flow[["label", "n"]].values.tolist()
    reasons = table[table.Reason != ""]
    assert reasons[["Stage", "Reason", "n"]].values.tolist() == exclusions[["label", "reason", "n"]].values.tolist()


def test_search_and_eligibility_come_from_the_review(methods, built_db):
    review = fetch(built_db, "select * from reviews").iloc[0]
    html = html_text(methods)
    for column in ["search_date", "search_google_scholar", "search_reference_screening", "search_terms",
                   "eligibility_screening_by",
                   "quality_tool", "quality_approach", "synthesis_method", "line_of_argument"]:
        assert escape(str(review[column])) in html, column
    assert escape(", ".join(review.search_databases)) in html
    steps = fetch(built_db, "select name, description from synthesis_steps")
    assert all(escape(s.name) in html and escape(s.description) in html for s in steps.itertuples())


def test_every_listed_point_is_shown_with_its_provenance(methods, built_db):
    html = html_text(methods)
    points = fetch(built_db, "select section, text, provenance from review_points where section in "
                             "('inclusion', 'exclusion', 'flow_exclusion_criteria', 'limitations', 'future_research')")
    assert set(points.provenance) == {"paper", "editorial"}
    for point in points.itertuples():
        tag = f'<span class="ev-chip ev-chip-{point.provenance}">{point.provenance}</span>'
        assert f"{tag}{escape(point.text)}" in html, point.text


def test_confidence_section_states_no_rating_and_shows_the_point_from_the_data(methods, built_db):
    assert "Confidence in the findings" in [h.value for h in methods.header]
    assert any("No finding on this dashboard carries a confidence rating" in i.value for i in methods.info)
    point = fetch(built_db, "select text from review_points where section = 'limitations' "
                            "and text ilike '%confidence%'").text
    assert len(point) == 1
    assert escape(point[0]) in html_text(methods)


def test_provenance_counts_equal_the_database(methods, built_db):
    table = table_with(methods, "What a row is")
    tables = fetch(built_db, "select table_name from duckdb_columns() where column_name = 'provenance'").table_name
    assert sorted(table.Table) == sorted(tables), "every table with a provenance column is counted"
    for name in tables:
        counts = fetch(built_db, f"select provenance, count(*) as n from {name} group by provenance")
        row = table[table.Table == name].iloc[0]
        for c in counts.itertuples():
            assert row[c.provenance] == c.n, (name, c.provenance)
        assert sum(row[k] for k in table.columns if k not in ("Table", "What a row is")) == counts.n.sum()


def test_editorial_fields_are_listed_from_the_schema(methods, built_db):
    table = table_with(methods, "Documented as")
    documented = fetch(built_db, "select table_name, column_name from duckdb_columns() "
                                 "where comment ilike '%editorial%' and column_name <> 'provenance'")
    listed = set(zip(table.Table, table.Field, strict=True))
    assert set(zip(documented.table_name, documented.column_name, strict=True)) <= listed


def test_citations_leave_out_what_is_not_confirmed_and_name_the_data_version(methods, built_db):
    review = fetch(built_db, "select * from reviews").iloc[0]
    build = fetch(built_db, "select source_hash from build_info").iloc[0]
    codes = [c.value for c in methods.code]
    review_code = next(c for c in codes if review.title in c)
    assert NC not in review_code
    for column in ["volume", "doi"]:
        if review[column] == NC:
            assert any(column.replace("doi", "DOI") in c.value for c in methods.caption if "Left out" in c.value)
    dashboard_code = next(c for c in codes if "[online dashboard]" in c)
    assert build.source_hash[:12] in dashboard_code and review.short_citation in dashboard_code
    # A program that read the web API cites the data version its answer named, not today's.
    said = re.sub(r"\\(.)", r"\1", " ".join(c.value for c in methods.caption))  # as Markdown shows it
    assert "/api/v1/" in said and "data_version" in said and "the date the program read it" in said


def test_related_study_is_pointed_to_not_counted(methods, built_db):
    related = fetch(built_db, "select citation, related_relation from studies where not included")
    html = html_text(methods)
    for study in related.itertuples():
        assert escape(f"{study.citation}: {study.related_relation}") in html
    assert any(link.proto.page == "studies" for link in methods.get("page_link"))


def test_the_database_tables_open_only_on_demand(methods):
    """A clinician reading Methods meets no table names (claim_evidence, ...): they sit in one expander for whoever
    queries the database."""
    outside = "\n".join(e.proto.body for e in methods.main.children.values() if getattr(e, "type", "") == "html"
                        and hasattr(e, "proto"))
    expander = next(e for e in methods.expander if e.label.startswith("For people who query the database"))
    inside = "\n".join(h.proto.body for h in expander.get("html"))
    assert "claim_evidence" in inside and "claim_evidence" not in outside
