"""Studies: Table 1 and the quality appraisal, one study in detail, related evidence, and reference export."""

import streamlit as st

from components import study_view, url_state
from components.url_state import Choice
from evidence.citations import dashboard_name
from queries import run_query

review = run_query("review").iloc[0]
build = run_query("build_info").iloc[0]
studies = run_query("studies")
included = studies[studies.included]
choice = Choice("study", "Study", dict(zip(included.id, included.citation, strict=True)))

st.title("Studies")
st.caption(f"The {len(included)} studies in the synthesis, as the review's Tables 1 and 2 describe them, and "
           "related evidence kept apart from them.")
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
        review.short_citation)
else:
    st.header("Included studies (Table 1)", anchor=False)
    study_view.table1(studies)
    st.header("Quality appraisal (Table 2)", anchor=False)
    study_view.quality_appraisal(run_query("quality_ratings"), studies, review)
    related_themes = run_query("related_themes")
    if not studies.included.all():  # a section only where there is related evidence
        st.header("Outside the synthesis", anchor=False)
    for study in studies[~studies.included].itertuples(index=False):
        study_view.related_study(study, related_themes[related_themes.study_id == study.id], len(included))
    st.header("Export references", anchor=False)
    study_view.reference_downloads(included.to_dict("records"), f"{dashboard_name(review.short_citation)}, "
                                   f"data version {build.source_hash[:12]}")
