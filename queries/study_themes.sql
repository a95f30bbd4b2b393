-- one row per theme, for one study: whether the paper ties the study to it, and its quotes there
with quote_counts as (
    select q.theme_id, count(*) as quotes
    from quotes as q
    where q.study_id = $study_id
    group by q.theme_id
)

select
    t.id as theme_id,
    t.number,
    t.name,
    st.basis,
    st.study_id is not null as paper_links,
    coalesce(qc.quotes, 0) as quotes
from themes as t
left join study_themes as st on st.theme_id = t.id and st.study_id = $study_id
left join quote_counts as qc on qc.theme_id = t.id
order by t.number
