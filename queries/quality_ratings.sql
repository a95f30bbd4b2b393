-- one row per included study and quality criterion: the rating given
select
    s.id as study_id,
    s.citation,
    s.position as study_position,
    s.quality_score,
    s.quality_max,
    c.id as criterion_id,
    c.position as criterion_position,
    c.short_label,
    c.question,
    c.group_label,
    r.rating,
    r.score,
    lv.label as rating_label,
    lv.position as level_position
from quality_ratings as r
join studies as s on s.id = r.study_id
join quality_criteria as c on c.id = r.criterion_id
join rating_levels as lv on lv.id = r.rating
order by s.position, c.position
