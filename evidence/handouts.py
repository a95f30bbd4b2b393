"""Printable handouts as PDF bytes: the one-page clinician guide and the patient leaflet. No Streamlit here."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from . import fonts
from .citations import review_reference
from .database import data_version
from .format.declaration import QUOTE_MARKS
from .strength import PRACTICE_ADVICE, relation_label, relation_labels, strength
from .values import as_list, lowered, text_or_none
from .voice import Voice, voice_of

# The core PDF fonts draw latin-1 only: typographic marks become their ASCII counterparts.
TYPOGRAPHY = str.maketrans({**QUOTE_MARKS, "\u2032": "'", "\u2033": '"',
                            "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-",
                            "\u2212": "-", "\u2022": "-", "\u2026": "...", "\u00a0": " ", "\u202f": " "})
FONT = "Helvetica"
BODY_PT = 10
GUIDE_MARGIN = 12.0
GUTTER = 6.0
FOOTER_SPACE = 20.0


def latin1(text: object) -> str:
    """Text the core fonts can draw (where no Unicode font is on the machine): typographic marks as ASCII, other
    letters without their accents."""
    text = str(text).translate(TYPOGRAPHY)
    return "".join(ch if ord(ch) < 256 else _plain(ch) for ch in text)


def _plain(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch).encode("latin-1", "ignore").decode("latin-1")
    return base or "?"



def review_citation(review) -> str:
    """The review's citation from its confirmed fields, the year with its caveat, as the dashboard gives it."""
    return review_reference(review)[0]


def version_line(build) -> str:
    """The data version a handout was made from: source hash prefix and build date."""
    return f"Data version {data_version(build['source_hash'])}, built {pd.Timestamp(build['built_at']):%Y-%m-%d}."


def printed(text: object) -> str:
    """A text as the handouts print it: as written with a Unicode font, in Latin-1 with the core font otherwise."""
    return str(text) if fonts.latin_family() else latin1(text)


class Handout(FPDF):
    """An A4 page whose footer carries the review's citation and the data version, and whose document
    metadata names it. It embeds a Unicode font, and the fallbacks for the scripts in `text` (all it will print)."""

    def __init__(self, footer_text: str, margin: float, title: str, subject: str, text: str = ""):
        super().__init__(format="A4")
        self.body_font = self._fonts(f"{footer_text} {title} {text}")
        self.footer_text = printed(footer_text)
        self.set_title(printed(title))
        self.set_subject(printed(subject))
        self.set_creator("Evidence dashboard")
        self.set_margins(margin, margin, margin)
        self.set_auto_page_break(True, margin=FOOTER_SPACE)

    def _fonts(self, text: str) -> str:
        """Register the Unicode family and the fallbacks `text` needs; the family to set (core Helvetica if none)."""
        latin = fonts.latin_family()
        if latin is None:
            return FONT
        for style, path in latin[1].items():
            self.add_font("Body", style, path)
        names = []
        for number, (_, found) in enumerate(fonts.fallbacks(text)):
            for style, path in found.items():
                self.add_font(f"Fallback{number}", style, path)
            names.append(f"Fallback{number}")
        if names:
            self.set_fallback_fonts(names, exact_match=False)
        if fonts.needs_shaping(text):  # joined letters, set right to left
            self.set_text_shaping(True)
        return "Body"

    def footer(self) -> None:
        if not self.footer_text:
            return
        self.set_y(-FOOTER_SPACE + 4)
        self.set_font(self.body_font, "", 8)
        self.set_text_color(60, 60, 60)
        self.multi_cell(0, 3.4, self.footer_text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)


def _footer(review, build, page_note: str) -> str:
    return f"Source: {review_citation(review)} {version_line(build)} {page_note}"


