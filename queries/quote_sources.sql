-- one row per source type the review declares (interviews, survey answers...), with its quote count
select
    src.id,
    src.label,
    count(q.id) as quotes
from source_types as src
left join quotes as q on q.source_id = src.id
group by src.id, src.label, src.position
order by src.position
