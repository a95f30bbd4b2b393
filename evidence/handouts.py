"""Printable handouts as PDF bytes: the one-page clinician guide and the patient leaflet. No Streamlit here."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pandas as pd
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

# The core PDF fonts draw latin-1 only: typographic marks become their ASCII counterparts.
TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                            "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
                            "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-",
                            "\u2212": "-", "\u2022": "-", "\u2026": "...", "\u00a0": " ", "\u202f": " "})
FONT = "Helvetica"
BODY_PT = 10
GUIDE_MARGIN = 12.0
GUTTER = 6.0
FOOTER_SPACE = 20.0


def latin1(text: object) -> str:
    """Text the core fonts can draw: typographic marks as ASCII, other letters without their accents."""
    text = str(text).translate(TYPOGRAPHY)
    return "".join(ch if ord(ch) < 256 else _plain(ch) for ch in text)


def _plain(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch).encode("latin-1", "ignore").decode("latin-1")
    return base or "?"


def _given(value) -> bool:
    """True for real text; False for None, NaN (a missing value from a DataFrame) or blank."""
    return isinstance(value, str) and bool(value.strip())


def _items(values) -> list:
    """A list column's value (list, array or missing) as a plain list."""
    return [] if values is None or (isinstance(values, float) and values != values) else list(values)


def review_citation(review) -> str:
    """The review's full citation, as the dashboard's footer gives it."""
    return (f"{', '.join(review['authors'])} ({review['year']}). {review['title']}. {review['journal']}, "
            f"issue {review['issue']}, pp. {review['pages']}.")


def version_line(build) -> str:
    """The data version a handout was made from: source hash prefix and build date."""
    return f"Data version {build['source_hash'][:12]}, built {pd.Timestamp(build['built_at']):%Y-%m-%d}."


class Handout(FPDF):
    """An A4 page whose footer carries the review's citation and the data version."""

    def __init__(self, footer_text: str, margin: float):
        super().__init__(format="A4")
        self.footer_text = latin1(footer_text)
        self.set_margins(margin, margin, margin)
        self.set_auto_page_break(True, margin=FOOTER_SPACE)

    def footer(self) -> None:
        self.set_y(-FOOTER_SPACE + 4)
        self.set_font(FONT, "", 8)
        self.set_text_color(60, 60, 60)
        self.multi_cell(0, 3.4, self.footer_text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)


def _footer(review, build, page_note: str) -> str:
    return f"Source: {review_citation(review)} {version_line(build)} {page_note}"


def _paragraph(pdf: FPDF, text: str, size: float, style: str = "", line: float | None = None,
               width: float = 0) -> None:
    pdf.set_font(FONT, style, size)
    pdf.multi_cell(width, line or size * 0.45, latin1(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


@dataclass
class Block:
    """One piece of the guide's columns: its text, font style and size, and space before it."""

    text: str
    style: str
    size: float
    space_before: float

    def height(self, pdf: FPDF, width: float) -> float:
        pdf.set_font(FONT, self.style, self.size)
        return self.space_before + pdf.multi_cell(width, self.size * 0.42, latin1(self.text), align="L",
                                                  dry_run=True, output=MethodReturnValue.HEIGHT)


def _strength(row) -> str:
    """How many included studies lie behind a point, when the points carry the support columns."""
    n = getattr(row, "included_studies", None)
    if n is None or pd.isna(n):
        return ""
    related = _items(getattr(row, "related_studies", None))
    extra = f"; +{len(related)} related study outside the review" if related else ""
    return f"{int(n)} of {int(row.included_total)} studies{extra}"


def _guide_blocks(points) -> list[list[Block]]:
    """Groups of blocks that stay together: a section heading with its first point, then each point."""
    groups, section = [], None
    for row in points.itertuples(index=False):
        group = []
        if row.section_title != section:
            section = row.section_title
            group.append(Block(section.upper(), "B", BODY_PT, 3.0))
        strength = _strength(row)
        group.append(Block(row.title, "B", BODY_PT, 1.6))
        group.append(Block(row.short + (f" [{strength}]" if strength else ""), "", BODY_PT, 0.3))
        groups.append(group)
    return groups


def _draw_columns(pdf: FPDF, groups: list[list[Block]], top: float) -> None:
    """Fill two columns top to bottom, moving on (to the next column, then page) when a group does not fit."""
    width = (pdf.w - 2 * GUIDE_MARGIN - GUTTER) / 2
    bottom = pdf.h - FOOTER_SPACE
    column, y = 0, top
    for group in groups:
        needed = sum(block.height(pdf, width) for block in group)
        if y + needed > bottom and column == 0:
            column, y = 1, top
        elif y + needed > bottom:
            pdf.add_page()
            column, top, y = 0, GUIDE_MARGIN, GUIDE_MARGIN
        for block in group:
            y += block.space_before
            pdf.set_xy(GUIDE_MARGIN + column * (width + GUTTER), y)
            pdf.set_font(FONT, block.style, block.size)
            pdf.multi_cell(width, block.size * 0.42, latin1(block.text), align="L")
            y = pdf.get_y()


def clinician_guide_pdf(points, review, build, guidance) -> bytes:
    """The talking points condensed onto one page, under the disclaimer, with citation and data version."""
    pdf = Handout(_footer(review, build, "Our own wording; quotes and counts are in the online dashboard."),
                  GUIDE_MARGIN)
    pdf.set_auto_page_break(False)  # the columns are placed by hand
    pdf.add_page()
    _paragraph(pdf, guidance["title"], 14, "B", 6.5)
    pdf.ln(1)
    _paragraph(pdf, guidance["disclaimer"], BODY_PT, "I", 4.3)
    _paragraph(pdf, guidance["confidence_note"], BODY_PT, "I", 4.3)
    if "included_studies" in points:
        _paragraph(pdf, "[n of N studies]: how many of the review's included studies lie behind a point.",
                   BODY_PT, "", 4.3)
    pdf.set_draw_color(120, 120, 120)
    pdf.line(GUIDE_MARGIN, pdf.get_y() + 1.5, pdf.w - GUIDE_MARGIN, pdf.get_y() + 1.5)
    _draw_columns(pdf, _guide_blocks(points), pdf.get_y() + 1.5)
    return bytes(pdf.output())


def patient_leaflet_pdf(leaflet, review, build) -> bytes:
    """The plain-language leaflet on using forums safely, in large type, with citation and data version."""
    pdf = Handout(_footer(review, build, "Made for a health professional to give to a patient."), 18)
    pdf.add_page()
    _paragraph(pdf, leaflet["title"], 18, "B", 8.5)
    pdf.ln(2)
    _paragraph(pdf, leaflet["intro"], 12.5, "", 6)
    for part in leaflet["sections"]:
        pdf.ln(3)
        _paragraph(pdf, part["heading"], 14, "B", 7)
        if _given(part.get("text")):
            _paragraph(pdf, part["text"], 12.5, "", 6)
        for bullet in _items(part.get("bullets")):
            _paragraph(pdf, f"-  {bullet}", 12.5, "", 6)
        if _given(part.get("note")):
            _paragraph(pdf, f"Note: {part['note']}", 10, "I", 5)
    return bytes(pdf.output())
