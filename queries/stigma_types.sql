-- one row per stigma type, with its definition, the number of quotes tagged with it, and whether the
-- paper's term for it is the name of one of the paper's subthemes (case aside)
with quote_counts as (
    select qs.stigma_type_id, count(*) as quotes
    from quote_stigma as qs
    group by qs.stigma_type_id
)

select
    st.id,
    st.position,
    st.label,
    st.paper_term,
    st.definition,
    st.rule,
    coalesce(qc.quotes, 0) as quotes,
    exists (select 1 from subthemes as sub where lower(sub.name) = lower(st.paper_term)) as paper_subtheme
from stigma_types as st
left join quote_counts as qc on qc.stigma_type_id = st.id
order by st.position
