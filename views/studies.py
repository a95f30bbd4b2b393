"""Studies: characteristics and quality appraisal, one study in detail, related evidence, and reference export."""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd
import streamlit as st

from components import sections, url_state
from components.charts import matrix_min_width
from components.html_table import chart_or_table, table
from components.quality_charts import quality_frame, quality_heatmap, quality_layout, quality_totals
from components.quote_card import quote_cards
from components.terms import NEUTRAL, CardWords, card_words, term, titled
from components.text import escape, literal, literal_list, markdown_escape
from components.url_state import Choice
from evidence.citations import confirmed, dashboard_name, studies_bibtex, studies_ris
from evidence.database import data_version
from evidence.format.language import NOT_CONFIRMED, NOT_SPECIFIED
from evidence.strength import NOT_SUPPORTED, SUPPORTED
from evidence.values import counted, missing, score_label
from evidence.voice import Voice, voice_of
from queries import filtered_quotes, run_once, run_query

QUOTE_LIMIT = 50


CHARACTERISTICS = {"citation": "Study", "characteristics_aim": "Aim", "characteristics_n": "N (as printed)",
                   "characteristics_definition": "Definition", "characteristics_location": "Location",
                   "characteristics_data_collection": "Data collection", "characteristics_analysis": "Analysis",
                   "quality_score": "Quality score", "quality_max": "Out of"}


REFERENCE_FIELDS = [("authors", "Authors"), ("year", "Year"), ("title", "Title"), ("journal", "Journal"),
                    ("volume", "Volume"), ("issue", "Issue"), ("pages", "Pages"), ("doi", "DOI")]


SUPPORT_TEXT = {
    SUPPORTED: "Named by the paper",
    NOT_SPECIFIED: "The paper counts {count} studies but names only {named}",
    NOT_SUPPORTED: "Not among the {count} studies the paper names",
}


STYLES = """<style>
.nc{font-style:italic;color:#555;border:1px dashed #888;border-radius:.3rem;padding:0 .3rem}
.ref dt{font-weight:600;margin-top:.3rem}.ref dd{margin-left:1rem}
.context{border-left:4px dashed #888;padding-left:.75rem}
</style>"""


def styles() -> None:
    """The page's styles, once."""
    st.html(STYLES)


def characteristics_frame(studies: pd.DataFrame) -> pd.DataFrame:
    """The included studies as the review's table of characteristics prints them, with each quality score."""
    included = studies[studies.included].sort_values("position")
    return included[list(CHARACTERISTICS)].rename(columns=CHARACTERISTICS).reset_index(drop=True)


def characteristics(studies: pd.DataFrame) -> None:
    """The review's table of study characteristics, every column in full (the text wraps; a narrow screen gets a
    card per study)."""
    frame = characteristics_frame(studies)
    for column in ("Quality score", "Out of"):
        frame[column] = frame[column].map(lambda v: "" if pd.isna(v) else str(int(v)))
    table(frame)


def quality_table(ratings: pd.DataFrame) -> pd.DataFrame:
    """The appraisal as a table: one row per study, its rating per criterion, and the printed total."""
    frame = quality_frame(ratings)
    wide = frame.pivot_table(index=["study_position", "citation", "quality_score", "quality_max"],
                             columns="criterion_position", values="rating_label", aggfunc="first")
    labels = frame.drop_duplicates("criterion_position").set_index("criterion_position").short_label
    wide = wide.rename(columns=labels.to_dict()).reset_index().sort_values("study_position")
    wide = wide.rename(columns={"citation": "Study", "quality_score": "Total", "quality_max": "Out of"})
    return wide.drop(columns="study_position").reset_index(drop=True)


