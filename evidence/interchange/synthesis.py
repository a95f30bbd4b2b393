"""What an import reads from a spreadsheet or a REFI-QDA project, before it becomes a synthesis folder: studies,
themes with their subthemes, quotes and (from a spreadsheet) findings with their confidence. Also the small rules
both readers share: ids made from names, pages as printed, and problems that say where and how to fix them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..citations import page_label

COMPONENTS = ("methodological_limitations", "coherence", "adequacy", "relevance")


@dataclass(frozen=True)
class ImportProblem:
    """One thing in the source that stops the import: where (file and its own terms: sheet, row and column, or
    the project's element), what, and how to fix it."""

    where: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}\n    fix: {self.fix}"


@dataclass
class Study:
    id: str
    citation: str
    year: int | None = None
    authors: list[str] = field(default_factory=list)
    title: str = ""
    journal: str = ""
    source: str = ""  # a source type's label, as the source gives it
    characteristics: dict[str, str] = field(default_factory=dict)  # aim, n, location, ... as printed


@dataclass
class Subtheme:
    id: str
    name: str
    description: str = ""


@dataclass
class Theme:
    id: str
    name: str
    subthemes: list[Subtheme] = field(default_factory=list)
    description: str = ""


@dataclass
class Quote:
    id: str
    study: str
    theme: str
    subthemes: list[str]
    text: str
    page: int | str | None = None
    printed_citation: str = ""
    source: str = ""  # a source type's label
    coded: list[str] = field(default_factory=list)  # coded type labels
    language: str = ""
    content_note: str = ""


@dataclass
class Finding:
    id: str
    number: int
    text: str
    studies: list[str]
    theme: str = ""
    subtheme: str = ""
    quotes: list[str] = field(default_factory=list)
    components: dict[str, tuple[str, str]] = field(default_factory=dict)  # component -> (concern, explanation)
    confidence: str = ""
    explanation: str = ""


@dataclass
class Synthesis:
    """Everything one import read, in the source's order."""

    origin: str  # what it was read from, for the files' first comment
    title: str = ""
    studies: list[Study] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the reader did that a person should know


def slug(name: str, fallback: str, taken: set[str]) -> str:
    """An id for `name` (lowercase ASCII letters, digits and underscores; accents folded), unique in `taken`, which
    it joins. A name with no Latin letter or digit (日本語) gets `fallback` and a number."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = "_".join(re.findall(r"[a-z0-9]+", folded))[:40].strip("_") or fallback
    if base[0].isdigit():
        base = f"{fallback}_{base}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}_{n}"
    taken.add(candidate)
    return candidate


PAGE_PREFIX = re.compile(r"^(?:pp?\.?|pages?|s\.|seite)\s*", re.IGNORECASE)  # S. / Seite: German
PAGE_FORM = re.compile(r"^(?:[a-zA-Z]?\d+(?:\s*[-\u2013\u2014]\s*[a-zA-Z]?\d+)?)$")


def parse_page(raw) -> int | str | None:
    """A page as printed ("p. 12" -> 12, "pp. 12-13" -> "12-13", "e104", "12.0" -> 12), or None if it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw if raw >= 1 else None
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() and raw >= 1 else None
    text = PAGE_PREFIX.sub("", str(raw).strip())
    if re.fullmatch(r"\d+(\.0+)?", text):
        number = int(float(text))
        return number if number >= 1 else None
    if PAGE_FORM.fullmatch(text):
        return re.sub(r"\s*[-\u2013\u2014]\s*", "-", text)
    return None


def printed_citation(citation: str, page: int | str | None) -> str:
    """A quote's citation as a review prints it, from its study and page: "Moore et al. 2016, p. 4"."""
    return citation if page is None else f"{citation}, {page_label(page)}"


YEAR_IN = re.compile(r"\b(19\d\d|20\d\d)[a-z]?\b")


def year_of(citation: str) -> int | None:
    """The year a citation names ("Moore et al. 2016a" -> 2016), or None."""
    found = YEAR_IN.findall(citation)
    return int(found[-1]) if found else None
