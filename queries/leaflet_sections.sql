-- one row per section of the leaflet to hand out, in order
select
    ls.id,
    ls.position,
    ls.heading,
    ls.text,
    ls.bullets,
    ls.staff_note,
    ls.crisis
from leaflet_sections as ls
order by ls.position
