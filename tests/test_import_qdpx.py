"""REFI-QDA in and out: hand-written projects imitating ATLAS.ti, NVivo and MAXQDA import as their tools meant them, a
drifted selection and hostile archives are refused with a message, and export then import gives back every study,
theme, subtheme, quote and page of both test reviews."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xmlschema

from evidence.build import build
from evidence.interchange import qdpx
from evidence.interchange.folder_writer import write_synthesis
from tests.conftest import REVIEWS, ROOT, open_page, point_app_at
from tests.interchange import QDPX_FIXTURES, contents, sections, zipped

PAGES = sorted(p.stem for p in (ROOT / "views").glob("*.py"))


def imported(archive: Path, folder: Path, **levels):
    synthesis, problems = qdpx.read_qdpx(archive, **levels)
    assert synthesis is not None, "\n".join(map(str, problems))
    assert write_synthesis(synthesis, folder) == []
    return synthesis


@pytest.mark.parametrize("name", list(REVIEWS))
def test_export_then_import_gives_back_every_study_theme_subtheme_quote_and_page(name, tmp_path):
    archive = tmp_path / f"{name}.qdpx"
    assert qdpx.write_qdpx(REVIEWS[name], archive) == []
    with zipfile.ZipFile(archive) as z:
        schema = xmlschema.XMLSchema(str(qdpx.SCHEMA))
        schema.validate(z.read("project.qde").decode("utf-8"))  # raises on any departure from REFI-QDA 1.5
        assert all(n == "project.qde" or n.startswith("Sources/") for n in z.namelist())
    imported(archive, tmp_path / "back")
    before, after = contents(REVIEWS[name]), contents(tmp_path / "back")
    assert after["studies"] == before["studies"]
    assert after["themes"] == before["themes"]
    assert after["quotes"] == before["quotes"]
    back, original = sections(tmp_path / "back"), sections(REVIEWS[name])
    ids = {s["id"] for s in original["studies"]}
    assert {s["id"] for s in back["studies"]} <= ids  # a study keeps its id through its 'Study id' variable
    # and a quote its id, through its selection's description, so findings that name quotes still can
    assert sorted(q["id"] for q in back["quotes"]) == sorted(q["id"] for q in original["quotes"])


def test_atlas_style_line_breaks_count_as_one_character(tmp_path):
    synthesis = imported(zipped("atlas_crlf", tmp_path), tmp_path / "out")
    assert [(q.text, q.page) for q in synthesis.quotes] == [
        ("I read the board every day.", 7), ("Nobody there knew my name, and that helped.", "7-8")]
    assert any("CR LF" in note for note in synthesis.notes)
    assert [s.citation for s in synthesis.studies] == ["Okafor et al. 2018"] and synthesis.studies[0].year == 2018


def test_nvivo_style_nested_codes_map_by_the_level_the_researcher_names(tmp_path):
    synthesis = imported(zipped("nvivo_nested", tmp_path), tmp_path / "out", theme_level=2, subtheme_level=3)
    assert [(t.name, [s.name for s in t.subthemes]) for t in synthesis.themes] == [
        ("Belonging", ["Being recognised"]), ("Risk", ["Fear of judgement"])]
    assert synthesis.themes[0].subthemes[0].description == "Others saw what the writer lived with."
    quotes = {q.text: q for q in synthesis.quotes}
    assert set(quotes) == {"On the board I could say it all.", "Staff never asked me about it."}  # the memo is not
    assert quotes["Staff never asked me about it."].subthemes == ["fear_of_judgement"]  # read as its subtheme
    assert any("'From staff' (level 4) is read as its subtheme" in n for n in synthesis.notes)
    assert any("'Memos'" in n and "not imported" in n for n in synthesis.notes)


def test_maxqda_style_cases_carry_their_variables_and_accented_and_japanese_names(tmp_path):
    synthesis = imported(zipped("maxqda_cases", tmp_path), tmp_path / "out")
    studies = {s.citation: s for s in synthesis.studies}
    assert set(studies) == {"Müller & Šimić 2019", "中村 2021"}
    assert studies["Müller & Šimić 2019"].characteristics == {"location": "Österreich", "n": "14 Forenbeiträge"}
    assert studies["中村 2021"].year == 2021
    by_study = {c: [q.text for q in synthesis.quotes if q.study == s.id] for c, s in studies.items()}
    assert by_study["中村 2021"] == ["掲示板で初めて話せた。", "誰も私を責めなかった。"]
    assert len(by_study["Müller & Šimić 2019"]) == 3  # one case, two documents
    assert [t.name for t in synthesis.themes] == ["Sécurité", "安心"]
    assert any("'Coder'" in n for n in synthesis.notes)  # a variable not read is said, not dropped silently
    written = sections(tmp_path / "out")
    assert [q["page"] for q in written["quotes"]][:2] == [4, 5]  # "S. 4" is a page too


def test_a_drifted_selection_is_reported_with_both_texts_and_nothing_is_written(tmp_path):
    synthesis, problems = qdpx.read_qdpx(zipped("drifted", tmp_path))
    assert synthesis is None and len(problems) == 1
    assert "'t. Nobody answered for da'" in problems[0].message
    assert "'Nobody answered for days.'" in problems[0].message


def _archive(tmp_path: Path, members: dict[str, bytes], name="hostile.qdpx") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for member, data in members.items():
            z.writestr(member, data)
    return path


PROJECT = (QDPX_FIXTURES / "drifted" / "project.qde").read_bytes()
BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol3;"/>"""


