"""The YAML format is declared once: its JSON Schema and FORMAT.md are derived and current, every source file
of both reviews meets the schema, and `python -m evidence new` starts a synthesis that checks, builds and runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from evidence.format.json_schema import json_schema, schema_text
from evidence.format.reference import format_reference
from tests.conftest import REVIEWS, ROOT, open_page, point_app_at

DOCS = ROOT / "docs"
SOURCE_FILES = [path for folder in REVIEWS.values() for path in sorted(folder.glob("*.yaml"))]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((DOCS / "evidence.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_published_schema_and_format_reference_are_current():
    assert (DOCS / "evidence.schema.json").read_text(encoding="utf-8") == schema_text(), \
        "docs/evidence.schema.json is stale: run python -m evidence docs"
    assert (DOCS / "FORMAT.md").read_text(encoding="utf-8") == format_reference(), \
        "docs/FORMAT.md is stale: run python -m evidence docs"


def test_format_reference_names_every_section_and_field():
    text = format_reference()
    for name, section in json_schema()["properties"].items():
        assert f"## Section `{name}`" in text
        record = section.get("items", section)
        for field in record.get("properties", {}):
            assert f"| `{field}` |" in text, (name, field)


def test_every_section_has_an_example_that_meets_the_schema(validator):
    """A researcher writes from FORMAT.md alone: each section shows a valid example of itself."""
    import re

    text = format_reference()
    examples = {}
    for section, body in re.findall(r"\n## Section `(\w+)`\n(.*?)(?=\n## Section |\Z)", text, re.S):
        block = re.search(r"```yaml\n(.*?)```", body, re.S)
        assert block, f"section {section} has no example"
        examples[section] = yaml.safe_load(block.group(1))
        assert list(examples[section]) == [section]
        assert [e.message for e in validator.iter_errors(examples[section])] == [], section
    assert set(examples) == set(json_schema()["properties"])


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_source_file_meets_the_schema_and_points_editors_at_it(validator, path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    target = (path.parent / text.splitlines()[0].split("$schema=", 1)[1]).resolve()
    assert target == (DOCS / "evidence.schema.json").resolve()
    assert [e.message for e in validator.iter_errors(yaml.safe_load(text))] == []


@pytest.mark.parametrize("document, fragment", [
    ({"quotes": [{"id": "q1", "study": "s", "page": ["four"], "printed_citation": "c", "source": "interview",
                  "theme": "t", "text": "x"}]}, "is not valid under any of the given schemas"),
    ({"quotes": [{"id": "q1", "study": "s", "page": 4, "printed_citation": "c", "source": "interview",
                  "theme": "t", "text": "x", "content_nte": "y"}]}, "Additional properties"),
    ({"statements": [{"id": "Bad Id", "section": "s", "text": "t"}]}, "does not match"),
    ({"themes_list": []}, "Additional properties"),
])
def test_the_schema_rejects_what_check_rejects(validator, document, fragment):
    assert any(fragment in error.message for error in validator.iter_errors(document))


def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "evidence", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_new_writes_a_synthesis_that_checks_builds_and_runs(tmp_path, monkeypatch):
    folder, db = tmp_path / "mine", tmp_path / "mine.duckdb"
    assert run_cli("new", str(folder)).returncode == 0
    checked = run_cli("check", str(folder))
    assert checked.returncode == 0
    # Valid, but the values it wrote for the researcher to replace are pointed out, each at its line.
    text = (folder / "quotes.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, t in enumerate(text, 1) if t.lstrip().startswith("text: 'REPLACE:"))
    assert f"{folder / 'quotes.yaml'}:{line}" in checked.stdout and "still marked 'REPLACE:'" in checked.stdout
    # Each file points editors at the published schema by a path relative to itself, as FORMAT.md says.
    for path in folder.glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = first.removeprefix("# yaml-language-server: $schema=")
        assert target != first and not target.startswith("file:") and not Path(target).is_absolute(), first
        assert (path.parent / target).resolve() == (ROOT / "docs" / "evidence.schema.json").resolve()
    assert run_cli("build", "--data", str(folder), "--db", str(db)).returncode == 0
    point_app_at(monkeypatch, db, folder)
    for name in ("overview", "themes", "quotes", "studies", "guide", "methods"):
        open_page(name)
    # With no vocabulary the page leaves the navigation (tests/browser/test_smoke.py); asked for anyway, it
    # answers plainly or AppTest falls back to the default page: never an exception (open_page checks that).
    asked = open_page("stigma")
    assert any("no vocabulary of coded types" in i.value for i in asked.info) or \
        [t.value for t in asked.title] == [t.value for t in open_page().title]


def test_new_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_cli("new", str(tmp_path))
    assert result.returncode == 1 and "not empty" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]