def quality_appraisal(ratings: pd.DataFrame, studies: pd.DataFrame, review) -> None:
    """The quality grid, the totals and a table alternative, with how the paper used the scores."""
    literal(f"Checklist: {review.quality_tool}. Appraised by: {review.quality_appraised_by}")
    literal(f"The paper's summary: {review.quality_summary}")
    st.html(f'<p><span class="ev-label">How the scores were used (paper\'s approach, our wording)</span><br>'
            f"{escape(review.quality_approach)}</p>")
    _, columns, rows = quality_layout(ratings)
    chart_or_table("studies_quality", lambda: _quality_charts(ratings, studies),
                   lambda: _quality_table(ratings), "The appraisal as a table",
                   min_width=matrix_min_width(columns, rows))


def _quality_charts(ratings: pd.DataFrame, studies: pd.DataFrame) -> None:
    st.altair_chart(quality_heatmap(ratings), key="studies_quality_chart",
                    alt="Grid of the quality appraisal: each included study against each checklist criterion, "
                        "marked with its rating; the table below has the same ratings.")
    st.caption(f"Each cell gives the study's rating on the criterion (hover for the question as printed). "
               f"{markdown_escape(scale_note(ratings))}")
    st.altair_chart(quality_totals(studies[studies.included]), key="studies_quality_totals",
                    alt="Bar chart of each included study's total quality score out of the maximum, labelled "
                        "with the score; the table below has the same totals.")


def scale_note(ratings: pd.DataFrame) -> str:
    """The rating scale in words: each level used and the points it counts."""
    levels = ratings.drop_duplicates("rating").sort_values("level_position")
    if (levels.rating == levels.rating_label).all():
        return "Each rating is the points given."
    def points(score) -> str:
        return "no score" if pd.isna(score) else counted(int(score), "point")
    return "Ratings: " + "; ".join(f"{label} ({points(score)})"
                                   for label, score in zip(levels.rating_label, levels.score, strict=True)) + "."


def _quality_table(ratings: pd.DataFrame) -> None:
    table(quality_table(ratings), caption=f"The appraisal. {scale_note(ratings)}")
    criteria = quality_frame(ratings).drop_duplicates("criterion_position").sort_values("criterion_position")
    literal_list(f"{c.short_label}: {c.criterion}" for c in criteria.itertuples(index=False))


def _value(value) -> str:
    # A field the records could not confirm says so, marked apart from real values.
    text = confirmed(value)
    return escape(text) if text else f'<span class="nc">{NOT_CONFIRMED}</span>'


def doi_link(doi) -> str:
    """The DOI as a doi.org link when confirmed; otherwise the "not confirmed" mark."""
    text = confirmed(doi)
    if not text:
        return _value(None)
    href = f"https://doi.org/{quote(text, safe='/:;()._-<>')}"
    return f'<a href="{escape(href)}" target="_blank" rel="noopener">{escape(href)}</a>'


def reference_html(study) -> str:
    """The study's full reference, field by field, with unconfirmed fields marked as such."""
    items = []
    for field, label in REFERENCE_FIELDS:
        value = getattr(study, field)
        html = doi_link(value) if field == "doi" else _value(value)
        if field == "authors" and not confirmed(value) and confirmed(getattr(study, "first_author", None)):
            html += f" (first author: {escape(study.first_author)})"
        if field == "year" and confirmed(getattr(study, "year_note", None)):
            html += f" ({escape(study.year_note)})"
        items.append(f"<dt>{escape(label)}</dt><dd>{html}</dd>")
    note = confirmed(getattr(study, "reference_note", None))
    tail = f'<p class="quote-meta">Note on the record: {escape(note)}</p>' if note else ""
    return f'<dl class="ref">{"".join(items)}</dl>{tail}'


def _facts(pairs) -> str:
    # The paper's silence reads as "not specified", never as a blank that looks like an answer.
    body = "".join(f"<dt>{escape(label)}</dt><dd>{escape(value if _present(value) else NOT_SPECIFIED)}</dd>"
                   for label, value in pairs)
    return f'<dl class="fact">{body}</dl>'


def _present(value) -> bool:
    """A fact the paper gives: not a missing cell, not blank (a count may be a number)."""
    return not missing(value) and bool(str(value).strip())


