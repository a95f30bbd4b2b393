-- one row per theme, for one study: whether the paper ties the study to it, leaves it not specified or
-- counts it out, with the paper's basis and the study's quotes in the theme
with named as (
    select st.theme_id, count(*) as studies_named
    from study_themes as st
    group by st.theme_id
),

quote_counts as (
    select q.theme_id, count(*) as quotes
    from quotes as q
    where q.study_id = $study_id
    group by q.theme_id
)

select
    t.id as theme_id,
    t.number,
    t.name,
    t.support_stated,
    t.support_count,
    coalesce(n.studies_named, 0) as studies_named,
    case
        when st.study_id is not null then 'supported'
        when t.support_count > coalesce(n.studies_named, 0) then 'not specified'
        else 'not supported'
    end as support,
    st.basis,
    coalesce(qc.quotes, 0) as quotes
from themes as t
left join study_themes as st on st.theme_id = t.id and st.study_id = $study_id
left join named as n on n.theme_id = t.id
left join quote_counts as qc on qc.theme_id = t.id
order by t.number
