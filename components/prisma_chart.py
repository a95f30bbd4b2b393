"""The review's PRISMA flow diagram: boxes, arrows and reasons laid out as a chart, and the same counts as a table."""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from components import chart_theme  # noqa: F401  (registers the project's text defaults)
from components.charts import require

BOX_FILL, SIDE_FILL, LINE = "#F0F4F8", "#FFF4E0", "#333333"
# PRISMA layout, in chart units (pixels at the default size). The step names are the schema's vocabulary.
SIDE_STEPS = {"duplicates_removed", "excluded_at_screening", "excluded_at_full_text", "added_from_references"}
INTO_MAIN = {"added_from_references"}
# Narrow enough (with its reasons) to fit the page beside the sidebar on a 1280 px screen.
MAIN_X, SIDE_X, MAIN_W, SIDE_W = 160, 450, 290, 220
BOX_H, ROW_GAP, LINE_H = 66, 112, 15
WRAP = {"main": 40, "side": 30, "source": 30}
CHAR_W = 7.2  # width of a character of 13 px chart text, on average, in pixels
REASON_GAP, REASON_LINE = 18, 17


def prisma_boxes(flow: pd.DataFrame) -> pd.DataFrame:
    """One row per box of the flow, with its place: sources on top, the main column, side boxes beside it."""
    require(flow, sorted({"position", "step", "label", "n"}), "the PRISMA diagram")
    flow = flow.sort_values("position")
    sources = flow[flow.step == "source"]
    main = flow[(flow.step != "source") & ~flow.step.isin(SIDE_STEPS)]
    row_of = {}
    first_main_row = 1 if len(sources) else 0
    for offset, position in enumerate(main.position):
        row_of[position] = first_main_row + offset
    source_w = _source_width(len(sources))
    source_lines = [_box_lines(s.label, s.n, source_w) for s in sources.itertuples(index=False)]
    # The sources' row grows with its longest label; every row below moves down by as much.
    source_h = max([BOX_H, *(len(lines) * LINE_H + 14 for lines in source_lines)])
    boxes = []
    for box in flow.itertuples(index=False):
        if box.step == "source":
            index = list(sources.position).index(box.position)
            row, column, x, width = 0, "source", _source_x(index, len(sources), source_w), source_w
        elif box.step in SIDE_STEPS:
            before = main[main.position < box.position].position
            row, column, x = row_of[before.max()] if len(before) else first_main_row, "side", SIDE_X
        else:
            row, column, x = row_of[box.position], "main", MAIN_X
        if column != "source":
            width = SIDE_W if column == "side" else MAIN_W
        lines = [*textwrap.wrap(box.label, WRAP[column]), f"(n = {int(box.n)})"] if column != "source" \
            else source_lines[index]
        height = source_h if column == "source" else BOX_H
        top = 20 + row * ROW_GAP + (source_h - BOX_H if row > 0 and len(sources) else 0)
        boxes.append({"position": int(box.position), "step": box.step, "label": box.label, "n": int(box.n),
                      "column": column, "row": row, "text": f"{box.label} (n = {int(box.n)})",
                      "wrapped": "\n".join(lines), "x": x - width / 2, "x2": x + width / 2, "cx": x,
                      "y": top, "y2": top + height, "ty": top + height / 2 - (len(lines) - 1) * LINE_H / 2})
    return pd.DataFrame(boxes)


# The sources share the width of the main and side columns, a gap apart.
SOURCES_LEFT, SOURCES_RIGHT, SOURCE_GAP = MAIN_X - MAIN_W / 2, SIDE_X + SIDE_W / 2, 12


def _source_width(count: int) -> float:
    """Each source box's width: as wide as a side box, or narrower so that all of them fit side by side."""
    return min(SIDE_W, (SOURCES_RIGHT - SOURCES_LEFT - (count - 1) * SOURCE_GAP) / max(count, 1))


def _source_x(index: int, count: int, width: float) -> float:
    # One source sits at the left; more spread evenly over the width of the main and side columns.
    first, last = SOURCES_LEFT + width / 2, SOURCES_RIGHT - width / 2
    return first if count == 1 else first + index * (last - first) / (count - 1)


def _box_lines(label: str, n: int, width: float) -> list[str]:
    """A box's text, wrapped to the characters its width holds, then its count."""
    return [*textwrap.wrap(label, max(8, int((width - 14) / CHAR_W))), f"(n = {int(n)})"]


def prisma_reasons(boxes: pd.DataFrame, exclusions: pd.DataFrame) -> pd.DataFrame:
    """One row per exclusion reason, placed as a list to the right of its step's box."""
    require(exclusions, sorted({"step", "position", "reason", "n"}), "the PRISMA exclusion reasons")
    rows = []
    for step, reasons in exclusions.sort_values(["step", "position"]).groupby("step", sort=False):
        box = boxes[boxes.step == step]
        if box.empty:
            continue
        box = box.iloc[0]
        for line, reason in enumerate(reasons.itertuples(index=False)):
            rows.append({"step": step, "position": int(reason.position), "reason": reason.reason,
                         "n": int(reason.n), "text": f"{reason.reason} (n = {int(reason.n)})",
                         "x": box.x2 + REASON_GAP, "y": box.y + 8 + line * REASON_LINE})
    return pd.DataFrame(rows, columns=["step", "position", "reason", "n", "text", "x", "y"])


