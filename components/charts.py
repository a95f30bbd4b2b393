"""Altair charts of the evidence: each takes a DataFrame, checks its columns, and returns a chart.

Every chart is readable without colour: counts and statuses are written on the marks, and the
one categorical distinction that matters (what the paper states vs what is not specified or coded
by whoever presents the review) is also drawn as a solid or dashed outline. Colours are from the Okabe-Ito palette.
"""

from __future__ import annotations

import json
import textwrap

import altair as alt
import pandas as pd

from components import chart_theme  # noqa: F401  (registers the project's text defaults)
from evidence.strength import SUPPORT_LEVELS
from evidence.values import counted
from evidence.voice import Voice

SKY, ORANGE, GREY, WHITE = "#56B4E9", "#E69F00", "#E8E8E8", "#FFFFFF"
SOLID, DASHED, DOTTED = [1, 0], [5, 3], [1, 3]
SUPPORT = list(SUPPORT_LEVELS)
NAMED, UNNAMED = "named by the paper", "not specified by the paper"
COLUMN_CHARS, ROW_CHARS = 14, 34  # longest line of a matrix's column and row labels, in characters
ROW = 38  # height of one theme's row of bars, in pixels
# Label room, from the chart theme's 13 px text: an average character's width and a line's height, in pixels.
CHAR_W, LINE_H = 7.2, 16
FLAT_BUDGET = 620  # the most width a matrix's flat column labels may ask for; more columns are turned upright
# Fit the width to the page but let the height be the plot's own, so axes and legends add to it.
# Gaps between cells, so each cell's own outline (solid, dashed or dotted) can be seen.
GAPS = alt.Scale(paddingInner=0.06)
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")


def wrapped_labels(labels, width: int) -> str:
    """A label expression that writes each of these labels on lines of at most `width` characters.

    Vega-Lite cannot wrap axis labels; it cuts them short or hides the ones that collide. The lines are
    worked out here and looked up by label, so the data and the marks keep the labels whole.
    """
    lines = {str(label): textwrap.wrap(str(label), width) or [str(label)] for label in labels}
    return f"({json.dumps(lines)})[datum.label] || datum.label"


def label_lines(labels, width: int) -> int:
    """The most lines any of these labels takes when wrapped at `width` characters."""
    return max((len(textwrap.wrap(str(label), width)) or 1 for label in labels), default=1)


def upright(labels) -> bool:
    """Whether a matrix's column labels stand upright: flat, wrapped labels would need too much width."""
    labels = list(dict.fromkeys(str(label) for label in labels))
    return len(labels) * (_widest_line(labels, COLUMN_CHARS) * CHAR_W + 12) > FLAT_BUDGET


def _widest_line(labels, width: int) -> int:
    return max((len(line) for label in labels for line in textwrap.wrap(str(label), width)), default=1)


def column_px(labels) -> float:
    """The least width a matrix column needs for its label: a wrapped label's widest line, or an upright one's lines."""
    if upright(labels):
        return label_lines(labels, ROW_CHARS) * LINE_H + 10
    return _widest_line(labels, COLUMN_CHARS) * CHAR_W + 12


def matrix_min_width(column_labels, row_labels) -> int:
    """The narrowest page on which a matrix keeps every label whole and apart; on a narrower one its table shows."""
    columns = list(dict.fromkeys(map(str, column_labels)))
    return int(_widest_line(row_labels, ROW_CHARS) * CHAR_W + 16 + len(columns) * column_px(columns) + 30)


def column_axis(labels) -> alt.Axis:
    """A matrix's column labels along the top: flat and wrapped when they fit, otherwise upright; never cut."""
    if upright(labels):
        return alt.Axis(orient="top", labelAngle=-90, labelAlign="left", labelBaseline="middle", labelLimit=0,
                        labelExpr=wrapped_labels(labels, ROW_CHARS))
    return alt.Axis(orient="top", labelAngle=0, labelExpr=wrapped_labels(labels, COLUMN_CHARS), labelLimit=0)


def row_axis(labels) -> alt.Axis:
    """A matrix's or bar chart's row labels, wrapped onto lines rather than cut short."""
    return alt.Axis(labelExpr=wrapped_labels(labels, ROW_CHARS), labelLimit=0)


