-- one row per study (included ones first, then related evidence), with its quote count
with quote_counts as (
    select q.study_id, count(*) as quotes
    from quotes as q
    group by q.study_id
)

select
    s.*,
    src.label as source_label,
    coalesce(src.plural, src.label || 's') as source_plural,
    coalesce(qc.quotes, 0) as quotes
from studies as s
left join source_types as src on src.id = s.source_id
left join quote_counts as qc on qc.study_id = s.id
order by not s.included, s.position
