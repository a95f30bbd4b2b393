"""A review team's extraction spreadsheet in: the template, both test reviews typed into it, a messy workbook as real
ones are (merged cells, trailing spaces, numbers stored as text, Excel dates, curly quotes, blank rows, pages written
"p. 12" or "12-13"), a CSV, findings with their GRADE-CERQual judgements, and every problem at once, each with its
sheet, row, column and fix."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from evidence.build import build
from evidence.interchange.folder_writer import write_synthesis
from evidence.interchange.sheet import read_sheet
from evidence.interchange.template import write_template
from tests.conftest import REVIEWS, ROOT, open_page, point_app_at
from tests.interchange import contents, sections, sheet_of

PAGES = sorted(p.stem for p in (ROOT / "views").glob("*.py"))


def imported(path: Path, folder: Path):
    synthesis, problems = read_sheet(path)
    assert synthesis is not None, "\n".join(map(str, problems))
    assert write_synthesis(synthesis, folder) == []
    return synthesis


def test_the_template_has_a_sheet_per_section_with_notes_and_drop_downs(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Read me", "Studies", "Themes", "Quotes", "Findings"]
    quotes = book["Quotes"]
    headers = [c.value for c in quotes[1]]
    assert {"Study", "Theme", "Subtheme", "Quote", "Page", "Source type", "Coded types"} <= set(headers)
    assert all(c.comment and c.comment.text for c in quotes[1])  # every header carries its note
    lists = {str(v.sqref): v.formula1 for v in quotes.data_validations.dataValidation}
    assert lists["B2:B1000"].startswith("Studies!")  # a quote's study is chosen from the Studies sheet
    findings = book["Findings"]
    formulas = [v.formula1 for v in findings.data_validations.dataValidation]
    assert '"No or very minor concerns,Minor concerns,Moderate concerns,Serious concerns"' in formulas
    assert '"High confidence,Moderate confidence,Low confidence,Very low confidence"' in formulas
    page = headers.index("Page") + 1
    assert quotes.cell(row=2, column=page).number_format == "@"  # text: 12-13 stays as typed
    synthesis, problems = read_sheet(path)  # empty, it says what to add
    assert synthesis is None and "has no quote rows" in problems[0].message


@pytest.mark.parametrize("name", list(REVIEWS))
def test_a_review_typed_into_the_template_imports_exactly(name, tmp_path):
    path = sheet_of(REVIEWS[name], tmp_path / f"{name}.xlsx")
    imported(path, tmp_path / "out")
    assert contents(tmp_path / "out") == contents(REVIEWS[name])


def messy_workbook(path: Path) -> Path:
    """An extraction workbook as review teams keep them."""
    book = openpyxl.Workbook()
    studies = book.active
    studies.title = "Included studies"
    studies.append(["Extraction v3, checked by two reviewers"])  # a title row above the header
    studies.append(["CITATION ", "Year of publication", "Country", "Sample size", "Reviewer notes"])
    studies.append(["O\u2019Brien et al. 2019 ", "2019", "Ireland", "12 women", "double-checked"])  # text year
    studies.append(["Nguyễn 2011", 2011.0, "Việt Nam", "30 posts", None])  # a year stored as a decimal
    studies.append([None, None, None, None, None])  # a blank row
    studies.append(["Kowalska & Ng 2020", None, "not specified", "9", None])  # year from the citation
    quotes = book.create_sheet("Data extraction")
    quotes.append(["Study", "Theme", "Sub-theme", "Illustration", "Pg", "Reviewer notes"])
    rows = [
        ["O'Brien et al. 2019", "Finding a voice", "Being heard", "\u201cI could finally say it.\u201d", "p. 12",
         None],
        [None, None, "Being heard", "  Nobody knew me there.  ", "12-13", None],  # merged study and theme above
        [None, None, None, None, None, None],  # a blank row inside the data
        ["Nguyễn 2011", "Finding a voice", "Being heard; Staying safe", "\u2018Đêm nào tôi cũng đọc.\u2019",
         "7", "typed as text"],
        ["Kowalska & Ng 2020", "Keeping apart", "Staying safe", "I kept it from my family.", 44.0, None],
        ["Kowalska & Ng 2020", "Keeping apart", "Staying safe", 'She said "not yet" and left.', "e104", None],
        ["kowalska AND ng 2020", "keeping apart", "staying safe", "I wrote at night.", "pp. 45\u201346", None],
    ]
    for row in rows:
        quotes.append(row)
    quotes.merge_cells("A2:A3")
    quotes.merge_cells("B2:B3")
    book.save(path)
    return path


def test_a_messy_workbook_imports_what_it_means(tmp_path):
    synthesis = imported(messy_workbook(tmp_path / "messy.xlsx"), tmp_path / "out")
    studies = {s.citation: s for s in synthesis.studies}
    assert set(studies) == {"O\u2019Brien et al. 2019", "Nguyễn 2011", "Kowalska & Ng 2020"}  # trailing space gone
    assert [studies[c].year for c in sorted(studies)] == [2020, 2011, 2019]
    assert studies["Nguyễn 2011"].characteristics == {"location": "Việt Nam", "n": "30 posts"}
    cited = {s.id: s.citation for s in synthesis.studies}
    got = [(cited[q.study], q.text, q.page) for q in synthesis.quotes]
    assert got == [
        ("O\u2019Brien et al. 2019", "I could finally say it.", 12),  # curly quotes and "p." gone, page a number
        ("O\u2019Brien et al. 2019", "Nobody knew me there.", "12-13"),  # the merged cells' study; spaces trimmed
        ("Nguyễn 2011", "Đêm nào tôi cũng đọc.", 7),
        ("Kowalska & Ng 2020", "I kept it from my family.", 44),
        ("Kowalska & Ng 2020", 'She said "not yet" and left.', "e104"),  # inner quote marks kept
        ("Kowalska & Ng 2020", "I wrote at night.", "45-46")]  # case-blind names; an en dash
    themes = {t.name: [s.name for s in t.subthemes] for t in synthesis.themes}
    assert themes == {"Finding a voice": ["Being heard", "Staying safe"], "Keeping apart": ["Staying safe"]}
    assert sum("'Reviewer notes'" in note for note in synthesis.notes) == 2  # said for each sheet, not dropped
    written = sections(tmp_path / "out")
    assert [q["printed_citation"] for q in written["quotes"]][:2] == [
        "O\u2019Brien et al. 2019, p. 12", "O\u2019Brien et al. 2019, pp. 12-13"]


def test_every_problem_is_reported_at_once_with_its_sheet_row_column_and_fix(tmp_path):
    path = messy_workbook(tmp_path / "broken.xlsx")
    book = openpyxl.load_workbook(path)
    quotes = book["Data extraction"]
    quotes["E5"] = dt.datetime(2026, 12, 13)  # 12-13 typed into a date cell
    quotes["E6"] = "twelve"
    quotes["A7"] = "Kowalski & Ng 2020"  # not on the Studies sheet
    quotes["C8"] = None  # no subtheme
    book.save(path)
    synthesis, problems = read_sheet(path)
    assert synthesis is None
    text = "\n".join(map(str, problems))
    assert "broken.xlsx, sheet 'Data extraction', row 5, column 'Pg' (E): Excel stored this page as a date " \
           "(13 December 2026)" in text
    assert "row 6, column 'Pg' (E): page 'twelve' is not a page as printed" in text
    assert "row 7, column 'Study' (A): names study 'Kowalski & Ng 2020', which is not on the Studies sheet" in text
    assert "did you mean 'Kowalska & Ng 2020'?" in text
    assert "row 8, column 'Sub-theme' (C): names no subtheme" in text
    assert len(problems) == 4 and all(p.fix for p in problems)
    run = subprocess.run([sys.executable, "-m", "evidence", "import", "sheet", str(path), str(tmp_path / "out")],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 1 and "4 problem(s) found; nothing was written." in run.stderr
    assert not (tmp_path / "out").exists() and "Traceback" not in run.stderr


def test_a_csv_of_quotes_imports_with_its_studies_made_from_the_citations(tmp_path):
    path = tmp_path / "quotes.csv"
    path.write_bytes("\ufeffStudy;Theme;Subtheme;Verbatim;Page\n"
                     "Adeyemi 2020;Waiting;Nights;\u201cI wrote at night.\u201d;p. 3\n"
                     ";;;;\n"
                     "Adeyemi 2020;Waiting;Nights;Nobody answered.;4\n".encode())
    synthesis = imported(path, tmp_path / "out")
    assert [(q.text, q.page) for q in synthesis.quotes] == [("I wrote at night.", 3), ("Nobody answered.", 4)]
    assert [(s.citation, s.year) for s in synthesis.studies] == [("Adeyemi 2020", 2020)]
    assert [q.id for q in synthesis.quotes] == ["q001", "q002"]  # numbered, for a Findings sheet to name
    path.write_text("Study,Theme,Subtheme,Quote\nBrennan 2018,A,B,One.\nBrenan 2018,A,B,Two.\n", encoding="utf-8")
    synthesis, _ = read_sheet(path)  # without a Studies sheet a misspelt study is a study of its own: said
    assert any("'Brennan 2018' and 'Brenan 2018' are written almost alike" in note for note in synthesis.notes)


def test_a_csv_that_is_not_utf8_or_holds_a_control_character_is_reported(tmp_path):
    path = tmp_path / "quotes.csv"
    path.write_bytes("Study,Theme,Subtheme,Quote\nM\xfcller 2019,A,B,C\n".encode("latin-1"))
    synthesis, problems = read_sheet(path)
    assert synthesis is None and "save the CSV as 'CSV UTF-8'" in problems[0].fix
    path.write_text("Study,Theme,Subtheme,Quote\nAdeyemi 2020,A,B,A bell \x07 rang\n", encoding="utf-8")
    synthesis, problems = read_sheet(path)
    assert synthesis is None and [str(p).splitlines()[0] for p in problems] == [
        "quotes.csv, sheet 'quotes', row 2, column 'Quote' (D): holds an invisible control character (U+0007)"]


def findings_workbook(path: Path) -> Path:
    path = sheet_of(REVIEWS["synthetic"], path)
    book = openpyxl.load_workbook(path)
    sheet = book["Findings"]
    headers = [c.value for c in sheet[1]]
    first = {"Finding": "Users described a shared space.", "Studies": "fixture04; Example7 et al. 2017",
             "Theme": "Noticing the board", "Quotes": "n03; n06",
             "Methodological limitations": "Minor concerns", "Coherence": "no or very minor concerns",
             "Adequacy of data": "Moderate", "Relevance": "Minor concerns",
             "Adequacy of data: explanation": "Thin data.", "Confidence": "Moderate confidence",
             "Explanation": "Moderate concerns about adequacy."}
    second = {"Finding": "One study found users weighed up what they might lose.", "Studies": "fixture05"}
    for row in (first, second):
        sheet.append([row.get(h) for h in headers])
    book.save(path)
    return path


def test_findings_come_in_with_their_cerqual_judgements(tmp_path):
    imported(findings_workbook(tmp_path / "f.xlsx"), tmp_path / "out")
    written = sections(tmp_path / "out")
    first, second = written["findings"]
    assert first["studies"] == ["fixture04", "fixture07"] and first["evidence"] == [
        {"quote": "n03", "relation": "states"}, {"quote": "n06", "relation": "states"}]
    judged = {c["component"]: (c["concern"], c["explanation"]) for c in first["assessment"]["components"]}
    assert judged == {"methodological_limitations": ("minor", "Not explained in f.xlsx."),
                      "coherence": ("no_or_very_minor", "Not explained in f.xlsx."),
                      "adequacy": ("moderate", "Thin data."), "relevance": ("minor", "Not explained in f.xlsx.")}
    assert first["assessment"]["confidence"] == "moderate"
    assert "assessment" not in second  # not assessed: left out, never guessed
    assert written["confidence"]["method"] == "GRADE-CERQual"


def test_a_judgement_the_method_lacks_is_reported(tmp_path):
    path = findings_workbook(tmp_path / "f.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Findings"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=headers.index("Coherence") + 1, value="Some concerns")
    sheet.cell(row=3, column=headers.index("Confidence") + 1, value="High confidence")  # no components
    book.save(path)
    synthesis, problems = read_sheet(path)
    assert synthesis is None
    text = "\n".join(map(str, problems))
    assert "sheet 'Findings', row 2, column 'Coherence'" in text and "coherence is 'Some concerns'" in text
    assert "choose one of: No or very minor concerns; Minor concerns; Moderate concerns; Serious concerns" in text
    assert "row 3, column 'Methodological limitations' (H): gives confidence but no methodological limitations " \
           "concern" in text


def test_the_messy_and_the_findings_imports_build_and_serve_every_page(tmp_path, monkeypatch):
    for name, path in (("messy", messy_workbook(tmp_path / "m.xlsx")),
                       ("findings", findings_workbook(tmp_path / "f.xlsx"))):
        folder = tmp_path / name
        imported(path, folder)
        db = tmp_path / f"{name}.duckdb"
        assert build(folder, db).ok
        point_app_at(monkeypatch, db, folder)
        for page in PAGES:
            open_page(page)  # asserts no exception


def test_a_workbook_that_is_a_zip_bomb_too_large_or_no_workbook_is_refused_with_a_message(tmp_path):
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b" " * (4 * 2**20))
    synthesis, problems = read_sheet(bomb)
    assert synthesis is None and "(a zip bomb?)" in problems[0].message
    big = tmp_path / "big.xlsx"
    with big.open("wb") as handle:
        handle.truncate(50 * 2**20 + 1)  # a file just over the bound, with no disk written
    synthesis, problems = read_sheet(big)
    assert synthesis is None and problems[0].message == "is larger than 50 MB"
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a workbook")
    synthesis, problems = read_sheet(junk)
    assert synthesis is None and "could not be read as a spreadsheet" in problems[0].message
    assert "save it again" in problems[0].fix
