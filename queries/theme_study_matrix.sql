-- one row per theme and included study (or only $study_id's, when given): what the paper says of the
-- pair, and the quotes it prints
with named as (
    select st.theme_id, count(*) as studies_named
    from study_themes as st
    group by st.theme_id
),

quote_counts as (
    select q.theme_id, q.study_id, count(*) as quotes
    from quotes as q
    group by q.theme_id, q.study_id
)

select
    t.id as theme_id,
    t.number as theme_number,
    t.name as theme_name,
    t.support_stated,
    t.support_count,
    coalesce(n.studies_named, 0) as studies_named,
    s.id as study_id,
    s.citation,
    s.position as study_position,
    case
        when st.study_id is not null then 'supported'
        when t.support_count > coalesce(n.studies_named, 0) then 'not specified'
        else 'not supported'
    end as support,
    st.basis,
    coalesce(qc.quotes, 0) as quotes
from themes as t
cross join studies as s
left join study_themes as st on st.theme_id = t.id and st.study_id = s.id
left join named as n on n.theme_id = t.id
left join quote_counts as qc on qc.theme_id = t.id and qc.study_id = s.id
where s.included
  and ($study_id is null or s.id = $study_id)
order by t.number, s.position
