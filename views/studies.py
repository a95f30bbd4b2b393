"""Studies: characteristics and quality appraisal, one study in detail, related evidence, and reference export."""

import streamlit as st

from components import study_view, url_state
from components.terms import titled
from components.text import markdown_escape
from components.url_state import Choice
from evidence.citations import dashboard_name
from queries import run_once, run_query

review = run_once("review").iloc[0]
build = run_once("build_info").iloc[0]
studies = run_once("studies")
included = studies[studies.included]
choice = Choice("study", "Study", dict(zip(included.id, included.citation, strict=True)))

st.title("Studies")
st.caption(f"The {len(included)} studies in the synthesis, as the review describes and appraises them"
           + (", and related evidence kept apart from them." if (~studies.included).any() else "."))
study_view.styles()
state = url_state.read([choice])
if "studies_study" not in st.session_state and state.values["study"]:
    st.session_state["studies_study"] = state.values["study"][0]
study_id = st.selectbox("Study", [None, *choice.options], key="studies_study",
                        format_func=lambda v: "All included studies" if v is None else choice.options[v])
url_state.write({"study": study_id})
url_state.show_notices(state)

if study_id:
    study_view.study_page(
        next(included[included.id == study_id].itertuples(index=False)),
        run_query("study_context", study_id=study_id),
        run_query("theme_study_matrix", study_id=study_id),
        run_query("quotes_filtered", themes=[], subthemes=[], studies=[study_id], stigma=[], sources=[],
                  min_quality=None, search=None, quote_ids=[], limit=study_view.QUOTE_LIMIT, offset=0),
        review)
else:
    st.header(markdown_escape(titled("Included studies", review, "characteristics")), anchor=False)
    study_view.characteristics(studies)
    st.header(markdown_escape(titled("Quality appraisal", review, "appraisal")), anchor=False)
    study_view.quality_appraisal(run_once("quality_ratings"), studies, review)
    if (~studies.included).any():
        st.header("Outside the synthesis", anchor=False)
        related_themes = run_once("related_themes")
        for study in studies[~studies.included].itertuples(index=False):
            study_view.related_study(study, related_themes[related_themes.study_id == study.id], len(included))
    st.header("Export references", anchor=False)
    study_view.reference_downloads(included.to_dict("records"), f"{dashboard_name(review.short_citation)}, "
                                   f"data version {build.source_hash[:12]}")
