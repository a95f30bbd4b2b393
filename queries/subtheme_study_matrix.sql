-- one row per subtheme and included study: how many quotes of the study are coded to the subtheme
with quote_counts as (
    select qs.subtheme_id, q.study_id, count(*) as quotes
    from quote_subthemes as qs
    join quotes as q on q.id = qs.quote_id
    group by qs.subtheme_id, q.study_id
)

select
    sub.id as subtheme_id,
    sub.name as subtheme_name,
    t.id as theme_id,
    t.number as theme_number,
    sub.position as subtheme_position,
    s.id as study_id,
    s.citation,
    s.position as study_position,
    coalesce(qc.quotes, 0) as quotes
from subthemes as sub
join themes as t on t.id = sub.theme_id
cross join studies as s
left join quote_counts as qc on qc.subtheme_id = sub.id and qc.study_id = s.id
where s.included
order by t.number, sub.position, s.position