def prisma_arrows(boxes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Line segments between boxes, and an arrowhead where each arrow ends."""
    segments, heads = [], []
    main = boxes[boxes.column == "main"].sort_values("row")
    top = main.iloc[0] if len(main) else None
    for source in boxes[boxes.column == "source"].itertuples(index=False):
        mid = (source.y2 + top.y) / 2
        segments += [(source.cx, source.y2, source.cx, mid), (source.cx, mid, top.cx, mid)]
    if top is not None and (boxes.column == "source").any():
        segments.append((top.cx, (boxes[boxes.column == "source"].y2.max() + top.y) / 2, top.cx, top.y))
        heads.append((top.cx, top.y - 5, "triangle-down"))
    for upper, lower in zip(main.itertuples(index=False), main.iloc[1:].itertuples(index=False), strict=False):
        segments.append((upper.cx, upper.y2, lower.cx, lower.y))
        heads.append((lower.cx, lower.y - 5, "triangle-down"))
    for side in boxes[boxes.column == "side"].itertuples(index=False):
        beside = main[main.row == side.row].iloc[0]
        mid = (side.y + side.y2) / 2
        if side.step in INTO_MAIN:
            segments.append((side.x, mid, beside.x2, mid))
            heads.append((beside.x2 + 5, mid, "triangle-left"))
        else:
            segments.append((beside.x2, mid, side.x, mid))
            heads.append((side.x - 5, mid, "triangle-right"))
    return (pd.DataFrame(segments, columns=["x", "y", "x2", "y2"]),
            pd.DataFrame(heads, columns=["x", "y", "shape"]))


def prisma_diagram(flow: pd.DataFrame, exclusions: pd.DataFrame) -> alt.LayerChart:
    """The PRISMA flow diagram: labelled boxes, arrows, and exclusion reasons beside their box."""
    boxes = prisma_boxes(flow)
    reasons = prisma_reasons(boxes, exclusions)
    segments, heads = prisma_arrows(boxes)
    widest = reasons.x.max() + reasons.text.str.len().max() * CHAR_W if len(reasons) else 0
    width = max(boxes.x2.max(), widest) + 10
    height = max(boxes.y2.max(), reasons.y.max() if len(reasons) else 0) + 20
    x = alt.Scale(domain=[0, width], nice=False)
    y = alt.Scale(domain=[height, 0], nice=False)
    return alt.layer(*_prisma_layers(boxes, reasons, segments, heads, x, y)).properties(
        width=width, height=height).configure_view(stroke=None)


def _prisma_layers(boxes, reasons, segments, heads, x, y) -> list:
    tip = [alt.Tooltip("label:N", title="Box"), alt.Tooltip("n:Q", title="n")]
    box_layer = alt.Chart(boxes).mark_rect(stroke=LINE, strokeWidth=1.2, cornerRadius=3).encode(
        x=alt.X("x:Q", scale=x, axis=None), x2="x2:Q", y=alt.Y("y:Q", scale=y, axis=None), y2="y2:Q",
        color=alt.Color("column:N", scale=alt.Scale(domain=["source", "main", "side"],
                                                    range=[BOX_FILL, BOX_FILL, SIDE_FILL]), legend=None),
        tooltip=tip)
    # One data unit is one pixel (the scales span the chart's size), so line offsets are in pixels.
    text_layer = alt.Chart(boxes).mark_text(lineBreak="\n", lineHeight=LINE_H).encode(
        x=alt.X("cx:Q", scale=x), y=alt.Y("ty:Q", scale=y), text="wrapped:N", tooltip=tip)
    line_layer = alt.Chart(segments).mark_rule(color=LINE, strokeWidth=1.5).encode(
        x=alt.X("x:Q", scale=x), y=alt.Y("y:Q", scale=y), x2="x2:Q", y2="y2:Q")
    head_layer = alt.Chart(heads).mark_point(filled=True, size=70, color=LINE, opacity=1).encode(
        x=alt.X("x:Q", scale=x), y=alt.Y("y:Q", scale=y), shape=alt.Shape("shape:N", scale=None))
    reason_layer = alt.Chart(reasons).mark_text(align="left", baseline="top").encode(
        x=alt.X("x:Q", scale=x), y=alt.Y("y:Q", scale=y), text="text:N",
        tooltip=[alt.Tooltip("reason:N", title="Reason"), alt.Tooltip("n:Q", title="n")])
    return [box_layer, line_layer, head_layer, text_layer, reason_layer]


def prisma_table(flow: pd.DataFrame, exclusions: pd.DataFrame) -> pd.DataFrame:
    """The diagram as a table: each box in flow order, then each exclusion reason under its box."""
    rows = []
    for box in flow.sort_values("position").itertuples(index=False):
        rows.append({"Stage": box.label, "Reason": "", "n": int(box.n)})
        for reason in exclusions[exclusions.step == box.step].sort_values("position").itertuples(index=False):
            rows.append({"Stage": box.label, "Reason": reason.reason, "n": int(reason.n)})
    return pd.DataFrame(rows, columns=["Stage", "Reason", "n"])
