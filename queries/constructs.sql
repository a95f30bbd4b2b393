-- one row per third-order construct and theme it draws on
select
    c.id as construct_id,
    c.number as construct_number,
    c.name as construct_name,
    c.description,
    c.rationale,
    t.id as theme_id,
    t.number as theme_number,
    t.name as theme_name,
    ct.provenance
from constructs as c
join construct_themes as ct on ct.construct_id = c.id
join themes as t on t.id = ct.theme_id
order by c.number, t.number
