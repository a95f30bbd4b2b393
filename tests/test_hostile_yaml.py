"""A catalogue of malformed and hostile YAML: each is refused with file, line and fix, never a traceback.

For every case, `python -m evidence check` exits 1 naming the file and line with a fix, `build` exits 1
too, and the database built before the damage is left byte-identical.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from evidence.__main__ import main
from evidence.build import build
from tests.conftest import ROOT

Q01_TEXT = 'text: "I don\'t want to share with my co-workers'
LAUGHS = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 8))


def line_of(folder: Path, name: str, snippet: str) -> int:
    text = (folder / name).read_text(encoding="utf-8")
    assert text.count(snippet) >= 1, f"{name} no longer holds {snippet!r}: update this catalogue"
    return text[:text.index(snippet)].count("\n") + 1


def replace(name: str, old: str, new: str, line_shift: int = 0):
    """A case that replaces the first `old` in a file; the problem is on old's line (plus a shift)."""
    def apply(folder: Path) -> tuple[str, int]:
        line = line_of(folder, name, old) + line_shift
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        return name, line
    return apply


def write(name: str, content: bytes | str, line: int = 1):
    """A case that writes a whole file."""
    def apply(folder: Path) -> tuple[str, int]:
        path = folder / name
        path.unlink(missing_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        return name, line
    return apply


def bytes_at(name: str, old: str, new: bytes):
    """A case that puts raw bytes where `old` was, on old's line."""
    def apply(folder: Path) -> tuple[str, int]:
        line = line_of(folder, name, old)
        path = folder / name
        path.write_bytes(path.read_bytes().replace(old.encode("utf-8"), new, 1))
        return name, line
    return apply


def special(name: str, make):
    """A case that puts something other than a regular file where a source file is expected."""
    def apply(folder: Path) -> tuple[str, int]:
        path = folder / name
        path.unlink(missing_ok=True)
        make(path)
        return name, 1
    return apply


def appended(name: str, text: str):
    def apply(folder: Path) -> tuple[str, int]:
        path = folder / name
        before = path.read_text(encoding="utf-8")
        path.write_text(before + text, encoding="utf-8")
        return name, before.count("\n") + 1 + next(i for i, ln in enumerate(text.splitlines()) if ln.strip())
    return apply


def laughs_as_text(folder: Path) -> tuple[str, int]:
    """Anchors of 10, 100, ... 100,000 values, then a quote whose text is ten of the largest."""
    anchors = "".join(f"  - &x{i} [{', '.join([f'*x{i - 1}' if i else 'lol'] * 10)}]\n" for i in range(5))
    replace("quotes.yaml", "quotes:\n", "anchors:\n" + anchors + "quotes:\n")(folder)
    return replace("quotes.yaml", Q01_TEXT, "text: [" + ", ".join(["*x4"] * 10) + "]\n    x: \"")(folder)


def scholar(value: str):
    """A case that puts `value` where the review says how it used Google Scholar (a free-text field)."""
    return replace("review.yaml", "google_scholar: The first five pages of Google Scholar results were assessed for "
                   "inclusion.", f"google_scholar: {value}")


def in_text(char: str):
    return replace("quotes.yaml", Q01_TEXT, Q01_TEXT.replace("don't", f"don{char}t"))


# name: (the damage, what the one message must say)
CASES = {
    "duplicate key, the last would win": (replace("studies.yaml", "    sample_n: 512\n",
                                                  "    sample_n: 512\n    sample_n: 999\n", 1), "appears twice"),
    "duplicate key, quoted and bare": (replace("quotes.yaml", "    page: 877\n", '    page: 877\n    "page": 878\n', 1),
                                       "appears twice"),
    "duplicate section key in one file": (appended("quotes.yaml", "quotes: []\n"), "appears twice"),
    "integer beyond INTEGER": (replace("quotes.yaml", "page: 877", "page: 3000000000"), "from 1 to 2,147,483,647"),
    "integer just beyond INTEGER": (replace("studies.yaml", "sample_n: 512", "sample_n: 2147483648"),
                                    "2,147,483,647"),
    "hexadecimal beyond INTEGER": (replace("studies.yaml", "sample_n: 512", "sample_n: 0x80000000"),
                                   "read differently by YAML versions"),
    "huge integer": (replace("studies.yaml", "quality_score: 10", "quality_score: " + "9" * 40), "whole number"),
    "negative count": (replace("quotes.yaml", "page: 877", "page: -877"), "whole number"),
    "infinity": (replace("quotes.yaml", "page: 877", "page: .inf"), "whole number"),
    "not a number": (replace("quotes.yaml", "page: 877", "page: .nan"), "whole number"),
    "true for a number": (replace("quotes.yaml", "page: 877", "page: true"), "whole number"),
    "year out of range": (replace("studies.yaml", "year: 2012", "year: 99999"), "whole number"),
    "a date for text": (replace("quotes.yaml", Q01_TEXT + " about my emotional issues of crying and feeling like "
                                "an incompetent mom\"", "text: 2019-01-01"), "non-empty text"),
    "ESC in a quote": (in_text("\x1b"), "U+001B"),
    "NUL in a quote": (in_text("\x00"), "U+0000"),
    "BEL in a quote": (in_text("\x07"), "U+0007"),
    "DEL in a quote": (in_text("\x7f"), "U+007F"),
    "C1 control in a quote": (in_text("\x9b"), "U+009B"),
    "form feed in a quote": (in_text("\x0c"), "U+000C"),
    "non-character U+FFFE": (in_text("\ufffe"), "U+FFFE"),
    "right-to-left override": (in_text("\u202e"), "RIGHT-TO-LEFT OVERRIDE"),
    "left-to-right embedding": (in_text("\u202a"), "U+202A"),
    "first strong isolate": (replace("themes.yaml", "name: Safe place to talk", "name: Safe \u2068place to talk"),
                             "U+2068"),
    "invalid UTF-8 on a later line": (bytes_at("quotes.yaml", "page: 877", b"page: \xff877"), "not UTF-8"),
    "Latin-1 accent": (bytes_at("studies.yaml", "Postnatal depression", b"Postnatal d\xe9pression"), "not UTF-8"),
    "UTF-16 file": (lambda f: write("review.yaml", (f / "review.yaml").read_text(encoding="utf-8")
                                    .encode("utf-16"))(f), "not UTF-8"),
    "20,000 nested brackets": (write("extra.yaml", "quotes_extra: " + "[" * 20000 + "]" * 20000 + "\n"),
                               "levels deep"),
    "deeply nested mappings": (write("extra.yaml", "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60
                                     + "v\n", 32), "levels deep"),
    "billion laughs": (write("extra.yaml", "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + LAUGHS,
                             6), "expands to more than"),
    "billion laughs as a quote's text": (lambda folder: laughs_as_text(folder), "expands to more than"),
    "a 50,000-character quote": (replace("quotes.yaml", Q01_TEXT, 'text: "' + "a" * 50_000), "20,000"),
    "long text where a number belongs": (replace("studies.yaml", "sample_n: 512",
                                                 "sample_n: " + "8" * 40 + "x" * 15_000),
                                         "whole number"),
    "a file over 10 MB": (write("extra.yaml", "# padding\n" * 1_100_000), "over the limit"),
    "empty file": (write("quotes.yaml", ""), "empty or holds only comments"),
    "comment-only file": (write("quotes.yaml", "# quotes to come\n# later\n"), "empty or holds only comments"),
    "dangling symlink": (special("quotes.yaml", lambda p: p.symlink_to("gone.yaml")), "does not exist"),
    "symlink loop": (special("quotes.yaml", lambda p: p.symlink_to("quotes.yaml")), "cannot be followed"),
    "a folder named .yaml": (special("quotes.yaml", lambda p: p.mkdir()), "a folder"),
    "a named pipe named .yaml": (special("extra.yaml", lambda p: os.mkfifo(p)), "a named pipe"),
    "top level is a list": (write("extra.yml", "- quotes\n- themes\n"), "top level should be a mapping"),
    "top level is text": (write("extra.yaml", "just some words\n"), "top level should be a mapping"),
    "unknown section": (write("extra.yaml", "quotse:\n  - id: q99\n"), "unknown section 'quotse'"),
    "a section defined twice": (write("zz_extra.yml", "prisma: {}\n"), "already defined"),
    "tab indentation": (replace("quotes.yaml", "    page: 877", "\tpage: 877"), "not valid YAML"),
    "unclosed quote": (replace("quotes.yaml", '    printed_citation: "Kantrowitz-Gordon 2013, p. 877"',
                               '    printed_citation: "Kantrowitz-Gordon 2013, p. 877', 3), "not valid YAML"),
    "python object tag": (replace("quotes.yaml", "page: 877", 'page: !!python/object/apply:os.system ["true"]'),
                          "not valid YAML"),
    "undefined alias": (replace("quotes.yaml", "page: 877", "page: *nowhere"), "not valid YAML"),
    "a list as a mapping key": (replace("quotes.yaml", "page: 877", "page: {[a, b]: 877}"), "not valid YAML"),
    "section emptied": (write("quotes.yaml", "quotes:\n"), "the section 'quotes' is empty"),
    # The second round: accepted before, then shown wrong.
    "leading-zero octal": (replace("studies.yaml", "sample_n: 512", "sample_n: 0512"),
                           "read differently by YAML versions"),
    "base 60": (replace("studies.yaml", "sample_n: 512", "sample_n: 8:32"), "read differently by YAML versions"),
    "hexadecimal": (replace("studies.yaml", "sample_n: 512", "sample_n: 0x200"), "read differently by YAML versions"),
    "binary": (replace("studies.yaml", "sample_n: 512", "sample_n: 0b1000000000"), "read differently by YAML versions"),
    "underscore in a number": (replace("studies.yaml", "sample_n: 512", "sample_n: 5_12"),
                               "read differently by YAML versions"),
    "base-60 decimal": (replace("studies.yaml", "sample_n: 512", "sample_n: 8:32.5"), "read differently"),
    "a page with a decimal point": (replace("quotes.yaml", "page: 877", "page: 877.0"), "whole number"),
    "a count with a decimal point": (replace("studies.yaml", "sample_n: 512", "sample_n: 512.0"), "whole number"),
    "reserved value with words after": (replace("review.yaml", "volume: not confirmed", "volume: not confirmed yet"),
                                        "reserved value 'not confirmed'"),
    "reserved value in capitals": (replace("review.yaml", "doi: not confirmed", "doi: Not Confirmed"),
                                   "reserved value 'not confirmed'"),
    "TBA for a value": (scholar("TBA"), "reserved value 'not specified'"),
    "'Not Specified' in free text": (scholar("Not Specified"), "reserved value 'not specified'"),
    "n/a for a value": (scholar("n/a"), "reserved value 'not specified'"),
    "a dash for a value": (scholar("'-'"), "looks like a placeholder"),
    "a question mark for a value": (scholar("'?'"), "looks like a placeholder"),
    "unknown for a value": (scholar("unknown"), "looks like a placeholder"),
    "TBC for a title": (replace("studies.yaml", "title: not confirmed", "title: TBC"),
                        "reserved value 'not confirmed'"),
    "a zero-width space in a word": (in_text("\u200b"), "U+200B"),
    "a byte-order mark in a word": (in_text("\ufeff"), "U+FEFF"),
    "next line (NEL) in a quote": (in_text("\x85"), "U+0085"),
    "a Hangul filler for a theme name": (replace("themes.yaml", "name: Virtual support", "name: \u3164"), "U+3164"),
    "a word joiner in a quote": (in_text("\u2060"), "U+2060"),
    "a theme name of only joiners": (replace("themes.yaml", "name: Virtual support", "name: \"\u200d\u200d\""),
                                     "shows nothing"),
    # Counts and citations that do not agree (rules over the whole synthesis)
    "added from references, included unchanged": (replace("prisma.yaml", "added_from_references: 0",
                                                          "added_from_references: 3", -2), "plus the studies added"),
    "a maximum the checklist cannot reach": (replace("quality.yaml", "max_score: 11", "max_score: 99"),
                                             "max_score is 99"),
    "a 2 on a one-point criterion": (replace("quality.yaml", "ratings: [1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1], total: 7",
                                             "ratings: [1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 2], total: 8"),
                                     "a rating of 2"),
    "a quote moved to another study under its old citation": (
        replace("quotes.yaml", "  - id: q04\n    study: mooreayers2016\n", "  - id: q04\n    study: moore2016\n", 3),
        "does not name its study"),
    "a printed citation of another year": (replace("quotes.yaml", 'printed_citation: "Evans et al. 2012, p. 407"',
                                                   'printed_citation: "Evans et al. 2013, p. 407"'),
                                           "does not name its study"),
    "two studies with one citation": (replace("studies.yaml", "citation: Smith-Merry et al. 2019",
                                              "citation: Moore et al. 2016"), "is also study 'moore2016'"),
    "an author holding a semicolon": (replace("studies.yaml", "Fomotar M.]", "Fomotar M.; Smith J.]"),
                                      "holds a ';'"),
    "a quote of only spaces and a joiner": (replace("quotes.yaml", Q01_TEXT + " about my emotional issues of crying "
                                                    "and feeling like an incompetent mom\"", 'text: " \u200c "'),
                                            "shows nothing"),
}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Path:
    """One database built from the good data: every case must leave it byte-identical."""
    db = tmp_path_factory.mktemp("baseline") / "evidence.duckdb"
    assert build(ROOT / "data", db).ok
    return db


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(capsys, *args) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_the_catalogue_is_long_enough():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES)
def test_hostile_yaml_is_refused_with_file_line_and_fix(case, data_copy, baseline, tmp_path, capsys):
    damage, fragment = CASES[case]
    name, line = damage(data_copy)
    db = tmp_path / "evidence.duckdb"
    db.write_bytes(baseline.read_bytes())
    before = digest(db)

    code, out = run(capsys, "check", "--data", str(data_copy))
    assert code == 1 and "Traceback" not in out
    problems = [block for block in out.split("\n") if ": " in block and not block.startswith("    ")
                and "problem(s) found" not in block]
    ours = [p for p in problems if f"{name}:{line}: " in p and fragment in p]
    assert ours, f"no message at {name}:{line} saying {fragment!r}; got:\n{out[:3000]}"
    assert out.count("    fix: ") == len(problems) >= 1
    assert len(problems) <= 2, f"one message per cause, got {len(problems)}:\n{out[:3000]}"
    assert len(out) < 5000, "a message must not carry the offending value whole"

    code, out = run(capsys, "build", "--data", str(data_copy), "--db", str(db))
    assert code == 1 and "Traceback" not in out
    assert digest(db) == before


