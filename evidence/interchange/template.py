"""`python -m evidence template FILE.xlsx`: the extraction workbook the spreadsheet import reads. One sheet per
section, each header carrying its note, and drop-downs where a column takes one of a list."""

from __future__ import annotations

from pathlib import Path

from ..confidence import CERQUAL, METHODS
from .sheet import FINDING_COLUMNS, QUOTE_COLUMNS, STUDY_COLUMNS, THEME_COLUMNS, Column

ROWS = 1000  # the rows the drop-downs cover
README = (
    "How to fill this workbook",
    "One row per study on Studies, one row per subtheme on Themes (the theme tree, in the review's order), one row "
    "per quote on Quotes, one row per summarised finding on Findings.",
    "Each column's header has a note (hover over it). Columns in bold are needed; the rest are optional.",
    "Copy quotes from the review's PDF word for word. Type pages as printed: 12, 12-13, e104.",
    "Findings is optional: leave it empty if your review did not judge its findings with GRADE-CERQual.",
    "Then run: python -m evidence import sheet THIS_FILE.xlsx FOLDER, and python -m evidence check FOLDER.",
    "docs/IMPORT.md says what each column means and what the import fills in for you to replace.",
)


def _sheet(book, title: str, columns: tuple[Column, ...]):
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    for i, column in enumerate(columns, 1):
        cell = sheet.cell(row=1, column=i, value=column.header)
        cell.font = Font(bold=column.required)
        cell.comment = Comment(column.note + (" (needed)" if column.required else " (optional)"), "evidence")
        sheet.column_dimensions[get_column_letter(i)].width = 60 if column.key == "text" else 22
    sheet.freeze_panes = "A2"
    return sheet


def _list(sheet, columns: tuple[Column, ...], key: str, choices: str, prompt: str) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    index = next(i for i, c in enumerate(columns, 1) if c.key == key)
    letter = get_column_letter(index)
    rule = DataValidation(type="list", formula1=choices, allow_blank=True, showDropDown=False)
    rule.promptTitle, rule.prompt = "Choose", prompt
    rule.add(f"{letter}2:{letter}{ROWS}")
    sheet.add_data_validation(rule)


def write_template(path: Path) -> None:
    """Write the extraction workbook to `path` (an .xlsx)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    readme = book.active
    readme.title = "Read me"
    for row, line in enumerate(README, 1):
        readme.cell(row=row, column=1, value=line).font = Font(bold=row == 1)
    readme.column_dimensions["A"].width = 110
    _sheet(book, "Studies", STUDY_COLUMNS)
    _sheet(book, "Themes", THEME_COLUMNS)
    quotes = _sheet(book, "Quotes", QUOTE_COLUMNS)
    _list(quotes, QUOTE_COLUMNS, "study", f"Studies!$B$2:$B${ROWS}", "A study's citation from the Studies sheet")
    _list(quotes, QUOTE_COLUMNS, "theme", f"Themes!$A$2:$A${ROWS}", "A theme from the Themes sheet")
    page = next(i for i, c in enumerate(QUOTE_COLUMNS, 1) if c.key == "page")
    for row in range(2, ROWS + 1):  # text, so Excel keeps 12-13 as typed instead of making it a date
        quotes.cell(row=row, column=page).number_format = "@"
    findings = _sheet(book, "Findings", FINDING_COLUMNS)
    method = METHODS[CERQUAL]
    for component in method.components:
        _list(findings, FINDING_COLUMNS, component.id, '"' + ",".join(lv.label for lv in component.levels) + '"',
              f"{component.label}: how much concern")
    _list(findings, FINDING_COLUMNS, "confidence", '"' + ",".join(lv.label for lv in method.overall) + '"',
          "The overall confidence in the finding")
    book.save(path)
