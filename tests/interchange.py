"""What the import and export tests compare: a synthesis folder's studies, themes, subthemes, quotes and pages, by
their names and texts (ids may be made anew by an import), and a folder zipped into a .qdpx."""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

from evidence.format.rules import check_folder

QDPX_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "qdpx"


def sections(folder: Path) -> dict:
    sources, problems = check_folder(folder)
    assert not problems, "\n".join(map(str, problems))
    return sources.sections


def contents(folder: Path) -> dict:
    """Every included study (citation), theme with its subthemes (names, in order), and quote (study, theme,
    subthemes, text, page), comparable across an export and an import."""
    s = sections(folder)
    studies = {st["id"]: st["citation"] for st in s["studies"] if st["included"]}
    themes = {t["id"]: t["name"] for t in s["themes"]}
    subthemes = {sub["id"]: sub["name"] for t in s["themes"] for sub in t["subthemes"]}
    quotes = Counter()
    for q in s["quotes"]:
        subs = q.get("subthemes", []) + q.get("coding", {}).get("subthemes", [])
        quotes[(studies[q["study"]], themes[q["theme"]], tuple(sorted(subthemes[i] for i in set(subs))),
                q["text"].strip(), str(q["page"]))] += 1
    return {"studies": sorted(studies.values()),
            "themes": [(t["name"], [sub["name"] for sub in t["subthemes"]]) for t in s["themes"]],
            "quotes": quotes}


def zipped(name: str, target: Path) -> Path:
    """A hand-written fixture project (tests/fixtures/qdpx/NAME) as a .qdpx archive."""
    folder = QDPX_FIXTURES / name
    archive = target / f"{name}.qdpx"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                z.write(path, path.relative_to(folder).as_posix())
    return archive


def sheet_of(folder: Path, path: Path) -> Path:
    """A review's studies and quotes typed into the import's own template, as a review team would fill it."""
    import openpyxl

    from evidence.interchange.template import write_template

    write_template(path)
    book = openpyxl.load_workbook(path)
    s = sections(folder)
    headers = {sheet: [c.value for c in book[sheet][1]] for sheet in ("Studies", "Themes", "Quotes")}
    labels = {t["id"]: t["label"] for t in s.get("source_types", [])}
    subthemes = {sub["id"]: sub["name"] for t in s["themes"] for sub in t["subthemes"]}
    themes = {t["id"]: t["name"] for t in s["themes"]}
    for study in [st for st in s["studies"] if st["included"]]:
        row = {"Study id": study["id"], "Citation": study["citation"], "Year": study["year"],
               "Source type": labels.get(study.get("source"))}
        book["Studies"].append([row.get(h) for h in headers["Studies"]])
    for theme in s["themes"]:
        for sub in theme["subthemes"]:
            row = {"Theme": theme["name"], "Subtheme": sub["name"], "Subtheme description": sub["description"]}
            book["Themes"].append([row.get(h) for h in headers["Themes"]])
    for quote in s["quotes"]:
        subs = list(dict.fromkeys(quote.get("subthemes", []) + quote.get("coding", {}).get("subthemes", [])))
        row = {"Quote id": quote["id"], "Study": quote["study"], "Theme": themes[quote["theme"]],
               "Subtheme": "; ".join(subthemes[i] for i in subs), "Quote": quote["text"], "Page": quote["page"]}
        book["Quotes"].append([row.get(h) for h in headers["Quotes"]])
    book.save(path)
    return path
