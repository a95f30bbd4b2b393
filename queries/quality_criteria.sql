-- one row per quality criterion, in Table 2's column order
select
    c.id,
    c.position,
    c.short_label,
    c.question,
    c.group_label
from quality_criteria as c
order by c.position
