-- one row per component judgement of every assessed finding (its Evidence Profile), in the method's
-- order of components, each with what the component asks and what its level means
select
    j.finding_id,
    j.component_id,
    lv.component_label,
    lv.component_meaning,
    j.concern_id,
    lv.label as concern_label,
    lv.meaning as concern_meaning,
    j.explanation
from finding_judgements as j
join confidence_levels as lv on lv.component_id = j.component_id and lv.id = j.concern_id
order by j.finding_id, lv.component_position
