"""How the evidence is cited: a study's fields as confirmed, a page as printed, a quote ready to paste, the review and
the dashboard as references, and the studies as RIS and BibTeX files. No Streamlit here.

Fields the records could not confirm ("not confirmed") are left out, never filled in.
"""

from __future__ import annotations

import re

from .format.language import NOT_CONFIRMED
from .values import missing

ONLY_FIRST_AUTHOR = "Only the first author is confirmed; the other authors are not listed."
REFERENCE_FIELDS = [("title", "title"), ("journal", "journal"), ("volume", "volume"), ("issue", "issue"),
                    ("pages", "pages"), ("doi", "DOI")]
BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                  "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def confirmed(value) -> str | None:
    """The value as text, or None when it is missing or "not confirmed"."""
    if missing(value):
        return None
    text = str(value).strip()
    return None if not text or text.lower() == NOT_CONFIRMED else text


def _get(row, name: str):
    return row.get(name) if isinstance(row, dict) else getattr(row, name, None)


def author_list(row) -> tuple[list[str], str | None]:
    """The confirmed authors as "Surname I." strings, and a note when only the first author is known."""
    authors = confirmed(_get(row, "authors"))
    if authors:
        return [a.strip() for a in authors.split(";") if a.strip()], None
    first = confirmed(_get(row, "first_author"))
    return ([first], ONLY_FIRST_AUTHOR) if first else ([], None)


INITIAL = re.compile(r"^(?:[^\W\d_]\.?-?)+$")  # "T.", "S.M.", "J-P.", "Ʒ." (any script's letters)


def surname_first(author: str) -> str:
    """ "Alang S.M." as "Alang, S.M." and "Nguyễn T. Ʒ." as "Nguyễn, T. Ʒ.": trailing initials after the surname."""
    words = author.split()
    cut = len(words)
    while cut > 1 and INITIAL.match(words[cut - 1]) and ("." in words[cut - 1] or len(words[cut - 1]) == 1):
        cut -= 1
    surname, initials = " ".join(words[:cut]), " ".join(words[cut:])
    return f"{surname}, {initials}" if initials else author.strip()


def is_article_number(pages: str | None) -> bool:
    """True for an article number such as "e18" or "e2020-117", which is not a page range."""
    return bool(pages) and bool(re.match(r"^[A-Za-z]", pages.strip()))


def page_range(pages: str | None) -> tuple[str | None, str | None]:
    """Start and end page of "405-410"; an article number such as "e18" or "e2020-117" is one value, no end."""
    if not pages:
        return None, None
    if is_article_number(pages):
        return pages.strip(), None
    parts = re.split(r"\s*[-\u2013]+\s*", pages, maxsplit=1)
    start, end = parts[0], parts[1] if len(parts) > 1 else None
    return start or None, end or None


def page_label(page) -> str:
    """A quote's page as a citation prints it: "p. 4", "pp. 109-110", or an article locator such as "e123" as is."""
    text = str(page).strip()
    if text.isdigit():
        return f"p. {text}"
    if re.fullmatch(r"\d+\s*[-\u2013]\s*\d+", text):
        return f"pp. {text}"
    return text


def quote_citation(text: str, citation: str, page, review_citation: str) -> str:
    """A ready-to-paste citation of one quote, with its page as printed and the review that printed it."""
    return f'"{text}" ({citation}, {page_label(page)}; quoted in {review_citation})'


def left_out(row) -> list[str]:
    """The reference fields of the row that the records could not confirm."""
    authors = [] if author_list(row)[0] else ["authors"]
    return authors + [label for field, label in REFERENCE_FIELDS if confirmed(_get(row, field)) is None]


def notes(row, exported_from: str) -> list[str]:
    """What a reader of the file should know: gaps, caveats on the record, and its origin."""
    _, author_note = author_list(row)
    gaps = left_out(row)
    gap_note = f"Left out because public records could not confirm them: {', '.join(gaps)}." if gaps else None
    found = [author_note, gap_note, confirmed(_get(row, "year_note")), confirmed(_get(row, "reference_note"))]
    return [n for n in found if n] + [f"Exported from {exported_from}."]


def _key(row) -> str:
    # Keys must be plain for reference managers and LaTeX; the study id is stable across exports.
    return re.sub(r"[^A-Za-z0-9_:-]", "", str(_get(row, "id"))) or "study"


