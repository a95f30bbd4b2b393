-- one row per theme: its support as the paper states it, how many studies it names, and its quotes
with named as (
    select st.theme_id, count(*) as studies_named, list(s.citation order by s.position) as named_citations
    from study_themes as st
    join studies as s on s.id = st.study_id
    group by st.theme_id
),

quote_counts as (
    select q.theme_id, count(*) as quotes
    from quotes as q
    group by q.theme_id
),

subtheme_counts as (
    select sub.theme_id, count(*) as subthemes
    from subthemes as sub
    group by sub.theme_id
),

included as (
    select count(*) as studies_included
    from studies
    where included
)

select
    t.id,
    t.number,
    t.name,
    t.headline,
    t.headline_citation,
    t.headline_in_quote_id,
    t.summary,
    t.support_stated,
    t.support_count,
    i.studies_included,
    coalesce(n.studies_named, 0) as studies_named,
    t.support_count - coalesce(n.studies_named, 0) as studies_not_specified,
    coalesce(n.named_citations, []) as named_citations,
    coalesce(qc.quotes, 0) as quotes,
    coalesce(sc.subthemes, 0) as subthemes
from themes as t
cross join included as i
left join named as n on n.theme_id = t.id
left join quote_counts as qc on qc.theme_id = t.id
left join subtheme_counts as sc on sc.theme_id = t.id
order by t.number
