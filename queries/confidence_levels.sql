-- one row per overall level of the review's confidence method, best first, with the method (no rows
-- if no finding is assessed)
select
    m.method,
    m.reference,
    m.overall_source,
    m.note,
    lv.id,
    lv.label,
    lv.meaning,
    lv.position
from confidence_method as m
cross join confidence_levels as lv
where lv.component_id is null
order by lv.position
