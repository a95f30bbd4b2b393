-- one row per stigma type and theme: how many quotes of the theme carry the stigma type
with counts as (
    select qs.stigma_type_id, q.theme_id, count(*) as quotes
    from quote_stigma as qs
    join quotes as q on q.id = qs.quote_id
    group by qs.stigma_type_id, q.theme_id
)

select
    st.id as stigma_type_id,
    st.label as stigma_label,
    st.position as stigma_position,
    t.id as theme_id,
    t.number as theme_number,
    t.name as theme_name,
    coalesce(c.quotes, 0) as quotes
from stigma_types as st
cross join themes as t
left join counts as c on c.stigma_type_id = st.id and c.theme_id = t.id
order by st.position, t.number
