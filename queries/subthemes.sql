-- one row per subtheme, under its theme, with the number of quotes coded to it
with quote_counts as (
    select qs.subtheme_id, count(*) as quotes
    from quote_subthemes as qs
    group by qs.subtheme_id
)

select
    sub.id,
    sub.theme_id,
    t.number as theme_number,
    t.name as theme_name,
    sub.position,
    sub.name,
    sub.description,
    coalesce(qc.quotes, 0) as quotes
from subthemes as sub
join themes as t on t.id = sub.theme_id
left join quote_counts as qc on qc.subtheme_id = sub.id
order by t.number, sub.position
