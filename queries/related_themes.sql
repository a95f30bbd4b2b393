-- one row per theme of a related study outside the synthesis, with the synthesis themes it echoes
select
    rt.id,
    rt.study_id,
    s.citation,
    rt.position,
    rt.name,
    rt.description,
    list(t.name order by t.number) as echoes,
    list(t.id order by t.number) as echo_theme_ids,
    any_value(e.rationale) as echo_rationale
from related_themes as rt
join studies as s on s.id = rt.study_id
left join related_theme_echoes as e on e.related_theme_id = rt.id
left join themes as t on t.id = e.theme_id
group by rt.id, rt.study_id, s.citation, s.position, rt.position, rt.name, rt.description
order by s.position, rt.position