def study_summary(study, review) -> None:
    """What the review's table of characteristics says of one study, and its quality score."""
    score = score_label(study.quality_score, study.quality_max)
    source = titled("the review's table of study characteristics", review, "characteristics")
    st.html(f'<p class="ev-label">From {escape(source)} (paper)</p>' + _facts([
        ("Aim", study.characteristics_aim), ("Sample (as printed)", study.characteristics_n),
        ("What was analysed", study.source_label), ("Data collection", study.characteristics_data_collection),
        ("Analysis", study.characteristics_analysis),
        ("Definition of the condition or topic", study.characteristics_definition),
        ("Location", study.characteristics_location), (titled("Quality score", review, "appraisal"), score)]))


def study_context(context: pd.DataFrame) -> None:
    """Public-record facts about the study, labelled as context and never as findings."""
    if context.empty:
        return
    st.markdown("##### Context from public records")
    st.caption("Facts from the study's own publication record, beyond the review. They are context, "
               "not findings of the synthesis.")
    st.html('<div class="context">' + "".join(f"<p>{escape(t)}</p>" for t in context.text) + "</div>")


def support_frame(themes: pd.DataFrame, theme_word: str = "Theme") -> pd.DataFrame:
    """One row per theme: what the paper says of this study and the theme, in words, with the quotes."""
    said = [SUPPORT_TEXT[t.support].format(count=t.support_count, named=t.studies_named)
            + (f" ({t.basis})" if t.support == SUPPORTED and confirmed(t.basis) else "")
            for t in themes.itertuples(index=False)]
    return pd.DataFrame({theme_word: themes.theme_name, "Support": themes.support, "What the paper says": said,
                         "Support as the paper states it": themes.support_stated,
                         "Quotes from this study": themes.quotes})


def study_themes(themes: pd.DataFrame, words: tuple[str, str] = ("Theme", "Themes")) -> None:
    """The themes the paper ties the study to, with 'not specified' where it does not say."""
    st.markdown(f"##### {markdown_escape(words[1])}")
    st.caption("From the paper's text. \"not specified\" means the paper counts more studies for a theme than "
               "it names, so whether this study is one of them is unknown (not the same as absent).")
    table(support_frame(themes, words[0]))


def study_quotes(quotes: pd.DataFrame, study, review_citation: str, words: CardWords = NEUTRAL) -> None:
    """The study's quotes as cards, and a link to all of them in the quote explorer; a plain line when it has none."""
    shown = quotes.dropna(subset=["id"])
    total = int(quotes.total_matches.iloc[0]) if len(quotes) else 0
    if not total:  # no heading over nothing, and no link to an empty list
        st.caption("The review prints no quote from this study.")
        return
    st.markdown(f"##### Quotes from this study ({total})")
    if total > len(shown):
        st.caption(f"Showing the first {len(shown)}; the quote explorer pages through all {total}.")
    st.page_link("views/quotes.py", label=f"Open {markdown_escape(study.citation)} in the quote explorer",
                 icon=":material/format_quote:", query_params={"study": study.id})
    quote_cards(shown, review_citation, words=words)


def study_page(study, context: pd.DataFrame, themes: pd.DataFrame, quotes: pd.DataFrame, review) -> None:
    """Everything the dashboard holds on one included study."""
    review_citation = review.short_citation
    st.header(markdown_escape(study.citation), anchor=False)
    study_summary(study, review)
    st.markdown("##### Reference")
    st.html(reference_html(study))
    study_context(context)
    study_themes(themes, (term(review, "theme", capital=True), term(review, "themes", capital=True)))
    study_quotes(quotes, study, review_citation, card_words(review))


def echoes_frame(themes: pd.DataFrame, voice: Voice, words: tuple[str, str] = ("theme", "themes")) -> pd.DataFrame:
    """One row per theme of a related study, with the synthesis' themes it echoes (the presenter's reading)."""
    echoes = ["; ".join(str(e) for e in (x if x is not None else []) if e is not None) for x in themes.echoes]
    return pd.DataFrame({f"Its {words[0]}": themes.name, "What it found (our wording)": themes.description,
                         f"Echoes the synthesis' {words[1]} ({voice.added})": echoes,
                         f"Why ({voice.added})": themes.echo_rationale.fillna("")})