@pytest.mark.parametrize("case", ["NUL in a quote", "20,000 nested brackets", "billion laughs as a quote's text",
                                  "integer beyond INTEGER"])
def test_the_command_line_itself_never_shows_a_traceback(case, data_copy, tmp_path):
    CASES[case][0](data_copy)
    db = tmp_path / "evidence.duckdb"
    for command in ("check", "build"):
        done = subprocess.run([sys.executable, "-m", "evidence", command, "--data", str(data_copy), "--db", str(db)],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-2000:]
        assert "fix: " in done.stderr
    assert not db.exists()


def test_a_sparse_gigabyte_file_is_refused_by_its_size_unread(data_copy, capsys, monkeypatch):
    """A file that claims a gigabyte (sparse: it costs no disk) is refused before a byte of it is read."""
    huge = data_copy / "extra.yaml"
    with huge.open("wb") as handle:
        handle.truncate(1 << 30)
    read = []
    real_read_bytes, real_open = Path.read_bytes, Path.open
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real_read_bytes(self))
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: read.append(self.name) or real_open(self, *a, **k))
    code, out = run(capsys, "check", "--data", str(data_copy))
    assert code == 1 and "extra.yaml:1: " in out and "1,073,741,824 bytes, over the limit" in out
    assert "extra.yaml" not in read, "the oversized file was read"


def test_what_editors_and_systems_leave_beside_the_sources_is_ignored_with_a_note(data_copy, baseline, tmp_path,
                                                                                   capsys):
    (data_copy / ".#quotes.yaml").symlink_to("someone@host.1234:1700000000")  # Emacs's lock: a dangling link
    (data_copy / "._quotes.yaml").write_bytes(b"\x00\x05\x16\x07 macOS resource fork")
    (data_copy / "quotes.yaml~").write_text("quotes: [a backup]\n", encoding="utf-8")
    (data_copy / "#themes.yaml#").write_text("themes: [autosave]\n", encoding="utf-8")
    code, out = run(capsys, "check", "--data", str(data_copy))
    assert code == 0 and "no problems found" in out
    assert "note: ignored" in out and ".#quotes.yaml" in out and "._quotes.yaml" in out
    db = tmp_path / "evidence.duckdb"
    code, out = run(capsys, "build", "--data", str(data_copy), "--db", str(db))
    assert code == 0 and db.exists()


def test_a_byte_order_mark_opening_a_file_is_only_an_encoding_mark(data_copy, capsys):
    path = data_copy / "prisma.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    code, out = run(capsys, "check", "--data", str(data_copy))
    assert code == 0, out