def require(frame: pd.DataFrame, columns: list[str], chart: str) -> None:
    """Fail with a clear message when a chart is given a frame without the columns it draws."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{chart} needs columns {', '.join(missing)}; got {', '.join(frame.columns)}")


# A legend's title or label may be the presenter's phrase about whose a count or link is ("coded by the review's
# authors"); Vega cuts titles at 180 px and labels at 160 px by default.
LEGEND_TITLE_LIMIT = 480


def _legend(title: str) -> alt.Legend:
    """A legend under the chart with symbols big enough to show a dashed outline."""
    return alt.Legend(title=title, orient="bottom", symbolType="square", symbolSize=260, symbolStrokeWidth=1.5,
                      titleLimit=LEGEND_TITLE_LIMIT)


def theme_label(number, name) -> str:
    """How a theme is named on an axis: its number in the paper and its name."""
    return f"{int(number)}. {name}"


# --- Themes at a glance -------------------------------------------------------------------------

def _support_parts(themes: pd.DataFrame) -> pd.DataFrame:
    """Long rows of each theme's supporting studies: the named ones, then the ones not specified."""
    rows = []
    for t in themes.itertuples(index=False):
        start = 0
        for part, n in ((NAMED, int(t.studies_named)), (UNNAMED, int(t.studies_not_specified))):
            if n > 0:
                rows.append(dict(theme=theme_label(t.number, t.name), part=part, n=n, start=start, end=start + n,
                                 mid=start + n / 2, support_stated=t.support_stated,
                                 of=f"{int(t.support_count)} of {int(t.studies_included)}"))
                start += n
    return pd.DataFrame(rows, columns=["theme", "part", "n", "start", "end", "mid", "support_stated", "of"])


def theme_glance(themes: pd.DataFrame, theme_word: str = "Theme") -> alt.HConcatChart:
    """Per theme: the studies supporting it as the paper states (named vs not specified), and its quotes."""
    require(themes, ["number", "name", "support_stated", "support_count", "studies_included", "studies_named",
                     "studies_not_specified", "quotes"], "theme_glance")
    order = [theme_label(n, m) for n, m in zip(themes.number, themes.name, strict=True)]
    included = int(themes.studies_included.max())
    y = alt.Y("theme:N", sort=order, title=None, axis=row_axis(order))
    row = max(ROW, label_lines(order, ROW_CHARS) * LINE_H + 8)
    parts = _support_parts(themes)
    tooltip = [alt.Tooltip("theme:N", title=theme_word), alt.Tooltip("support_stated:N", title="The paper says"),
               alt.Tooltip("of:N", title="Supporting studies"), alt.Tooltip("part:N", title="Of which"),
               alt.Tooltip("n:Q", title="Count")]
    bars = alt.Chart(parts).mark_bar(stroke="#222", strokeWidth=1.5, height=24).encode(
        y=y,
        x=alt.X("start:Q", scale=alt.Scale(domain=[0, included]),
                # A tick per study while they fit (260 px); beyond that, whole numbers Vega spaces apart.
                axis=alt.Axis(values=list(range(included + 1)) if included <= 12 else alt.Undefined, format="d",
                              tickMinStep=1,
                              title=f"Studies supporting it, of {included} included (as the paper states)")),
        x2="end:Q",
        fill=alt.Fill("part:N", scale=alt.Scale(domain=[NAMED, UNNAMED], range=[SKY, WHITE]),
                      legend=_legend("Which studies")),
        strokeDash=alt.StrokeDash("part:N", scale=alt.Scale(domain=[NAMED, UNNAMED], range=[SOLID, DASHED]),
                                  legend=_legend("Which studies")),
        tooltip=tooltip,
    )
    counts = alt.Chart(parts).mark_text(fontWeight="bold").encode(
        y=y, x="mid:Q", text="n:Q", tooltip=tooltip)
    studies = (bars + counts).properties(title="Supporting studies", width=260, height=row * len(order))
    return alt.hconcat(studies, _quote_bars(themes, order, y, row, theme_word)).resolve_scale(y="shared")


