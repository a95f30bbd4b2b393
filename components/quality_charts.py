"""Charts of the studies' quality appraisal: each study's rating on each criterion, and its total score."""

from __future__ import annotations

import altair as alt
import pandas as pd

from components import chart_theme  # noqa: F401  (registers the project's text defaults)
from components.charts import LINE_H as LABEL_LINE_H
from components.charts import ROW_CHARS, column_axis, label_lines, require, row_axis, upright

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies; text labels carry the meaning too.
# Rating levels from the highest score to the lowest (Okabe-Ito sky blue to orange); a level with no score
# (such as "unclear") is grey.
LEVEL_COLOURS = ["#56B4E9", "#A5D8F3", "#F3C46B", "#E69F00"]
UNSCORED = "#DDDDDD"
BAR = "#0072B2"


CRITERION_COLUMNS = {"study_id", "citation", "study_position", "criterion_id", "criterion_position", "short_label",
                     "question", "group_label", "rating", "rating_label", "score", "level_position"}


def quality_frame(ratings: pd.DataFrame) -> pd.DataFrame:
    """Rows of `quality_ratings` with the full criterion wording and the rating level's label."""
    require(ratings, sorted(CRITERION_COLUMNS), "the quality chart")
    frame = ratings.copy()
    frame["criterion"] = [f"{g} {q}" if isinstance(g, str) and g else q
                          for g, q in zip(frame.group_label, frame.question, strict=True)]
    frame["status"] = frame.rating_label
    return frame


def level_colours(frame: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The rating levels used, in the scale's order, and a colour for each: scored levels from the first colour
    to the last (two levels get the two ends), unscored ones grey."""
    levels = frame.drop_duplicates("rating").sort_values("level_position")
    scored = [label for label, score in zip(levels.rating_label, levels.score, strict=True) if pd.notna(score)]
    ends = LEVEL_COLOURS if len(scored) > 2 else [LEVEL_COLOURS[0], LEVEL_COLOURS[-1]]
    colours = {label: ends[round(i * (len(ends) - 1) / max(len(scored) - 1, 1))] for i, label in enumerate(scored)}
    domain = list(levels.rating_label)
    return domain, [colours.get(label, UNSCORED) for label in domain]


def quality_layout(ratings: pd.DataFrame) -> tuple[bool, list[str], list[str]]:
    """Whether the studies run down the side of the quality grid, and its column and row labels in order.

    Criteria run down the side and studies across the top, so every label reads flat; when the studies
    are too many to sit flat across and outnumber the criteria, they run down the side instead.
    """
    frame = quality_frame(ratings)
    studies = list(dict.fromkeys(frame.sort_values("study_position").citation))
    criteria = list(dict.fromkeys(frame.sort_values("criterion_position").short_label))
    down = upright(studies) and len(studies) > len(criteria)
    return (down, criteria, studies) if down else (down, studies, criteria)


def quality_heatmap(ratings: pd.DataFrame) -> alt.LayerChart:
    """Criterion x study grid, each cell labelled with its rating level, the question in the tooltip."""
    frame = quality_frame(ratings)
    down, columns, rows = quality_layout(ratings)
    (column, row) = ("short_label", "citation") if down else ("citation", "short_label")
    # Upright columns are narrow: the level's first character then marks the cell (the legend names each level).
    frame["mark"] = frame.status.str[:1] if upright(columns) else frame.status
    base = alt.Chart(frame).encode(
        # No axis title: the row labels say what they are, and a title beside wrapped labels was cut at the edge.
        y=alt.Y(f"{row}:N", sort=rows, title=None, axis=row_axis(rows)),
        x=alt.X(f"{column}:N", sort=columns, title=None, axis=column_axis(columns)),
        tooltip=[alt.Tooltip("citation:N", title="Study"), alt.Tooltip("criterion:N", title="Criterion"),
                 alt.Tooltip("status:N", title="Rating"), alt.Tooltip("score:Q", title="Score")],
    )
    domain, colours = level_colours(frame)
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("status:N", scale=alt.Scale(domain=domain, range=colours),
                        legend=alt.Legend(title="Rating", orient="bottom")))
    labels = base.mark_text().encode(text="mark:N")
    # A step per row, because with a container width a fixed height would also have to hold the axis labels.
    return (cells + labels).properties(height=alt.Step(max(40, label_lines(rows, ROW_CHARS) * LABEL_LINE_H + 8)),
                                       width="container")


def quality_totals(studies: pd.DataFrame) -> alt.LayerChart:
    """One bar per study: the total quality score the paper prints, labelled "score/max"."""
    require(studies, sorted({"citation", "position", "quality_score", "quality_max"}), "the quality totals")
    # Only the columns drawn: the page carries a chart's data, and a study's other fields are not its to show.
    frame = studies.dropna(subset=["quality_score"])[["citation", "position", "quality_score", "quality_max"]].copy()
    frame["label"] = [f"{int(s)}/{int(m)}" for s, m in zip(frame.quality_score, frame.quality_max, strict=True)]
    order = list(frame.sort_values("position").citation)
    top = int(frame.quality_max.max()) if len(frame) else 1
    base = alt.Chart(frame).encode(
        y=alt.Y("citation:N", sort=order, title=None, axis=row_axis(order)),
        x=alt.X("quality_score:Q", title="Total quality score", scale=alt.Scale(domain=[0, top]),
                axis=alt.Axis(tickMinStep=1, format="d")),
        tooltip=[alt.Tooltip("citation:N", title="Study"), alt.Tooltip("label:N", title="Score")],
    )
    bars = base.mark_bar(color=BAR)
    labels = base.mark_text(align="left", dx=4, color="black").encode(text="label:N")
    return (bars + labels).properties(height=alt.Step(max(30, label_lines(order, ROW_CHARS) * LABEL_LINE_H + 6)),
                                      width="container")