def ris_record(row, exported_from: str) -> str:
    """One study as an RIS record; unconfirmed fields are left out."""
    journal = confirmed(_get(row, "journal"))
    start, end = page_range(confirmed(_get(row, "pages")))
    authors, _ = author_list(row)
    doi = confirmed(_get(row, "doi"))
    lines = [("TY", "JOUR" if journal else "GEN"), ("ID", _key(row))]
    lines += [("AU", surname_first(a)) for a in authors]
    lines += [("TI", confirmed(_get(row, "title"))), ("T2", journal), ("PY", confirmed(_get(row, "year"))),
              ("VL", confirmed(_get(row, "volume"))), ("IS", confirmed(_get(row, "issue"))),
              ("SP", start), ("EP", end), ("DO", doi), ("UR", f"https://doi.org/{doi}" if doi else None)]
    lines += [("N1", n) for n in notes(row, exported_from)]
    body = [f"{tag}  - {_one_line(value)}" for tag, value in lines if value]
    return "\r\n".join([*body, "ER  - ", ""])


def studies_ris(rows, exported_from: str) -> str:
    """Every study of `rows` (dicts or namedtuples of the `studies` query) as one RIS file."""
    return "\r\n".join(ris_record(row, exported_from) for row in rows)


def bibtex_escape(text: str) -> str:
    """Text with every BibTeX/LaTeX special character escaped."""
    return "".join(BIBTEX_SPECIAL.get(c, c) for c in _one_line(text))


def _bibtex_doi(doi: str) -> str:
    # Styles print the doi field verbatim (as a link), so only what would break brace balance is escaped.
    return "".join(BIBTEX_SPECIAL[c] if c in "{}\\" else c for c in doi)


def bibtex_entry(row, exported_from: str) -> str:
    """One study as a BibTeX entry; unconfirmed fields are left out."""
    journal = confirmed(_get(row, "journal"))
    start, end = page_range(confirmed(_get(row, "pages")))
    authors, only_first = author_list(row)
    names = [bibtex_escape(surname_first(a)) for a in authors]
    if only_first:
        names.append("others")  # BibTeX's own spelling of "et al.": the rest are not confirmed
    doi = confirmed(_get(row, "doi"))
    fields = [("author", " and ".join(names)),
              ("title", _escaped(confirmed(_get(row, "title")))), ("journal", _escaped(journal)),
              ("year", _escaped(confirmed(_get(row, "year")))), ("volume", _escaped(confirmed(_get(row, "volume")))),
              ("number", _escaped(confirmed(_get(row, "issue")))),
              ("pages", "--".join(bibtex_escape(p) for p in (start, end) if p)),
              ("doi", _bibtex_doi(doi) if doi else None),
              ("note", bibtex_escape(" ".join(notes(row, exported_from))))]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{'article' if journal else 'misc'}{{{_key(row)},\n{body}\n}}\n"


def studies_bibtex(rows, exported_from: str) -> str:
    """Every study of `rows` (dicts or namedtuples of the `studies` query) as one BibTeX file."""
    return "\n".join(bibtex_entry(row, exported_from) for row in rows)


def _escaped(value: str | None) -> str | None:
    return bibtex_escape(value) if value else None


def _one_line(text: str) -> str:
    # A line break inside a value would end an RIS field early.
    return " ".join(str(text).split())


def review_reference(review) -> tuple[str, list[str]]:
    """A plain-text reference of the review from its confirmed fields (the year with its caveat, if any), and the
    fields left out."""
    authors = _get(review, "authors")
    names = ", ".join(authors) if authors is not None and len(authors) else None
    volume, issue = confirmed(_get(review, "volume")), confirmed(_get(review, "issue"))
    pages, doi = confirmed(_get(review, "pages")), confirmed(_get(review, "doi"))
    numbering = f"{volume}({issue})" if volume and issue else volume or (f"issue {issue}" if issue else None)
    locator = (pages if is_article_number(pages) else f"pp. {pages}") if pages else None
    source = ", ".join(p for p in [confirmed(_get(review, "journal")), numbering, locator] if p)
    year, year_note = confirmed(_get(review, "year")) or "n.d.", confirmed(_get(review, "year_note"))
    parts = [f"{names or 'Authors not confirmed'} ({year}{'; ' + year_note if year_note else ''}).",
             f"{confirmed(_get(review, 'title'))}." if confirmed(_get(review, "title")) else None,
             f"{source}." if source else None, f"https://doi.org/{doi}" if doi else None]
    fields = [("volume", volume), ("issue", issue), ("pages", pages), ("DOI", doi)]
    return " ".join(p for p in parts if p), [label for label, value in fields if value is None]


def dashboard_reference(name: str, data_version: str, url: str, accessed: str) -> str:
    """A plain-text reference of this dashboard at one data version, accessed on one date."""
    where = f" Available at: {url}." if url else ""
    return f"{name} [online dashboard]. Data version {data_version}.{where} Accessed {accessed}."


def dashboard_name(review_citation: str) -> str:
    """What this dashboard is called in citations and exported records: named after the review it presents."""
    return f"Evidence dashboard of {review_citation}"
