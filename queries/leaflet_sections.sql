-- one row per section of the patient leaflet, in order
select
    ls.id,
    ls.position,
    ls.heading,
    ls.text,
    ls.bullets,
    ls.note
from leaflet_sections as ls
order by ls.position
