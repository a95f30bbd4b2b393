-- one row per talking point, in guide order, with the section it sits in
select
    gs.id as section_id,
    gs.position as section_position,
    gs.title as section_title,
    tp.id,
    tp.position,
    tp.title,
    tp.short,
    tp.body,
    tp.advice
from talking_points as tp
join guidance_sections as gs on gs.id = tp.section_id
order by gs.position, tp.position
