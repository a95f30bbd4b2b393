"""Findings: the review's Summary of Qualitative Findings (each finding, how much confidence its authors place in it
and why, and the studies behind it) and each finding's Evidence Profile, filtered by confidence and theme."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import filter_bar, sections, url_state
from components.blocks import block_styles, link
from components.chrome import on_a_phone
from components.findings import level_html
from components.html_table import table
from components.links import quotes_href
from components.terms import term
from components.text import escape, markdown_escape
from evidence.database import data_version
from evidence.findings_files import NOT_ASSESSED, finding_records, findings_csv, findings_docx, findings_json
from evidence.values import as_list, capitalised, counted, text_or_none
from queries import run_once, run_query


def studies_cell(studies) -> str:
    """Each contributing study, its name and count of quotes one link to exactly the finding's own quotes from it;
    a study the finding links no quote of is named plainly."""
    parts = []
    for study in as_list(studies):
        quotes = as_list(study["quote_ids"])
        if quotes:
            parts.append(link(quotes_href(quote=quotes), f"{study['citation']} ({counted(len(quotes), 'quote')})"))
        else:
            parts.append(escape(study["citation"]))
    return "; ".join(parts)


# What a cell says where a finding has nothing to put there, so that no label (a phone card's) stands empty.
STANDALONE = "none (a standalone finding)"
NO_EXPLANATION = "none (not assessed)"


def summary_table(findings: pd.DataFrame, theme_word: str) -> None:
    """The Summary of Qualitative Findings: number, finding, confidence, explanation, studies."""
    frame = pd.DataFrame({
        "#": findings.number.astype(str),
        "Finding": findings.text,
        theme_word: [f"{int(n)}. {name}" if text_or_none(name) else STANDALONE for n, name in
                     zip(findings.theme_number.fillna(0), findings.theme_name, strict=True)],
        "Confidence": [level_html(label, meaning) for label, meaning in
                       zip(findings.confidence_label, findings.confidence_meaning, strict=True)],
        "Explanation": findings.confidence_explanation.fillna(NO_EXPLANATION),
        "Studies": [studies_cell(studies) for studies in findings.studies],
    })
    table(frame, caption="Summary of Qualitative Findings", html=frozenset({"Confidence", "Studies"}))


def evidence_profiles(findings: pd.DataFrame, judgements: pd.DataFrame) -> None:
    """Each assessed finding's Evidence Profile, opened on demand: every component with its concern and why."""
    for finding in findings.itertuples(index=False):
        evidence_profile(finding, judgements[judgements.finding_id == finding.id])


def evidence_profile(finding, profile: pd.DataFrame) -> None:
    """One finding's Evidence Profile on demand (nothing where its authors did not assess it)."""
    if profile.empty:
        return
    with st.expander(f"Evidence Profile: finding {finding.number}"):
        st.html(f"<p>{escape(finding.text)}</p>")
        frame = pd.DataFrame({
            "Component": [level_html(j.component_label, j.component_meaning, "What it asks")
                          for j in profile.itertuples(index=False)],
            "Concern": [level_html(j.concern_label, j.concern_meaning) for j in profile.itertuples(index=False)],
            "Explanation": profile.explanation,
        })
        table(frame, html=frozenset({"Component", "Concern"}))
        st.html(f"<p><strong>Overall: {escape(finding.confidence_label)}.</strong> "
                f"{escape(finding.confidence_explanation)}</p>")


def finding_folds(findings: pd.DataFrame, judgements: pd.DataFrame, theme_word: str) -> None:
    """On a phone, the Summary of Qualitative Findings as one fold per finding, titled by its number, its words and
    its confidence; inside, the rest of its row and its Evidence Profile."""
    sections.fold_styles()
    for finding in findings.itertuples(index=False):
        title = f"{finding.number}. {finding.text}"
        level = finding.confidence_label if text_or_none(finding.confidence_label) else NOT_ASSESSED
        with sections.fold_under(title, f"finding-{finding.id}", f"<h3>{escape(title)}</h3>",
                                 detail=f"Confidence: {level}"):
            theme = (f"{int(finding.theme_number)}. {finding.theme_name}" if text_or_none(finding.theme_name)
                     else STANDALONE)
            st.html(f'<dl class="fact"><dt>{escape(theme_word)}</dt><dd>{escape(theme)}</dd>'
                    f"<dt>Confidence</dt><dd>{level_html(finding.confidence_label, finding.confidence_meaning)}</dd>"
                    f"<dt>Explanation</dt><dd>{escape(text_or_none(finding.confidence_explanation) or NO_EXPLANATION)}"
                    f"</dd><dt>Studies</dt><dd>{studies_cell(finding.studies)}</dd></dl>")
            evidence_profile(finding, judgements[judgements.finding_id == finding.id])


