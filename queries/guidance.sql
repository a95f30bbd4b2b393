-- one row: the clinician guide's title, disclaimer and confidence note, and the leaflet's title and intro
select
    g.title,
    g.disclaimer,
    g.confidence_note,
    g.leaflet_title,
    g.leaflet_intro
from guidance as g
limit 1
