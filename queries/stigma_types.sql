-- one row per stigma type, with its definition and the number of quotes tagged with it
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
    coalesce(qc.quotes, 0) as quotes
from stigma_types as st
left join quote_counts as qc on qc.stigma_type_id = st.id
order by st.position