def downloads(records: list[dict], citation: str, version: str, method: str | None, title: str,
              levels: list[tuple[str, str]], levels_source: str | None) -> None:
    """The summary and the profiles as Word, CSV and JSON, each saying what it is from; each file is made only when
    its button is clicked, never on a rerun that only reads the page."""
    stem = "findings"
    with st.container(horizontal=True):
        st.download_button("Word (.docx)", lambda: findings_docx(records, citation, version, method, title, levels,
                                                                   levels_source),
                           file_name=f"{stem}.docx", icon=":material/download:", on_click="ignore",
                           mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        st.download_button("CSV", lambda: findings_csv(records, citation, version, method), file_name=f"{stem}.csv",
                           mime="text/csv", icon=":material/download:", on_click="ignore")
        st.download_button("JSON", lambda: findings_json(records, citation, version, method),
                           file_name=f"{stem}.json",
                           mime="application/json", icon=":material/download:", on_click="ignore")


def main() -> None:
    """Draw the page."""
    review = run_once("review").iloc[0]
    build = run_once("build_info").iloc[0]
    every = run_once("findings", confidence=None, themes=None)
    title = term(review, "findings", capital=True)
    st.title(markdown_escape(title))
    if every.empty:  # the navigation leaves this page out then; an old link still gets a plain answer
        st.info("This synthesis lists no summarised findings, so this page has nothing to show.")
        st.stop()
    block_styles()
    method = run_once("confidence_levels")
    if method.empty:
        st.caption(f"The review's {counted(len(every), 'summarised finding')}. Their confidence was "
                   f"{NOT_ASSESSED}.")
    else:
        first = method.iloc[0]
        st.caption(f"The review's {counted(len(every), 'summarised finding')} and how much confidence its authors "
                   f"place in each, judged with {markdown_escape(first.method)} ({markdown_escape(first.reference)})."
                   f" The levels' meanings are {markdown_escape(first.overall_source)}.")
        if text_or_none(first.note):
            st.caption(markdown_escape(first.note))
    themes = every.dropna(subset=["theme_id"]).drop_duplicates("theme_id").sort_values("theme_number")
    levels = dict(zip(method.id, method.label, strict=True))
    if every.confidence.isna().any():  # a finding the authors did not assess is one choice too, never left out
        levels["not_assessed"] = capitalised(NOT_ASSESSED)
    filters = [*([url_state.Choice("confidence", "Confidence", levels)]
                 if not method.empty else []),
               *([url_state.Choice("theme", term(review, "theme", capital=True),
                                   dict(zip(themes.theme_id, themes.theme_name, strict=True)))]
                 if not themes.empty else [])]
    state = url_state.read(filters)
    url_state.seed_widgets("findings", state, overwrite=url_state.came_by_link("findings", [f.key for f in filters]))
    values = filter_bar.render("findings", filters) if filters else {}
    url_state.write(values, prefix="findings")
    url_state.show_notices(state)
    chosen = dict(confidence=values.get("confidence") or None, themes=values.get("theme") or None)
    # With nothing chosen, the list read once per data version; a reader's choice is filtered in SQL.
    findings = run_query("findings", **chosen) if any(chosen.values()) else every
    judgements = run_once("finding_judgements")
    if findings.empty:
        st.info("No finding matches these filters.")
        return
    if on_a_phone():  # a table of many findings would be many screens of cards
        finding_folds(findings, judgements, term(review, "theme", capital=True))
    else:
        summary_table(findings, term(review, "theme", capital=True))
        evidence_profiles(findings, judgements)
    st.subheader("Download", anchor=False)
    method_name, source = (None, None) if method.empty else (method.iloc[0].method, method.iloc[0].overall_source)
    downloads(finding_records(findings, judgements), review.short_citation, data_version(build.source_hash),
              method_name, title, list(zip(method.label, method.meaning, strict=True)), source)


if __name__ == "__main__":  # Streamlit runs a page as __main__; a test may import its parts
    main()