def _quote_bars(themes: pd.DataFrame, order: list[str], y: alt.Y, row: int, theme_word: str) -> alt.LayerChart:
    """Bars of quotes printed per theme, each labelled with its count."""
    frame = pd.DataFrame({"theme": order, "quotes": themes.quotes.astype(int).to_numpy()})
    top = int(frame.quotes.max() or 1)
    base = alt.Chart(frame).encode(
        y=alt.Y("theme:N", sort=order, title=None, axis=None),
        x=alt.X("quotes:Q", scale=alt.Scale(domain=[0, top + max(1, top // 5)]),
                axis=alt.Axis(format="d", tickMinStep=1, title="Quotes printed in the review")),
        tooltip=[alt.Tooltip("theme:N", title=theme_word), alt.Tooltip("quotes:Q", title="Quotes")])
    bars = base.mark_bar(color=SKY, stroke="#222", strokeWidth=1, height=24)
    labels = base.mark_text(align="left", dx=4, fontWeight="bold").encode(text="quotes:Q")
    return (bars + labels).properties(title="Quotes", width=200, height=row * len(order))


# --- Line of argument -----------------------------------------------------------------------------

def _spread(count: int, span: float) -> list[float]:
    """`count` positions spread evenly over [0, span] (one sits in the middle)."""
    if count == 1:
        return [span / 2]
    return [i * span / (count - 1) for i in range(count)]


NODE_CHARS = 30  # longest line of a label beside the line-of-argument diagram, in characters


def argument_nodes(links: pd.DataFrame) -> pd.DataFrame:
    """One row per theme (left) and construct (right) of the diagram, with its position."""
    themes = links.drop_duplicates("theme_id").sort_values("theme_number")
    constructs = links.drop_duplicates("construct_id").sort_values("construct_number")
    span = float(max(len(themes), len(constructs)) - 1)
    left = pd.DataFrame({"id": themes.theme_id, "label": [theme_label(n, m) for n, m in
                                                        zip(themes.theme_number, themes.theme_name, strict=True)],
                         "kind": "theme", "x": 0.0, "y": _spread(len(themes), span), "side": "right"})
    right = pd.DataFrame({"id": constructs.construct_id, "label": constructs.construct_name, "kind": "construct",
                          "x": 1.0, "y": _spread(len(constructs), span), "side": "left"})
    nodes = pd.concat([left, right], ignore_index=True)
    # Each side has about a third of the diagram's width for its labels: long ones go onto lines.
    return nodes.assign(wrapped=["\n".join(textwrap.wrap(str(label), NODE_CHARS)) for label in nodes.label])


def argument_edges(links: pd.DataFrame, nodes: pd.DataFrame, voice: Voice) -> pd.DataFrame:
    """One row per theme-construct link, with the ends of its rule."""
    y_theme = nodes[nodes.kind == "theme"].set_index("id").y
    y_construct = nodes[nodes.kind == "construct"].set_index("id").y
    edges = links[["theme_id", "theme_name", "construct_id", "construct_name", "provenance"]].copy()
    edges["x"], edges["x2"] = 0.0, 1.0
    edges["y"] = edges.theme_id.map(y_theme).to_numpy()
    edges["y2"] = edges.construct_id.map(y_construct).to_numpy()
    edges["link"] = f"coded by {voice.coders}"
    edges.loc[edges.provenance == "paper", "link"] = "stated by the paper"
    return edges.reset_index(drop=True)


def argument_diagram(links: pd.DataFrame, voice: Voice, heads: tuple[str, str] = ("Themes", "Constructs")
                     ) -> alt.LayerChart:
    """Themes on the left, constructs on the right, a rule for each link between them."""
    require(links, ["theme_id", "theme_number", "theme_name", "construct_id", "construct_number", "construct_name",
                    "provenance"], "argument_diagram")
    nodes = argument_nodes(links)
    edges = argument_edges(links, nodes, voice)
    span = float(nodes.y.max())
    x = alt.X("x:Q", scale=alt.Scale(domain=[-1.25, 2.25]), axis=None)
    y = alt.Y("y:Q", scale=alt.Scale(domain=[span + 0.5, -0.9]), axis=None)
    styles = {"stated by the paper": SOLID, f"coded by {voice.coders}": DASHED}
    kinds = [kind for kind in styles if kind in set(edges.link)]  # the legend lists only kinds drawn
    rules = alt.Chart(edges).mark_rule(strokeWidth=2.5, color="#0072B2").encode(
        x=x, x2="x2:Q", y=y, y2="y2:Q",
        strokeDash=alt.StrokeDash("link:N", scale=alt.Scale(domain=kinds, range=[styles[k] for k in kinds]),
                                  legend=alt.Legend(title="Link", orient="bottom", symbolType="stroke",
                                                    symbolStrokeWidth=2.5, symbolSize=500,
                                                    labelLimit=LEGEND_TITLE_LIMIT)),
        tooltip=[alt.Tooltip("theme_name:N", title=heads[0]), alt.Tooltip("construct_name:N", title=heads[1]),
                 alt.Tooltip("link:N", title="Link")])
    dots = alt.Chart(nodes).mark_circle(size=140, color="#000", opacity=1).encode(x=x, y=y)
    labels = [alt.Chart(nodes[nodes["side"] == side]).mark_text(align=side, dx=dx, fontWeight="bold", lineBreak="\n",
                                                                lineHeight=LINE_H)
              .encode(x=x, y=y, text="wrapped:N") for side, dx in (("right", -10), ("left", 10))]
    head_rows = pd.DataFrame({"x": [0.0, 1.0], "y": [-0.7, -0.7], "side": ["right", "left"], "label": list(heads)})
    titles = [alt.Chart(head_rows[head_rows["side"] == side]).mark_text(align=side, dx=dx,
                                                              fontStyle="italic").encode(x=x, y=y, text="label:N")
              for side, dx in (("right", -10), ("left", 10))]
    step = max(60, label_lines(nodes.label, NODE_CHARS) * LINE_H + 14)  # a node's labels never meet the next's
    return alt.layer(rules, dots, *labels, *titles).properties(height=step * (span + 1.4) + 40, width=680)


# --- Matrices ----------------------------------------------------------------------------------------

def _links_only_where_quotes(layers: list[alt.Chart], frame: pd.DataFrame) -> list[alt.Chart]:
    """Each layer of a matrix twice: over the cells that open quotes (a link and a pointer) and over the rest, which
    are inert (no link, the usual cursor; the tooltip says why the cell is empty). Vega-Lite writes a missing href
    as the text "null", so a click on an empty cell would leave the app for /null."""
    if frame.empty:
        return layers
    linked = frame["href"].map(lambda href: isinstance(href, str) and bool(href))
    out = []
    for part, links in ((frame[linked], True), (frame[~linked], False)):
        if part.empty:
            continue
        for layer in layers:
            drawn = layer.copy(deep=True)
            drawn.data = part
            if not links:
                drawn.encoding.href = alt.Undefined
                drawn.mark.cursor = "default"
            out.append(drawn)
    return out


def _cell_text(frame: pd.DataFrame, x: alt.X, y: alt.Y, field: str, dy: int, tooltip: list, **mark) -> alt.Chart:
    """One line of text written in every cell of a matrix."""
    return alt.Chart(frame).mark_text(dy=dy, **mark).encode(
        x=x, y=y, text=f"{field}:N", href="href:N", tooltip=tooltip)


def theme_study_heatmap(matrix: pd.DataFrame, studies_down: bool = False, theme_word: str = "Theme") -> alt.LayerChart:
    """Themes by included studies: the paper's support status and the quotes printed, per cell.

    Themes run down the side and studies across, or the other way round (`studies_down`) when there are
    more studies than themes: a page has more room down than across.
    """
    require(matrix, ["theme_number", "theme_name", "citation", "study_position", "support", "basis", "quotes", "href",
                     "action"],
            "theme_study_heatmap")
    frame = matrix.assign(theme=[theme_label(n, m) for n, m in zip(matrix.theme_number, matrix.theme_name,
                                                                    strict=True)],
                          quotes_text=[_quotes_text(q) for q in matrix.quotes],
                          basis=matrix.basis.fillna("not stated in the paper's text"))
    themes, studies = _order(frame, "theme_number", "theme"), _order(frame, "study_position", "citation")
    (row, rows), (column, columns) = (("citation", studies), ("theme", themes)) if studies_down else \
        (("theme", themes), ("citation", studies))
    x = alt.X(f"{column}:N", sort=columns, title=None, scale=GAPS, axis=column_axis(columns))
    y = alt.Y(f"{row}:N", sort=rows, title=None, scale=GAPS, axis=row_axis(rows))
    tooltip = [alt.Tooltip("theme:N", title=theme_word), alt.Tooltip("citation:N", title="Study"),
               alt.Tooltip("support:N", title="The paper"), alt.Tooltip("basis:N", title="Basis"),
               alt.Tooltip("quotes:Q", title="Quotes printed"), alt.Tooltip("action:N", title="Quotes")]
    # A bar, not a rect: Vega-Lite draws strokeDash on bars only.
    cells = alt.Chart(frame).mark_bar(stroke="#222", strokeWidth=1.5).encode(
        x=x, y=y, href="href:N", tooltip=tooltip,
        fill=alt.Fill("support:N", scale=alt.Scale(domain=SUPPORT, range=[SKY, WHITE, GREY]),
                      legend=_legend("Support, as the paper states")),
        strokeDash=alt.StrokeDash("support:N", scale=alt.Scale(domain=SUPPORT, range=[SOLID, DASHED, DOTTED]),
                                  legend=_legend("Support, as the paper states")))
    if upright(columns):  # narrow cells: the count alone; fill and outline still tell the status apart
        layers = [cells, _cell_text(frame, x, y, "quotes", 0, tooltip, fontWeight="bold")]
        cell_height = 30
    else:
        layers = [cells, _cell_text(frame, x, y, "support", -8, tooltip, fontWeight="bold"),
                  _cell_text(frame, x, y, "quotes_text", 9, tooltip)]
        cell_height = 56
    height = max(cell_height, label_lines(rows, ROW_CHARS) * LINE_H + 10) * len(rows)
    return alt.layer(*_links_only_where_quotes(layers, frame)).properties(height=height, width="container",
                                                                          autosize=FIT_WIDTH)


def count_heatmap(frame: pd.DataFrame, row: str, row_order: str, column: str, column_order: str,
                  count_title: str, tooltip_titles: dict[str, str]) -> alt.LayerChart:
    """A matrix of counts: shade and a written number per cell, a tooltip, and a link (href) per cell."""
    require(frame, [row, row_order, column, column_order, "quotes", "href", "action", *tooltip_titles],
            "count_heatmap")
    top = max(1, int(frame.quotes.max()))
    columns = _order(frame, column_order, column)
    x = alt.X(f"{column}:N", sort=columns, title=None, scale=GAPS, axis=column_axis(columns))
    y = alt.Y(f"{row}:N", sort=_order(frame, row_order, row), title=None, scale=GAPS, axis=row_axis(frame[row]))
    tooltip = [alt.Tooltip(f"{field}:N", title=title) for field, title in tooltip_titles.items()]
    tooltip += [alt.Tooltip("quotes:Q", title=count_title), alt.Tooltip("action:N", title="Quotes")]
    cells = alt.Chart(frame).mark_bar(stroke="#222", strokeWidth=1).encode(
        x=x, y=y, href="href:N", tooltip=tooltip,
        fill=alt.Fill("quotes:Q", scale=alt.Scale(domain=[0, top], range=[WHITE, SKY], interpolate="rgb"),
                      legend=alt.Legend(title=count_title, orient="bottom", format="d", tickMinStep=1,
                                                  titleLimit=LEGEND_TITLE_LIMIT)))
    text = alt.Chart(frame).mark_text(fontWeight="bold").encode(
        x=x, y=y, text="quotes:Q", href="href:N", tooltip=tooltip)
    lines = max(len(textwrap.wrap(str(label), ROW_CHARS)) for label in frame[row].unique())
    return alt.layer(*_links_only_where_quotes([cells, text], frame)).properties(
        height=(16 * lines + 10) * frame[row].nunique(), width="container", autosize=FIT_WIDTH)


def _order(frame: pd.DataFrame, by: str, label: str) -> list[str]:
    """Labels in the order of another column (the paper's order, not the alphabet)."""
    return list(frame.sort_values(by)[label].drop_duplicates())


def _quotes_text(n) -> str:
    n = int(n)
    return counted(n, "quote") if n else "no quote"
