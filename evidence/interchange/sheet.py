"""Read a review's extraction spreadsheet (.xlsx or .csv) into a Synthesis, and write the template to extract into.

A workbook has up to three sheets, found by name: studies, quotes and findings (one sheet, or a CSV, is the quotes).
Columns are found by name, case-blind, with the synonyms review teams use ("illustration", "extract", "verbatim").
Real sheets are messy; this reader takes what is unambiguous and reports the rest, every problem at once, each with
its sheet, row, column and a fix:
- merged cells stand for their top-left value in every row they span;
- surrounding spaces are trimmed (a quote's inner text is kept as written);
- numbers stored as text, and whole numbers stored as decimals, are read as numbers where a number is meant;
- a page written "p. 12", "pp. 12-13", "12–13" or "e104" is read as the printed page;
- a page Excel turned into a date (12-13 typed into a date-formatted cell) is reported, never guessed back;
- a quote wrapped in quote marks, straight or curly, loses the outer pair only;
- blank rows are skipped;
- a column the reader does not know is listed as not imported, never dropped silently.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..confidence import CERQUAL, METHODS
from ..format.yaml_file import FORBIDDEN, MAX_TEXT_CHARS
from .synthesis import (
    COMPONENTS,
    Finding,
    ImportProblem,
    Quote,
    Study,
    Subtheme,
    Synthesis,
    Theme,
    parse_page,
    slug,
    year_of,
)

MAX_SHEET_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
HEADER_SEARCH_ROWS = 10  # a title or a note may sit above the header row

# Each sheet's columns: the name the template writes, the synonyms read as it, whether it must be there, and the
# note the template's header carries.
@dataclass(frozen=True)
class Column:
    key: str
    header: str
    synonyms: tuple[str, ...]
    required: bool
    note: str


STUDY_COLUMNS = (
    Column("id", "Study id", ("id", "study id", "study code"), False,
           "Optional: a short id (letters, digits, _). Made from the citation if left empty."),
    Column("citation", "Citation",
           ("citation", "study", "reference", "author year", "study citation", "short citation"), True,
           "The study's in-text citation exactly as the review prints it, e.g. Moore et al. 2016."),
    Column("year", "Year", ("year", "publication year", "year of publication"), False,
           "Publication year; read from the citation if left empty."),
    Column("authors", "Authors", ("authors", "author", "author(s)"), False,
           "Authors in order, separated by semicolons: Moore D.; Ayers S."),
    Column("title", "Title", ("title", "study title", "article title"), False, "The study's title."),
    Column("journal", "Journal", ("journal", "source title", "publication"), False, "The journal."),
    Column("source", "Source type", ("source type", "data type", "data source", "type of data"), False,
           "What the study analysed, in your words (e.g. interview, forum post): one label per kind."),
    Column("aim", "Aim", ("aim", "aims", "study aim", "objective", "objectives"), False, "The aim as printed."),
    Column("n", "Sample", ("n", "sample", "sample size", "participants"), False,
           "The sample as printed, e.g. 1,421 messages."),
    Column("location", "Location", ("location", "country", "setting", "countries"), False, "Location as printed."),
    Column("definition", "Definition", ("definition", "condition definition", "definition used"), False,
           "How the study defined the topic, as printed."),
    Column("data_collection", "Data collection", ("data collection", "data collection method", "methods"), False,
           "Data collection as printed."),
    Column("analysis", "Analysis", ("analysis", "analysis method", "data analysis", "analytic approach"), False,
           "Analysis as printed."),
)
QUOTE_COLUMNS = (
    Column("id", "Quote id", ("id", "quote id", "extract id"), False,
           "Optional: a short id (letters, digits, _). Numbered in order if left empty."),
    Column("study", "Study", ("study", "study id", "citation", "source study", "study citation"), True,
           "The study the review cites for the quote: its citation or id from the Studies sheet."),
    Column("theme", "Theme", ("theme", "theme name", "analytical theme", "third order theme"), True,
           "The theme in whose section the review prints the quote."),
    Column("subthemes", "Subtheme", ("subtheme", "subthemes", "sub theme", "sub-theme", "descriptive theme",
                                     "category"), True,
           "The subtheme(s) the quote illustrates; several separated by semicolons."),
    Column("text", "Quote", ("quote", "quotation", "illustration", "extract", "verbatim", "excerpt", "data extract",
                             "text", "verbatim quote"), True,
           "The quote word for word, as the review prints it (outer quote marks are dropped)."),
    Column("page", "Page", ("page", "pages", "page number", "page no", "p", "pg"), False,
           "The page the review cites, as printed: 12, 12-13, e104. Type 12-13 as text ('12-13) so Excel "
           "does not make it a date."),
    Column("printed_citation", "Printed citation", ("printed citation", "citation as printed"), False,
           "Optional: the citation exactly as printed beside the quote; made from the study and page if empty."),
    Column("source", "Source type", ("source type", "data type", "type of data"), False,
           "What the quote comes from (e.g. interview, forum post), if not the study's own source type."),
    Column("coded", "Coded types", ("coded types", "coded type", "codes", "tags", "types"), False,
           "Optional: the types you code the quote with, separated by semicolons."),
    Column("language", "Language", ("language",), False, "The language the quote is printed in, if not the review's."),
    Column("content_note", "Content note", ("content note", "content warning", "trigger warning"), False,
           "Name distressing content (self-harm, harm to a child): the quote stays closed until opened."),
)
THEME_COLUMNS = (
    Column("theme", "Theme", ("theme", "theme name", "analytical theme"), True, "The theme's name as printed."),
    Column("subtheme", "Subtheme", ("subtheme", "sub theme", "sub-theme", "descriptive theme", "category"), True,
           "One of the theme's subthemes as printed: one row per subtheme, in the review's order."),
    Column("theme_description", "Theme summary", ("theme summary", "theme description"), False,
           "The theme in your words, keeping the paper's hedges (on any one row of the theme)."),
    Column("description", "Subtheme description", ("subtheme description", "description"), False,
           "What the subtheme covers, in your words."),
)
FINDING_COLUMNS = (
    Column("id", "Finding id", ("id", "finding id"), False, "Optional: a short id; made from the number if empty."),
    Column("number", "Number", ("number", "no", "finding number", "#", "n"), False,
           "The finding's number in the review's summary of findings; in order if empty."),
    Column("text", "Finding", ("finding", "review finding", "summarised review finding", "summary of review finding",
                               "summary of finding", "findings"), True, "The finding as the review words it."),
    Column("studies", "Studies", ("studies", "contributing studies", "studies contributing", "study"), True,
           "The contributing studies (citations or ids), separated by semicolons."),
    Column("theme", "Theme", ("theme",), False, "The theme the finding sits under, if any."),
    Column("subtheme", "Subtheme", ("subtheme", "sub theme", "sub-theme"), False, "The subtheme, if any."),
    Column("quotes", "Quotes", ("quotes", "quote ids", "supporting quotes", "illustrations"), False,
           "Ids of the quotes (Quotes sheet) that support the finding, separated by semicolons."),
    *(column for component in METHODS[CERQUAL].components for column in (
        Column(component.id, component.label, (component.label.lower(), component.id.replace("_", " ")), False,
               f"{component.label}: {component.meaning} One of: "
               + "; ".join(level.label for level in component.levels) + "."),
        Column(f"{component.id}_explanation", f"{component.label}: explanation",
               (f"{component.label.lower()} explanation", f"{component.id.replace('_', ' ')} explanation",
                f"explanation {component.label.lower()}"), False,
               f"Why {component.label.lower()} has that level."))),
    Column("confidence", "Confidence", ("confidence", "cerqual assessment", "grade cerqual assessment",
                                        "overall confidence", "cerqual", "assessment of confidence"), False,
           "The overall level: " + "; ".join(level.label for level in METHODS[CERQUAL].overall) + "."),
    Column("explanation", "Explanation",
           ("explanation", "explanation of cerqual assessment", "explanation of judgement",
            "explanation of confidence"), False, "Why the finding has that level."),
)
SHEETS = {"studies": (("studies", "included studies", "study characteristics", "characteristics"), STUDY_COLUMNS),
          "themes": (("themes", "codebook", "code book", "theme list", "themes and subthemes"), THEME_COLUMNS),
          "quotes": (("quotes", "quotations", "illustrations", "extracts", "extraction", "data", "data extraction"),
                     QUOTE_COLUMNS),
          "findings": (("findings", "summary of findings", "sof", "cerqual", "evidence profile"), FINDING_COLUMNS)}
SEPARATORS = re.compile(r"\s*[;\n]\s*")
OUTER_MARKS = (('"', '"'), ("\u201c", "\u201d"), ("\u2018", "\u2019"), ("'", "'"), ("\u00ab", "\u00bb"))


def fold(text: str) -> str:
    """A name as the reader matches it: case, curly quotes, spacing and punctuation aside."""
    text = str(text).replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"\(.*?\)", " ", text.casefold()).replace("&", " and ")
    return " ".join(re.sub(r"[^\w#']+", " ", text).split())


@dataclass
class Cell:
    """One cell's value with where it was, for a problem."""

    value: object
    row: int
    column: str  # its header as written
    letter: str


