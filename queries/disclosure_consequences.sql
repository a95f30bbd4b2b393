-- one row per feared consequence of disclosure, with the quotes that name it
with quote_lists as (
    select qc.consequence_id, count(*) as quotes, list(qc.quote_id order by q.position) as quote_ids
    from quote_consequences as qc
    join quotes as q on q.id = qc.quote_id
    group by qc.consequence_id
)

select
    d.id,
    d.position,
    d.label,
    d.paper_text,
    d.paper_location,
    coalesce(ql.quotes, 0) as quotes,
    coalesce(ql.quote_ids, []) as quote_ids
from disclosure_consequences as d
left join quote_lists as ql on ql.consequence_id = d.id
order by d.position
