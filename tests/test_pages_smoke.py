"""Every page runs through the real router and shows the review's citation and the data version."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT, html_text

PAGES = sorted(p.stem for p in (ROOT / "views").glob("*.py"))


def test_every_view_is_routed_by_the_app():
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    assert PAGES and all(f'"views/{name}.py"' in source for name in PAGES)
    assert not (ROOT / "pages").exists(), "a pages/ folder switches Streamlit to its legacy router"


@pytest.mark.parametrize("name", PAGES)
def test_page_shows_citation_and_data_version(any_app, review: Path, name):
    at = any_app(name)
    with duckdb.connect(str(review), read_only=True) as con:
        title = con.execute("select title from reviews").fetchone()[0]
        digest = con.execute("select source_hash from build_info").fetchone()[0]
    shown = html_text(at)
    assert "<footer" in shown
    assert title in shown.replace("&#x27;", "'")
    assert f"data version {digest[:12]}" in shown
    assert at.title or "<h1>" in shown, f"{name} has no page title"


@pytest.mark.parametrize("name", PAGES)
def test_a_rerun_reads_only_what_the_readers_choices_ask_for(any_app, review: Path, name, monkeypatch):
    """Everything that depends only on the data version (the review, its studies and themes, claims of a kind,
    option lists) is read once per version; a rerun queries only the quotes its filters choose."""
    import queries

    at = any_app(name)
    ran, execute = [], queries._execute

    def recorded(query, db_path, params, fetch):
        ran.append(query)
        return execute(query, db_path, params, fetch)

    monkeypatch.setattr(queries, "_execute", recorded)
    at.run()
    assert not at.exception
    assert set(ran) <= {"quotes_filtered"}, f"{name} read again on a rerun: {sorted(set(ran) - {'quotes_filtered'})}"


def test_sidebar_and_footer_show_a_marked_up_title_literally(app, data_copy, tmp_path, monkeypatch):
    from evidence.build import build
    from tests.conftest import point_app_at

    review = data_copy / "review.yaml"
    text, replaced = re.subn(r'(\n\s*title: )"[^"\n]*"', r'\1"<b>Bold</b> & *starred* title"',
                             review.read_text(encoding="utf-8"), count=1)
    assert replaced
    review.write_text(text, encoding="utf-8")
    db = tmp_path / "markup.duckdb"
    assert build(data_copy, db).ok
    point_app_at(monkeypatch, db, data_copy)
    shown = html_text(app("quotes"))
    assert "<b>Bold</b>" not in shown
    assert shown.count("&lt;b&gt;Bold&lt;/b&gt; &amp; *starred* title") == 2  # the sidebar and the footer


def test_the_accent_is_the_themes_primary_colour_and_written_once():
    """The focus ring and the rules beside quotes use the theme's primary colour (.streamlit/config.toml, which
    cannot import Python): the styles name it once, as a CSS variable."""
    import tomllib

    from components.chrome import FOCUS
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["theme"]["primaryColor"].lower() == FOCUS.lower()
    code = [p for folder in ("components", "views") for p in (ROOT / folder).glob("*.py")] + [ROOT / "app.py"]
    written = [p.name for p in code if FOCUS.lower() in p.read_text(encoding="utf-8").lower()]
    assert written == ["chrome.py"], f"the accent written outside components/chrome.py: {written}"


def test_streamlit_reads_the_servers_cost_settings():
    """The server runs no full garbage collection after each script run and watches no source files (issue 25:
    together two thirds and more of its CPU per interaction). Read as Streamlit reads `.streamlit/config.toml`
    from where the app is started, so a misspelt option, which Streamlit ignores, fails here."""
    shown = subprocess.run([sys.executable, "-c", "from streamlit import config; config.get_config_options(); "
                            "print(config.get_option('runner.postScriptGC'), "
                            "config.get_option('server.fileWatcherType'))"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert shown == ["False", "none"], shown