@dataclass
class Table:
    """One sheet: its name as written, the row of its header, and each data row's cells by column key."""

    file: str
    name: str
    header_row: int
    rows: list[tuple[int, dict[str, Cell]]] = field(default_factory=list)
    present: set[str] = field(default_factory=set)
    headers: dict[str, str] = field(default_factory=dict)  # each known column's header as written, with its letter

    def where(self, cell_or_row, column: Column | None = None) -> str:
        if isinstance(cell_or_row, Cell):
            return f"{self.file}, sheet '{self.name}', row {cell_or_row.row}, column '{cell_or_row.column}' " \
                   f"({cell_or_row.letter})"
        where = f"{self.file}, sheet '{self.name}', row {cell_or_row}"
        return where + (f", column {self.headers.get(column.key, repr(column.header))}" if column else "")


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Refused(Exception):
    """A workbook refused before it is unpacked, with the problems that say why."""

    def __init__(self, problems: list[ImportProblem]):
        super().__init__("refused")
        self.problems = problems


def _grid_xlsx(path: Path) -> list[tuple[str, list[list[object]]]]:
    """Every sheet's cells, merged ranges filled with their top-left value. The workbook (a zip) is bounded as a
    .qdpx is before openpyxl unpacks it; openpyxl parses its XML with defusedxml, which is installed."""
    import zipfile

    import openpyxl

    from .qdpx import archive_problems

    with zipfile.ZipFile(path) as archive:
        problems = archive_problems(archive, path.name, "save the workbook again from your spreadsheet program")
    if problems:
        raise Refused(problems)
    book = openpyxl.load_workbook(path, data_only=True)  # the values Excel last computed, not formulas
    sheets = []
    for sheet in book.worksheets:
        if sheet.max_row > MAX_ROWS:
            raise ValueError(f"sheet '{sheet.title}' has {sheet.max_row:,} rows, more than the {MAX_ROWS:,} read")
        grid = [list(row) for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            top = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(grid) else None
            for r in range(merged.min_row, min(merged.max_row, len(grid)) + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if c - 1 < len(grid[r - 1]):
                        grid[r - 1][c - 1] = top
        sheets.append((sheet.title, grid))
    return sheets


def _grid_csv(path: Path) -> list[tuple[str, list[list[object]]]]:
    text = path.read_bytes().decode("utf-8-sig")
    try:
        dialect = csv.Sniffer().sniff(text[:20_000], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [(path.stem, [list(row) for row in csv.reader(io.StringIO(text), dialect)])]


def _header(grid: list[list[object]], columns: tuple[Column, ...]) -> tuple[int, dict[int, Column], list[str]]:
    """The header row (0-based), the known column at each index, and the headers not known."""
    names = {fold(s): c for c in columns for s in (c.header, c.key, *c.synonyms)}
    best = (0, {}, [])
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        found, unknown = {}, []
        for i, value in enumerate(row):
            if value is None or not str(value).strip():
                continue
            column = names.get(fold(value))
            if column and column not in found.values():
                found[i] = column
            else:
                unknown.append(str(value).strip())
        if len(found) > len(best[1]):
            best = (r, found, unknown)
    return best


def _table(file: str, name: str, grid, columns, problems: list[ImportProblem], notes: list[str]) -> Table | None:
    header, found, unknown = _header(grid, columns)
    table = Table(file, name, header + 1)
    if not found:
        problems.append(ImportProblem(f"{file}, sheet '{name}'", "has no header row the import knows",
                                      "put the column names in the first row: " +
                                      ", ".join(c.header for c in columns if c.required) + " (see the template)"))
        return None
    table.present = {c.key for c in found.values()}
    table.headers = {c.key: f"'{str(grid[header][i]).strip()}' ({_letter(i)})" for i, c in found.items()}
    for column in columns:
        if column.required and column.key not in table.present:
            problems.append(ImportProblem(
                f"{file}, sheet '{name}', row {header + 1}", f"has no '{column.header}' column",
                f"add a column headed '{column.header}' (also read as: {', '.join(column.synonyms)})"))
    for label in unknown:
        notes.append(f"{file}, sheet '{name}': column '{label}' is not one the import reads; its cells were not "
                     "imported")
    for r, row in enumerate(grid[header + 1:], start=header + 2):
        cells = {column.key: Cell(row[i], r, str(grid[header][i]).strip(), _letter(i))
                 for i, column in found.items() if i < len(row)}
        if any(_text(c.value) for c in cells.values()):
            table.rows.append((r, cells))
    return table


def _text(value) -> str:
    """A cell as text: trimmed, a whole number without its '.0', a line break as \\n."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


@dataclass
class Reader:
    """Turns the tables into a Synthesis, collecting every problem."""

    file: str
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def report(self, where: str, message: str, fix: str) -> None:
        self.problems.append(ImportProblem(where, message, fix))

    def text(self, table: Table, cells: dict[str, Cell], key: str) -> str:
        cell = cells.get(key)
        if cell is None:
            return ""
        if isinstance(cell.value, (dt.datetime, dt.date, dt.time)):
            self.report(table.where(cell), f"holds a date ({cell.value}), where text is meant",
                        "format the cell as text and type the value again")
            return ""
        value = _text(cell.value)
        bad = FORBIDDEN.search(value)
        if bad:
            self.report(table.where(cell), f"holds an invisible control character (U+{ord(bad.group(0)):04X})",
                        "retype the cell, or paste it as plain text")
        elif len(value) > MAX_TEXT_CHARS:
            self.report(table.where(cell), f"holds {len(value):,} characters, more than {MAX_TEXT_CHARS:,}",
                        "check the cell holds one value only")
        return value

    def many(self, table: Table, cells: dict[str, Cell], key: str) -> list[str]:
        return [part for part in SEPARATORS.split(self.text(table, cells, key)) if part]

    def studies(self, table: Table | None) -> dict[str, Study]:
        """Studies by folded id and folded citation."""
        known: dict[str, Study] = {}
        if table is None:
            return known
        taken: set[str] = set()
        for row, cells in table.rows:
            citation = self.text(table, cells, "citation")
            if not citation:
                self.report(table.where(row, STUDY_COLUMNS[1]), "has no citation",
                            "give the study's in-text citation, or delete the row")
                continue
            ident = self._id(table, cells, citation, "study", taken)
            year = self._year(table, cells, citation, row)
            study = Study(ident, citation, year, self.many(table, cells, "authors"), self.text(table, cells, "title"),
                          self.text(table, cells, "journal"), self.text(table, cells, "source"),
                          {key: self.text(table, cells, key) for key in
                           ("aim", "n", "location", "definition", "data_collection", "analysis")
                           if self.text(table, cells, key)})
            for key in (fold(ident), fold(citation)):
                if key in known:
                    self.report(table.where(row, STUDY_COLUMNS[1]), f"repeats study '{citation}'",
                                "give each study one row")
                known[key] = study
        return known

    def _id(self, table, cells, name: str, fallback: str, taken: set[str]) -> str:
        given = self.text(table, cells, "id")
        if given and not re.fullmatch(r"[a-z][a-z0-9_]*", given):
            self.report(table.where(cells["id"]), f"id '{given}' is not lowercase letters, digits and underscores",
                        f"write it as {slug(given, fallback, set(taken))}, or leave it empty")
        if given in taken:
            self.report(table.where(cells["id"]), f"id '{given}' is used twice", "give each row its own id")
        if given:
            taken.add(given)
            return given
        return slug(name, fallback, taken)

    def _year(self, table, cells, citation: str, row: int) -> int | None:
        cell = cells.get("year")
        raw = cell.value if cell else None
        if isinstance(raw, (dt.datetime, dt.date)):
            self.report(table.where(cell), f"holds a date ({raw}), where a year is meant",
                        "format the cell as a number and type the year")
            return None
        text = _text(raw)
        if text:
            if re.fullmatch(r"(19|20)\d\d", text):
                return int(text)
            self.report(table.where(cell), f"year '{text}' is not a year", "write the year as four digits")
            return None
        year = year_of(citation)
        if year is None:
            self.report(table.where(row, STUDY_COLUMNS[2]), f"has no year and the citation '{citation}' gives none",
                        "fill the Year column")
        return year

    def study_of(self, table: Table, cell: Cell | None, studies: dict[str, Study], derived: bool) -> Study | None:
        name = self.text(table, {"study": cell}, "study") if cell else ""
        if not name:
            self.report(table.where(cell) if cell else table.where(0), "names no study",
                        "give the study's citation or id")
            return None
        found = studies.get(fold(name))
        if found is None and derived:
            year = year_of(name)
            if year is None:
                self.report(table.where(cell), f"study '{name}' gives no year",
                            "write the citation with its year (Moore et al. 2016), or add a Studies sheet")
            found = Study(slug(name, "study", {s.id for s in studies.values()}), name, year)
            studies[fold(name)] = studies[fold(found.id)] = found
        if found is None:
            close = difflib.get_close_matches(fold(name), list(studies), n=1)
            self.report(table.where(cell), f"names study '{name}', which is not on the Studies sheet",
                        f"did you mean '{studies[close[0]].citation}'?" if close else
                        "add the study to the Studies sheet, or correct the name")
        return found

    def page(self, table: Table, cells: dict[str, Cell]) -> int | str | None:
        cell = cells.get("page")
        if cell is None or cell.value is None or not _text(cell.value):
            return None
        if isinstance(cell.value, (dt.datetime, dt.date)):
            self.report(table.where(cell), f"Excel stored this page as a date ({cell.value:%d %B %Y})",
                        "format the column as text and type the page again as printed (for example 12-13)")
            return None
        page = parse_page(cell.value)
        if page is None:
            self.report(table.where(cell), f"page '{_text(cell.value)}' is not a page as printed",
                        "write the page as the review prints it: 12, 12-13, p. 12 or e104")
        return page


def _unwrap(text: str) -> str:
    """A quote without the one pair of quote marks around all of it, if it has one."""
    for left, right in OUTER_MARKS:
        if len(text) > 2 and text.startswith(left) and text.endswith(right) and left not in text[1:-1] \
                and right not in text[1:-1]:
            return text[1:-1].strip()
    return text


def _level(value: str, levels) -> str | None:
    """The id of the level `value` names (its id or label, with or without 'concerns' or 'confidence')."""
    wanted = fold(value).replace("_", " ")
    for level in levels:
        for name in (level.id.replace("_", " "), fold(level.label)):
            if wanted in (name, f"{name} concerns", f"{name} confidence", name.removesuffix(" concerns")):
                return level.id
    return None


def _read_tables(path: Path, problems, notes) -> dict[str, Table]:
    grids = _grid_csv(path) if path.suffix.lower() in (".csv", ".tsv", ".txt") else _grid_xlsx(path)
    tables: dict[str, Table] = {}
    for name, grid in grids:
        kind = next((k for k, (names, _) in SHEETS.items() if fold(name) in names), None)
        if kind is None and len(grids) == 1:
            kind = "quotes"
        if kind is None:
            if fold(name) not in ("read me", "readme", "instructions", "notes", "lists"):
                notes.append(f"{path.name}: sheet '{name}' is not one the import reads (studies, quotes, findings); "
                             "its cells were not imported")
            continue
        table = _table(path.name, name, grid, SHEETS[kind][1], problems, notes)
        if table is not None:
            tables[kind] = table
    if "quotes" not in tables and not problems:
        problems.append(ImportProblem(path.name, "has no quotes sheet", "name the sheet of quotes 'Quotes'"))
    return tables


def read_sheet(path: Path) -> tuple[Synthesis | None, list[ImportProblem]]:
    """The synthesis a spreadsheet holds, or None and every problem found."""
    problems: list[ImportProblem] = []
    synthesis = Synthesis(origin=f"the spreadsheet {path.name}")
    try:
        if path.stat().st_size > MAX_SHEET_BYTES:
            return None, [ImportProblem(path.name, f"is larger than {MAX_SHEET_BYTES // 2**20} MB",
                                        "split it, or remove what the import does not read")]
        tables = _read_tables(path, problems, synthesis.notes)
    except Refused as refused:
        return None, refused.problems
    except UnicodeDecodeError:
        return None, [ImportProblem(path.name, "is not UTF-8 text", "save the CSV as 'CSV UTF-8'")]
    except Exception as exc:  # noqa: BLE001 - a damaged or foreign file, however the library says so
        return None, [ImportProblem(path.name, f"could not be read as a spreadsheet ({type(exc).__name__}: {exc})",
                                    "save it again from your spreadsheet program as .xlsx or CSV UTF-8")]
    if problems:
        return None, problems
    reader = Reader(path.name, problems, synthesis.notes)
    studies = reader.studies(tables.get("studies"))
    synthesis.themes = _themes(reader, tables.get("themes"))
    _quotes(reader, tables["quotes"], studies, synthesis, declared="themes" in tables)
    if not synthesis.quotes and not problems:
        reader.report(f"{path.name}, sheet '{tables['quotes'].name}'", "has no quote rows",
                      "add one row per quote: its study, theme, subtheme, quote and page")
    if "findings" in tables:
        _findings(reader, tables["findings"], studies, synthesis)
    synthesis.studies = list({id(s): s for s in studies.values()}.values())
    if "studies" not in tables:
        _near_alike(synthesis)
    used = {q.study for q in synthesis.quotes}
    for study in synthesis.studies:
        if study.id not in used:
            reader.notes.append(f"study '{study.citation}' has no quote; it is imported as an included study")
    return (None, problems) if problems else (synthesis, [])


def _themes(reader: Reader, table: Table | None) -> list[Theme]:
    """The theme tree a Themes sheet declares, in its order (none without one)."""
    themes: dict[str, Theme] = {}
    if table is None:
        return []
    theme_ids: set[str] = set()
    subtheme_ids: set[str] = set()
    for row, cells in table.rows:
        name, sub_name = reader.text(table, cells, "theme"), reader.text(table, cells, "subtheme")
        if not name or not sub_name:
            reader.report(table.where(row, THEME_COLUMNS[0 if not name else 1]),
                          f"has no {'theme' if not name else 'subtheme'}", "give both the theme and one subtheme")
            continue
        theme = themes.get(fold(name))
        if theme is None:
            theme = themes[fold(name)] = Theme(slug(name, "theme", theme_ids), name)
        theme.description = theme.description or reader.text(table, cells, "theme_description")
        if any(fold(s.name) == fold(sub_name) for s in theme.subthemes):
            reader.report(table.where(row, THEME_COLUMNS[1]), f"repeats subtheme '{sub_name}' of '{name}'",
                          "list each subtheme once")
            continue
        theme.subthemes.append(Subtheme(slug(sub_name, f"{theme.id}_sub", subtheme_ids), sub_name,
                                        reader.text(table, cells, "description")))
    return list(themes.values())


def _subtheme(reader: Reader, table: Table, cell: Cell, name: str, theme: Theme, themes: list[Theme]) -> str | None:
    """The id of the subtheme `name` names: the row's theme's own first, else the one of another theme so named."""
    own = next((s for s in theme.subthemes if fold(s.name) == fold(name)), None)
    others = [s for t in themes if t is not theme for s in t.subthemes if fold(s.name) == fold(name)]
    if own or len(others) == 1:
        return (own or others[0]).id
    if others:
        reader.report(table.where(cell), f"subtheme '{name}' belongs to several themes, none of them '{theme.name}'",
                      "name the subtheme of the quote's own theme, or rename the subthemes apart")
        return None
    every = [s.name for t in themes for s in t.subthemes]
    close = difflib.get_close_matches(name, every, n=1)
    reader.report(table.where(cell), f"names subtheme '{name}', which the Themes sheet does not list",
                  f"did you mean '{close[0]}'?" if close else "add it to the Themes sheet, or correct the name")
    return None


def _near_alike(synthesis: Synthesis) -> None:
    """Studies made from the quotes' own citations that are written almost alike: a note, since they may be one
    study misspelt (Brennan 2018, Brenan 2018) or two (Smith 2018a, Smith 2018b)."""
    citations = [s.citation for s in synthesis.studies]
    for i, one in enumerate(citations):
        for other in citations[i + 1:]:
            if difflib.SequenceMatcher(None, fold(one), fold(other)).ratio() >= 0.9:
                synthesis.notes.append(f"studies '{one}' and '{other}' are written almost alike: if they are one "
                                       "study, write it one way (or list the studies on a Studies sheet, which "
                                       "names any study it lacks)")


def _quotes(reader: Reader, table: Table, studies: dict[str, Study], synthesis: Synthesis, declared: bool) -> None:
    themes: dict[str, Theme] = {fold(t.name): t for t in synthesis.themes}
    theme_ids: set[str] = {t.id for t in synthesis.themes}
    subtheme_ids: set[str] = {s.id for t in synthesis.themes for s in t.subthemes}
    quote_ids: set[str] = set()
    derived = not studies
    for row, cells in table.rows:
        study = reader.study_of(table, cells.get("study"), studies, derived)
        theme_name = reader.text(table, cells, "theme")
        text = _unwrap(reader.text(table, cells, "text"))
        if not theme_name:
            reader.report(table.where(row, QUOTE_COLUMNS[2]), "names no theme", "give the theme's name")
        if not text:
            reader.report(table.where(row, QUOTE_COLUMNS[4]), "has no quote", "paste the quote, or delete the row")
        subtheme_names = reader.many(table, cells, "subthemes")
        if not subtheme_names:
            reader.report(table.where(row, QUOTE_COLUMNS[3]), "names no subtheme",
                          "name the subtheme the quote illustrates")
        page = reader.page(table, cells)
        ident = reader._id(table, cells, f"q{len(synthesis.quotes) + 1:03d}", "q", quote_ids)
        if study is None or not theme_name or not text or not subtheme_names:
            continue
        theme = themes.get(fold(theme_name))
        if theme is None and declared:
            close = difflib.get_close_matches(theme_name, [t.name for t in themes.values()], n=1)
            reader.report(table.where(cells["theme"]), f"names theme '{theme_name}', which the Themes sheet does "
                          "not list", f"did you mean '{close[0]}'?" if close else "add it to the Themes sheet")
            continue
        if theme is None:
            theme = themes[fold(theme_name)] = Theme(slug(theme_name, "theme", theme_ids), theme_name)
        ids = []
        for name in subtheme_names:
            if declared:
                found = _subtheme(reader, table, cells["subthemes"], name, theme, list(themes.values()))
                if found:
                    ids.append(found)
                continue
            sub = next((s for s in theme.subthemes if fold(s.name) == fold(name)), None)
            if sub is None:
                sub = Subtheme(slug(name, f"{theme.id}_sub", subtheme_ids), name)
                theme.subthemes.append(sub)
            ids.append(sub.id)
        if not ids:
            continue
        synthesis.quotes.append(Quote(
            ident, study.id, theme.id, ids, text, page, reader.text(table, cells, "printed_citation"),
            reader.text(table, cells, "source") or study.source, reader.many(table, cells, "coded"),
            reader.text(table, cells, "language"), reader.text(table, cells, "content_note")))
    synthesis.themes = list(themes.values())


def _findings(reader: Reader, table: Table, studies: dict[str, Study], synthesis: Synthesis) -> None:
    method = METHODS[CERQUAL]
    themes = {fold(t.name): t for t in synthesis.themes}
    quote_ids = {q.id for q in synthesis.quotes}
    taken: set[str] = set()
    for n, (row, cells) in enumerate(table.rows, 1):
        number_text = reader.text(table, cells, "number")
        number = int(number_text) if number_text.isdigit() else n
        if number_text and not number_text.isdigit():
            reader.report(table.where(cells["number"]), f"number '{number_text}' is not a whole number",
                          "write the finding's number, or leave it empty")
        finding = Finding(reader._id(table, cells, f"finding {number}", "finding", taken), number,
                          reader.text(table, cells, "text"), [])
        for name in reader.many(table, cells, "studies"):
            study = studies.get(fold(name))
            if study is None:
                reader.report(table.where(cells["studies"]), f"names study '{name}', which no quote or study row has",
                              "name the study as the Studies or Quotes sheet does")
            else:
                finding.studies.append(study.id)
        if not finding.studies:
            reader.report(table.where(row, FINDING_COLUMNS[3]), "names no contributing study",
                          "list the studies contributing to the finding")
        theme = themes.get(fold(reader.text(table, cells, "theme")))
        if reader.text(table, cells, "theme") and theme is None:
            reader.report(table.where(cells["theme"]), f"names theme '{reader.text(table, cells, 'theme')}', which "
                          "no quote has", "name the theme as the Quotes sheet does")
        if theme:
            finding.theme = theme.id
            sub_name = reader.text(table, cells, "subtheme")
            sub = next((s for s in theme.subthemes if fold(s.name) == fold(sub_name)), None)
            if sub_name and sub is None:
                reader.report(table.where(cells["subtheme"]), f"names subtheme '{sub_name}', which no quote of "
                              f"theme '{theme.name}' has", "name the subtheme as the Quotes sheet does")
            finding.subtheme = sub.id if sub else ""
        for ident in reader.many(table, cells, "quotes"):
            if ident not in quote_ids:
                reader.report(table.where(cells["quotes"]), f"names quote '{ident}', which the Quotes sheet lacks",
                              "give the ids of the Quote id column")
            finding.quotes.append(ident)
        _assessment(reader, table, cells, method, finding)
        synthesis.findings.append(finding)


def _assessment(reader: Reader, table: Table, cells: dict[str, Cell], method, finding: Finding) -> None:
    """The CERQual columns: all four components and the overall level, or none of them."""
    given = [key for key in (*COMPONENTS, "confidence") if reader.text(table, cells, key)]
    if not given:
        return
    for component in method.components:
        value = reader.text(table, cells, component.id)
        level = _level(value, component.levels) if value else None
        if level is None:
            reader.report(table.where(cells[component.id]) if component.id in cells else
                          table.where(cells[given[0]].row, None) + f", column '{component.label}'",
                          f"{component.label.lower()} is '{value}'" if value else
                          f"gives {', '.join(given)} but no {component.label.lower()} concern",
                          "choose one of: " + "; ".join(lv.label for lv in component.levels))
            continue
        finding.components[component.id] = (level, reader.text(table, cells, f"{component.id}_explanation")
                                            or f"Not explained in {reader.file}.")
    value = reader.text(table, cells, "confidence")
    level = _level(value, method.overall) if value else None
    if level is None:
        reader.report(table.where(cells["confidence"]) if "confidence" in cells else
                      table.where(cells[given[0]].row, None) + ", column 'Confidence'",
                      f"confidence is '{value}'" if value else "gives component concerns but no overall confidence",
                      "choose one of: " + "; ".join(lv.label for lv in method.overall))
        return
    finding.confidence = level
    finding.explanation = reader.text(table, cells, "explanation") or f"Not explained in {reader.file}."