@pytest.mark.parametrize("members, expected", [
    ({"project.qde": BOMB}, "declares entities or a DTD"),
    ({"project.qde": PROJECT, "Sources/big.txt": b"0" * (4 * 2**20)}, "(a zip bomb?)"),
    ({"project.qde": PROJECT, "../../escaped.txt": b"x"}, "leaves the archive's folder"),
    ({"project.qde": PROJECT, **{f"Sources/{i}.txt": b"x" for i in range(10_000)}}, "holds 10,001 files"),
    ({"project.qde": PROJECT.replace(b' name="Waiting"', b"")}, "does not follow the REFI-QDA 1.5 project schema"),
    ({"project.qde": b"<Project"}, "is not well-formed XML"),
    ({"notes.txt": b"x"}, "has no project.qde"),
], ids=["entity bomb", "zip bomb", "path with ..", "10,000 members", "schema", "not XML", "no project"])
def test_a_hostile_or_broken_archive_is_refused_with_a_message_and_nothing_is_written(members, expected, tmp_path):
    archive = _archive(tmp_path, members)
    run = subprocess.run([sys.executable, "-m", "evidence", "import", "qdpx", str(archive), str(tmp_path / "out")],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 1 and expected in run.stderr, run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "out").exists()


def _patched(path: Path, member: str, **fields: int) -> Path:
    """The archive with one member's zip headers (its local and its central one) rewritten: `flag` (the general
    purpose bits), `method` (compression) or `size` (uncompressed), as a damaged or foreign archive would carry."""
    raw, name = bytearray(path.read_bytes()), member.encode()
    # per header: its signature, then where its name's length, its name and each field start
    for signature, name_length, name_at, where in ((b"PK\x03\x04", 26, 30, {"flag": 6, "method": 8, "size": 22}),
                                                   (b"PK\x01\x02", 28, 46, {"flag": 8, "method": 10, "size": 24})):
        at = raw.find(signature)
        while at >= 0:
            length = int.from_bytes(raw[at + name_length:at + name_length + 2], "little")
            if raw[at + name_at:at + name_at + length] == name:
                for field, value in fields.items():
                    width = 4 if field == "size" else 2
                    raw[at + where[field]:at + where[field] + width] = value.to_bytes(width, "little")
            at = raw.find(signature, at + 1)
    path.write_bytes(raw)
    return path


def _stored(tmp_path: Path) -> Path:
    path = tmp_path / "damaged.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("project.qde", PROJECT)
        z.writestr("Sources/a.txt", b"A plain text of one source. " * 40)
    return path


def _damaged(tmp_path: Path) -> Path:
    path = _stored(tmp_path)
    raw = path.read_bytes()
    assert raw.count(b"A plain text") == 40  # in the text member alone
    path.write_bytes(raw.replace(b"A plain text", b"A Plain text", 1))  # its checksum no longer matches
    return path


def _sparse(tmp_path: Path, name: str, size: int) -> Path:
    path = tmp_path / name
    with path.open("wb") as handle:
        handle.truncate(size)  # a file of that size, with no disk written
    return path