def _paragraph(pdf: Handout, text: str, size: float, style: str = "", line: float | None = None,
               width: float = 0) -> None:
    pdf.set_font(pdf.body_font, style, size)
    pdf.multi_cell(width, line or size * 0.45, printed(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


Spacing = tuple[float, float]  # line height and the space between paragraphs, as shares of the usual
USUAL: Spacing = (1.0, 1.0)


def _on_one_sheet_if_closer_fits(draw: Callable[[Spacing], FPDF], closer: Spacing, sheets: int = 1) -> bytes:
    """A handout drawn as usual; if it runs past its sheets (one, or a front and a back), drawn again with its lines
    and gaps closer (the type keeps its size), and that kept only when it then fits them."""
    pdf = draw(USUAL)
    if pdf.page_no() > sheets:
        tighter = draw(closer)
        if tighter.page_no() == sheets:
            pdf = tighter
    return bytes(pdf.output())


@dataclass
class Block:
    """One piece of the guide's columns: its text, font style and size, and space before it."""

    text: str
    style: str
    size: float
    space_before: float
    heading: bool = False  # a section's heading, said again over the rest of its section in a new column

    def height(self, pdf: Handout, width: float, spacing: Spacing = USUAL) -> float:
        pdf.set_font(pdf.body_font, self.style, self.size)
        lines, gaps = spacing
        return self.space_before * gaps + pdf.multi_cell(width, self.size * 0.42 * lines, printed(self.text),
                                                         align="L", dry_run=True, output=MethodReturnValue.HEIGHT)


def basis(claim) -> str:
    """A point's relation and, unless it is practice advice, how widely it holds in the source's words."""
    how_widely = strength(claim)
    return f"[{relation_label(claim)}{'; ' + how_widely if how_widely else ''}]"


ABOUT_HEADING = "About this evidence"


def _guide_blocks(points, claims: dict) -> list[list[Block]]:
    """Groups of blocks that stay together: a section heading with its first point, then each point."""
    groups, section = [], None
    for row in points.itertuples(index=False):
        group = []
        if row.section_title != section:
            section = row.section_title
            group.append(Block(section.upper(), "B", BODY_PT, 3.0, heading=True))
        group.append(Block(row.title, "B", BODY_PT, 1.6))
        group.append(Block(row.short, "", BODY_PT, 0.3))
        group.append(Block(basis(claims[row.id]), "I", BODY_PT, 0.3))
        groups.append(group)
    return groups


ADVICE_HEADING = "Practice advice, not from the review"


def _advice_blocks(points, claims: dict) -> list[list[Block]]:
    """Every point's practice advice under its own heading, each under its point's title: the whole of a point that
    is practice advice (its suggested words, say), and the labelled advice of a point linked to the review."""
    groups = []
    for row in points.itertuples(index=False):
        words = row.body if claims[row.id]["relation"] == PRACTICE_ADVICE else row.advice
        if text_or_none(words):
            groups.append([Block(row.title, "B", BODY_PT, 1.6), Block(words, "", BODY_PT, 0.3)])
    if groups:
        groups[0].insert(0, Block(ADVICE_HEADING.upper(), "B", BODY_PT, 0.0, heading=True))
    return groups


def _note_blocks(notes, claims: dict, first: bool = True) -> list[list[Block]]:
    """The notes on what the evidence as a whole rests on, under their own heading, each with its basis."""
    return [[*([Block(ABOUT_HEADING.upper(), "B", BODY_PT, 0.0 if first else 3.0, heading=True)]
               if index == 0 else []),
             Block(note.topic, "B", BODY_PT, 1.6), Block(note.text, "", BODY_PT, 0.3),
             Block(basis(claims[note.id]), "I", BODY_PT, 0.3)]
            for index, note in enumerate(notes.itertuples(index=False))]


def _draw_columns(pdf: FPDF, groups: list[list[Block]], top: float, spacing: Spacing = USUAL) -> None:
    """Fill two columns top to bottom, moving on (to the next column, then page) when a group does not fit; a
    section that goes on in a new column has its heading again, marked continued."""
    width = (pdf.w - 2 * GUIDE_MARGIN - GUTTER) / 2
    bottom = pdf.h - FOOTER_SPACE
    column, y, heading = 0, top, None
    for group in groups:
        heading = group[0] if group[0].heading else heading
        needed = sum(block.height(pdf, width, spacing) for block in group)
        if y + needed > bottom:
            if column == 0:
                column, y = 1, top
            else:
                pdf.add_page()
                column, top, y = 0, GUIDE_MARGIN, GUIDE_MARGIN
            if heading is not None and not group[0].heading:
                group = [Block(f"{heading.text} (CONTINUED)", "B", BODY_PT, 0.0, heading=True), *group]
        for block in group:
            y += block.space_before * spacing[1]
            pdf.set_xy(GUIDE_MARGIN + column * (width + GUTTER), y)
            pdf.set_font(pdf.body_font, block.style, block.size)
            pdf.multi_cell(width, block.size * 0.42 * spacing[0], printed(block.text), align="L")
            y = pdf.get_y()


def guide_key(voice: Voice) -> str:
    """The printed guide's key to the brackets after each point, naming its relations in the presenter's voice."""
    relations = [lowered(label) for label in relation_labels(voice).values()]
    return (f"[In brackets: how the point relates to the review ({', '.join(relations[:-1])}, or {relations[-1]}) "
            "and how widely it holds, in the paper's own words.]")


def levels_key(claims: dict, source: object = None) -> str | None:
    """What each confidence level the points below give means, as the screen shows on demand; None where no point
    rests on an assessed finding. `source` says whose words the meanings are."""
    meanings = {}
    for claim in claims.values():
        for judged in as_list(claim.get("confidences")):
            if isinstance(judged["label"], str):
                meanings.setdefault(judged["label"], judged["meaning"])
    if not meanings:
        return None
    whose = f" ({text_or_none(source)})" if text_or_none(source) else ""
    return (f"[What the confidence levels below mean{whose}: "
            + "; ".join(f"{label}: {lowered(meaning)}" for label, meaning in meanings.items()) + ".]")


NO_ADDRESS = "the dashboard's address has not been configured (ask whoever runs it)"


def confidence_statement(guidance) -> tuple[str, str] | None:
    """What the guide says of confidence, as (label, sentence): that the authors judged their findings with a method
    (`confidence_method`, where any finding is assessed), else the guidance's note on why there is no rating."""
    method = text_or_none(guidance.get("confidence_method"))
    if method:
        return ("Confidence in the findings.", f"The review's authors judged how much confidence each of their "
                f"findings deserves, with {method}; each finding's level and the reasons are on the dashboard.")
    note = text_or_none(guidance.get("confidence_note"))
    return ("No confidence rating.", note) if note else None


def clinician_guide_pdf(points, claims: dict, review, build, guidance, address: str | None, notes=None,
                        note_claims: dict | None = None) -> bytes:
    """The talking points in two columns under the disclaimer, each with its relation and strength; overleaf, every
    point's practice advice (the suggested words among it) and the notes on what the evidence as a whole rests on
    (`notes`, rows of the `evidence_notes` query, with their claims).
    Points that would run onto a second sheet are set with their lines a little closer (the type keeps its size)
    when that puts them on one, so that no point, a safeguarding one least of all, is left off the front."""
    blocks = _guide_blocks(points, claims)
    advice = _advice_blocks(points, claims)
    overleaf = advice + (_note_blocks(notes, note_claims, first=not advice) if notes is not None and len(notes)
                         else [])
    key = levels_key({**claims, **(note_claims or {})}, guidance.get("confidence_source"))
    return _on_one_sheet_if_closer_fits(
        lambda spacing: _guide(blocks, overleaf, review, build, guidance, address, spacing, key), closer=(0.88, 0.6),
        sheets=2 if overleaf else 1)


def _guide(blocks: list[list[Block]], overleaf: list[list[Block]], review, build, guidance, address: str | None,
           spacing: Spacing, levels: str | None = None) -> Handout:
    where = f"Evidence, quotes and sources for every point: {address or NO_ADDRESS}."
    pdf = Handout(_footer(review, build, where), GUIDE_MARGIN, guidance["title"],
                  f"Talking points for clinicians, drawn from {review_citation(review)}",
                  " ".join([guidance["disclaimer"], *(confidence_statement(guidance) or ()), levels or ""]
                           + [b.text for group in blocks + overleaf for b in group]))
    pdf.set_auto_page_break(False)  # the columns are placed by hand
    pdf.add_page()
    _paragraph(pdf, guidance["title"], 14, "B", 6.5)
    pdf.ln(1)
    _paragraph(pdf, guidance["disclaimer"], BODY_PT, "I", 4.3)
    stated = confidence_statement(guidance)
    if stated:
        _paragraph(pdf, " ".join(stated), BODY_PT, "I", 4.3)
    _paragraph(pdf, guide_key(voice_of(review.get("presented_by"))), BODY_PT, "", 4.3)
    if levels:
        _paragraph(pdf, levels, BODY_PT, "", 4.3)
    pdf.set_draw_color(120, 120, 120)
    pdf.line(GUIDE_MARGIN, pdf.get_y() + 1.5, pdf.w - GUIDE_MARGIN, pdf.get_y() + 1.5)
    _draw_columns(pdf, blocks, pdf.get_y() + 1.5, spacing)
    if overleaf:
        pdf.add_page()
        _draw_columns(pdf, overleaf, GUIDE_MARGIN, spacing)
    return pdf


WRITE_IN = "Write your local numbers here:"
WRITE_IN_LINES = ("Your health professional:", "Urgent help:", "Emergency number:")  # unless the leaflet names its own


def write_in_lines(leaflet) -> list[str]:
    """The labelled lines of the box the leaflet leaves for local numbers: the leaflet's own, or neutral ones."""
    return as_list(leaflet.get("write_in")) or list(WRITE_IN_LINES)


def _contacts(pdf: FPDF, contacts: list[str], labels: list[str]) -> None:
    """The deployment's local contacts, or a box with labelled lines to write them in; never an invented number."""
    if contacts:
        for contact in contacts:
            _paragraph(pdf, f"-  {contact}", 12.5, "B", 6)
        return
    _paragraph(pdf, WRITE_IN, 12.5, "", 6)
    top, height = pdf.get_y() + 1, 9.0 * len(labels) + 2
    pdf.set_draw_color(60, 60, 60)
    pdf.rect(pdf.l_margin, top, pdf.w - pdf.l_margin - pdf.r_margin, height)
    pdf.set_font(pdf.body_font, "", 12)
    for index, label in enumerate(labels):
        y = top + 2 + index * 9.0
        pdf.set_xy(pdf.l_margin + 2, y)
        pdf.cell(0, 7, printed(label))
        pdf.line(pdf.l_margin + 62, y + 6, pdf.w - pdf.r_margin - 3, y + 6)
    pdf.set_y(top + height + 1)


def patient_leaflet_pdf(leaflet, contacts: list[str]) -> bytes:
    """The plain-language leaflet in large type, spoken to the patient: no staff notes, local crisis contacts, and
    nothing meant for staff (no citation, caveat or data version: the guide page gives those beside the button).
    A leaflet that would spill a few lines onto a second sheet is set with its lines a little closer (the type
    keeps its size) when that puts it on one."""
    return _on_one_sheet_if_closer_fits(lambda spacing: _leaflet(leaflet, contacts, spacing), closer=(0.88, 0.88))


LEAFLET_SUBJECT = "A leaflet for patients"


def handout_gaps(points, notes, guidance, leaflet, contacts: list[str]) -> list[str]:
    """The characters of the guide's and the leaflet's text that no font on this machine can draw."""
    texts = [guidance["title"], guidance["disclaimer"], *(confidence_statement(guidance) or ()),
             *points.title, *points.short, *leaflet_texts(leaflet, contacts)]
    if notes is not None and len(notes):
        texts += [*notes.topic, *notes.text]
    text = " ".join(map(str, texts))
    if fonts.latin_family() is None:  # the core font: what Latin-1 cannot show, even without its accent
        return sorted({ch for ch in set(text) if ch != "?" and "?" in latin1(ch)})
    return fonts.uncovered(text)


def leaflet_texts(leaflet, contacts: list[str]) -> list[str]:
    """Every text the leaflet prints, for its fonts and for a check that each can be drawn."""
    texts = [leaflet["title"], leaflet["intro"], *contacts, *write_in_lines(leaflet), WRITE_IN]
    for part in leaflet["sections"]:
        texts += [part["heading"], *([part["text"]] if text_or_none(part.get("text")) is not None else []),
                  *as_list(part.get("bullets"))]
    return texts


def _leaflet(leaflet, contacts: list[str], spacing: Spacing) -> Handout:
    lines, gaps = spacing
    pdf = Handout("", 18, leaflet["title"], LEAFLET_SUBJECT, " ".join(leaflet_texts(leaflet, contacts)))
    pdf.add_page()
    _paragraph(pdf, leaflet["title"], 18, "B", 8.5)
    pdf.ln(2 * gaps)
    _paragraph(pdf, leaflet["intro"], 12.5, "", 6 * lines)
    for part in leaflet["sections"]:
        pdf.ln(3 * gaps)
        _paragraph(pdf, part["heading"], 14, "B", 7 * lines)
        if text_or_none(part.get("text")) is not None:
            _paragraph(pdf, part["text"], 12.5, "", 6 * lines)
        for bullet in as_list(part.get("bullets")):
            _paragraph(pdf, f"-  {bullet}", 12.5, "", 6 * lines)
        if part.get("crisis"):
            _contacts(pdf, contacts, write_in_lines(leaflet))
    return pdf