def related_study(study, themes: pd.DataFrame, included_count: int, voice: Voice,
                  words: tuple[str, str] = ("theme", "themes")) -> None:
    """A study outside the synthesis, apart from the included ones and never counted with them."""
    with st.container(border=True):
        st.subheader(f"Related evidence: {markdown_escape(study.citation)}", anchor=False)
        st.warning(f"Outside the synthesis: not one of the {included_count} included studies, and never counted "
                   f"with them. Its links to the synthesis' {words[1]} are {voice.coders_own} reading.",
                   icon=":material/call_split:")
        st.html(_facts([("Relation to the review", study.related_relation), ("Design", study.related_design),
                        ("Sample", study.related_sample), ("Setting", study.related_setting),
                        ("Location", study.related_location), ("Aim (our wording)", study.related_aim),
                        ("Conclusion (our wording)", study.related_conclusion)]))
        st.markdown("##### Its themes")
        table(echoes_frame(themes, voice, words))
        with st.expander("Reference"):
            st.html(reference_html(study))


def reference_downloads(rows: list[dict], exported_from: str) -> None:
    """RIS and BibTeX files of the given studies' references."""
    st.caption(f"References of the {len(rows)} included studies. Fields the public records could not confirm "
               "are left out of the files, and a note in each record says what is missing.")
    ris_col, bib_col, _ = st.columns([1, 1, 3])
    with ris_col:
        st.download_button("Download RIS", studies_ris(rows, exported_from), file_name="included_studies.ris",
                           mime="application/x-research-info-systems", key="studies_ris",
                           icon=":material/download:", on_click="ignore")
    with bib_col:
        st.download_button("Download BibTeX", studies_bibtex(rows, exported_from),
                           file_name="included_studies.bib", mime="application/x-bibtex", key="studies_bibtex",
                           icon=":material/download:", on_click="ignore")



def main() -> None:
    """Draw the page."""
    review = run_once("review").iloc[0]
    build = run_once("build_info").iloc[0]
    studies = run_once("studies")
    included = studies[studies.included]
    choice = Choice("study", "Study", dict(zip(included.id, included.citation, strict=True)))
    st.title("Studies")
    st.caption(f"The {len(included)} studies in the synthesis, as the review describes and appraises them"
               + (", and related evidence kept apart from them." if (~studies.included).any() else "."))
    styles()
    state = url_state.read([choice])
    if "studies_study" not in st.session_state and state.values["study"]:
        st.session_state["studies_study"] = state.values["study"][0]
    study_id = st.selectbox("Study", [None, *choice.options], key="studies_study",
                            format_func=lambda v: "All included studies" if v is None else choice.options[v])
    url_state.write({"study": study_id})
    url_state.show_notices(state)
    if study_id:
        study_page(
            next(included[included.id == study_id].itertuples(index=False)),
            run_query("study_context", study_id=study_id),
            run_query("theme_study_matrix", study_id=study_id),
            filtered_quotes(QUOTE_LIMIT, studies=[study_id]),
            review)
    else:
        with sections.parts() as page:
            with page.part(titled("Included studies", review, "characteristics"), "characteristics"):
                characteristics(studies)
            with page.part(titled("Quality appraisal", review, "appraisal"), "appraisal"):
                quality_appraisal(run_once("quality_ratings"), studies, review)
            if (~studies.included).any():
                with page.part("Outside the synthesis", "outside"):
                    related_themes = run_once("related_themes")
                    for study in studies[~studies.included].itertuples(index=False):
                        related_study(study, related_themes[related_themes.study_id == study.id], len(included),
                                      voice_of(review.presented_by), (term(review, "theme"), term(review, "themes")))
            with page.part("Export references", "export"):
                reference_downloads(included.to_dict("records"), f"{dashboard_name(review.short_citation)}, "
                                    f"data version {data_version(build.source_hash)}")

if __name__ == "__main__":  # Streamlit runs a page as __main__; a test may import its parts
    main()