@pytest.mark.parametrize("make, expected", [
    (_damaged, "Sources/a.txt: could not be unpacked (Bad CRC-32"),
    (lambda tmp: _patched(_stored(tmp), "Sources/a.txt", flag=1), "Sources/a.txt: is encrypted"),
    (lambda tmp: _patched(_stored(tmp), "Sources/a.txt", method=99), "Sources/a.txt: could not be unpacked"),
    (lambda tmp: _patched(_stored(tmp), "Sources/a.txt", size=600 * 2**20),
     f"unpacks to {600 * 2**20 + len(PROJECT):,} bytes, more than {qdpx.MAX_UNPACKED_BYTES:,}"),
    (lambda tmp: _sparse(tmp, "big.qdpx", qdpx.MAX_ARCHIVE_BYTES + 1), "big.qdpx: is larger than 200 MB"),
], ids=["damaged member", "encrypted member", "unknown compression", "header claims 600 MB", "archive over 200 MB"])
def test_a_damaged_encrypted_or_oversized_archive_is_refused_with_a_message_and_nothing_is_written(make, expected,
                                                                                                   tmp_path):
    archive = make(tmp_path)
    run = subprocess.run([sys.executable, "-m", "evidence", "import", "qdpx", str(archive), str(tmp_path / "out")],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 1 and expected in run.stderr, run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "out").exists()


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "p.qdpx"
    path.write_text("not a zip")
    synthesis, problems = qdpx.read_qdpx(path)
    assert synthesis is None and "is not a .qdpx (zip) archive" in problems[0].message


def test_import_then_check_then_build_from_the_command_line(tmp_path):
    archive = zipped("nvivo_nested", tmp_path)
    out = tmp_path / "synthesis"

    def run(*args):
        return subprocess.run([sys.executable, "-m", "evidence", *args], capture_output=True, text=True, cwd=ROOT,
                              timeout=120)

    done = run("import", "qdpx", str(archive), str(out), "--theme-level", "2")
    assert done.returncode == 0, done.stderr
    checked = run("check", str(out))
    assert checked.returncode == 0, checked.stderr
    assert "still marked 'REPLACE:'" in checked.stdout and f"{out / 'prisma.yaml'}:" in checked.stdout
    assert f"{out / 'quotes.yaml'}:" in checked.stdout  # the page the project does not hold for one selection
    for name, key in (("prisma", "identified:"), ("prisma", "included:"), ("quality", "total:"),
                      ("themes", "count:"), ("studies", "quality_score:")):  # counts it cannot know, marked too
        lines = [n for n, line in enumerate((out / f"{name}.yaml").read_text().splitlines(), 1)
                 if line.strip().removeprefix("- ").startswith(key)]
        assert lines and all(f"{out / f'{name}.yaml'}:{n}" in checked.stdout for n in lines), (name, key)
    built = run("build", "--data", str(out), "--db", str(tmp_path / "e.duckdb"))
    assert built.returncode == 0, built.stderr
    again = run("import", "qdpx", str(archive), str(out), "--theme-level", "2")
    assert again.returncode == 1 and "is not an empty folder" in again.stderr


@pytest.mark.parametrize("name, levels", [("atlas_crlf", {}), ("nvivo_nested", {"theme_level": 2, "subtheme_level": 3}),
                                          ("maxqda_cases", {})])
def test_each_import_builds_and_serves_every_page(name, levels, tmp_path, monkeypatch):
    folder = tmp_path / "out"
    imported(zipped(name, tmp_path), folder, **levels)
    db = tmp_path / "e.duckdb"
    assert build(folder, db).ok
    point_app_at(monkeypatch, db, folder)
    for page in PAGES:
        open_page(page)  # asserts no exception


def test_levels_that_do_not_fit_the_code_tree_are_named_with_the_tree(tmp_path):
    archive = zipped("nvivo_nested", tmp_path)
    synthesis, problems = qdpx.read_qdpx(archive)  # themes at level 1: the folder code and the memo code
    assert synthesis is None
    said = problems[-1]
    assert "the code tree: level 1: 2 code(s) (Themes, Memos); level 2: 2 code(s) (Belonging, Risk)" in said.message
    assert "--theme-level" in said.fix
    synthesis, problems = qdpx.read_qdpx(archive, theme_level=2, subtheme_level=9)
    assert synthesis is None and "--subtheme-level 9 is below the code tree's deepest level" in problems[0].message
